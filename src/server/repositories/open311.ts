// SQL for Open311 GeoReport v2: API keys (digests only), jurisdictions, service definitions (a subject plus its
// description, keywords and questions), what a 311 request adds to its case, duplicate-submission claims, and
// the public read model of requests (never restricted cases, never personal data).
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseStatus, Open311KeysTable, Open311Question } from '../db/schema.ts';

// ---------------------------------------------------------------- jurisdictions and keys

export interface Open311Agency {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  jurisdictionId: string;
}

const agencyColumns = [
  'agencies.id',
  'agencies.slug',
  'agencies.name',
  'agencies.time_zone',
  sql<string>`coalesce(agencies.jurisdiction_id, agencies.slug)`.as('jurisdiction'),
] as const;

type AgencyColumns = { id: number; slug: string; name: string; time_zone: string; jurisdiction: string };
const toAgency = (r: AgencyColumns): Open311Agency => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  jurisdictionId: r.jurisdiction,
});

/** The agency whose jurisdiction_id (the slug unless set) is `jurisdictionId`, or null. */
export async function findAgencyByJurisdiction(db: Db, jurisdictionId: string): Promise<Open311Agency | null> {
  const row = await db
    .selectFrom('agencies')
    .select(agencyColumns)
    .where(sql<string>`coalesce(agencies.jurisdiction_id, agencies.slug)`, '=', jurisdictionId)
    .executeTakeFirst();
  return row ? toAgency(row) : null;
}

/** The agency with this slug, or null. */
export async function findAgencyBySlug(db: Db, slug: string): Promise<Open311Agency | null> {
  const row = await db.selectFrom('agencies').select(agencyColumns).where('slug', '=', slug).executeTakeFirst();
  return row ? toAgency(row) : null;
}

export interface Open311KeyOwner {
  keyId: number;
  keyName: string;
  agency: Open311Agency;
}

/** The live (not revoked) key with this digest and its agency, in one indexed query; null when there is none. */
export async function findLiveKey(db: Db, keyHash: string): Promise<Open311KeyOwner | null> {
  const row = await db
    .selectFrom('open311_keys')
    .innerJoin('agencies', 'agencies.id', 'open311_keys.agency_id')
    .select([...agencyColumns, 'open311_keys.id as keyId', 'open311_keys.name as keyName'])
    .where('open311_keys.key_hash', '=', keyHash)
    .where('open311_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { keyId: row.keyId, keyName: row.keyName, agency: toAgency(row) } : null;
}

export type Open311KeyRow = Selectable<Open311KeysTable>;

/** Stores a new key's digest. */
export async function insertKey(
  tx: Db,
  agencyId: number,
  values: { name: string; keyHash: string; createdBy: number | null },
): Promise<Open311KeyRow> {
  return tx
    .insertInto('open311_keys')
    .values({ agency_id: agencyId, name: values.name, key_hash: values.keyHash, created_by: values.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's keys, newest first (digests included; callers never present them). */
export async function listKeys(db: Db, agencyId: number): Promise<Open311KeyRow[]> {
  return db.selectFrom('open311_keys').selectAll().where('agency_id', '=', agencyId).orderBy('id', 'desc').execute();
}

/** One key, locked for the rest of the transaction. */
export async function getKeyForUpdate(tx: Db, agencyId: number, id: number): Promise<Open311KeyRow | undefined> {
  return tx
    .selectFrom('open311_keys')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a key revoked now. */
export async function revokeKey(tx: Db, agencyId: number, id: number): Promise<Open311KeyRow> {
  return tx
    .updateTable('open311_keys')
    .set({ revoked_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- services

export interface ServiceRecord {
  code: string;
  name: string;
  groupName: string | null;
  description: string;
  keywords: string[];
  questions: Open311Question[];
  /** Version of the stored definition; 0 when none was saved. */
  version: number;
}

function servicesQuery(db: Db, agencyId: number, includeInactive = false) {
  return db
    .selectFrom('subjects as s')
    .leftJoin('subjects as p', (join) =>
      join.onRef('p.agency_id', '=', 's.agency_id').onRef('p.code', '=', 's.parent_code'),
    )
    .leftJoin('open311_services as o', (join) =>
      join.onRef('o.agency_id', '=', 's.agency_id').onRef('o.subject_code', '=', 's.code'),
    )
    .select(['s.code', 's.name', 'p.name as groupName', 'o.description', 'o.keywords', 'o.questions', 'o.version'])
    .where('s.agency_id', '=', agencyId)
    .$if(!includeInactive, (q) => q.where('s.active', '=', true));
}

type ServiceColumns = {
  code: string;
  name: string;
  groupName: string | null;
  description: string | null;
  keywords: string[] | null;
  questions: Open311Question[] | null;
  version: number | null;
};
const toService = (r: ServiceColumns): ServiceRecord => ({
  code: r.code,
  name: r.name,
  groupName: r.groupName,
  description: r.description ?? '',
  keywords: r.keywords ?? [],
  questions: r.questions ?? [],
  version: r.version ?? 0,
});

/** The agency's active subjects as Open311 services, by code. */
export async function listServices(db: Db, agencyId: number): Promise<ServiceRecord[]> {
  const rows = await servicesQuery(db, agencyId).orderBy('s.code').execute();
  return rows.map(toService);
}

/** One active subject (or any, with includeInactive) as an Open311 service, or null. */
export async function findService(
  db: Db,
  agencyId: number,
  code: string,
  options: { includeInactive?: boolean } = {},
): Promise<ServiceRecord | null> {
  const row = await servicesQuery(db, agencyId, options.includeInactive).where('s.code', '=', code).executeTakeFirst();
  return row ? toService(row) : null;
}

export interface ServiceDefinitionRecord {
  subjectCode: string;
  description: string;
  keywords: string[];
  questions: Open311Question[];
  version: number;
}

/** A subject's stored Open311 definition, locked; null when none was saved yet. */
export async function getServiceDefinitionForUpdate(
  tx: Db,
  agencyId: number,
  subjectCode: string,
): Promise<ServiceDefinitionRecord | null> {
  const row = await tx
    .selectFrom('open311_services')
    .select(['subject_code', 'description', 'keywords', 'questions', 'version'])
    .where('agency_id', '=', agencyId)
    .where('subject_code', '=', subjectCode)
    .forUpdate()
    .executeTakeFirst();
  return row
    ? {
        subjectCode: row.subject_code,
        description: row.description,
        keywords: row.keywords,
        questions: row.questions,
        version: row.version,
      }
    : null;
}

/** Saves a subject's Open311 definition (insert or next version). */
export async function saveServiceDefinition(
  tx: Db,
  agencyId: number,
  values: Omit<ServiceDefinitionRecord, 'version'>,
): Promise<ServiceDefinitionRecord> {
  const row = await tx
    .insertInto('open311_services')
    .values({
      agency_id: agencyId,
      subject_code: values.subjectCode,
      description: values.description,
      keywords: values.keywords,
      questions: JSON.stringify(values.questions),
    })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'subject_code']).doUpdateSet({
        description: values.description,
        keywords: values.keywords,
        questions: JSON.stringify(values.questions),
        version: sql<number>`open311_services.version + 1`,
        updated_at: new Date(),
      }),
    )
    .returning(['subject_code', 'description', 'keywords', 'questions', 'version'])
    .executeTakeFirstOrThrow();
  return {
    subjectCode: row.subject_code,
    description: row.description,
    keywords: row.keywords,
    questions: row.questions,
    version: row.version,
  };
}

// ---------------------------------------------------------------- submissions

/**
 * Claims a submission fingerprint for the case `caseId`, in the transaction that creates the case. True when this
 * caller may keep the case: no claim exists, or the existing one is older than `windowSeconds` (it is taken over).
 * False means a duplicate within the window. A claim of a transaction still open makes this one wait for its end,
 * so two identical requests at the same moment make one case.
 */
export async function claimSubmission(
  tx: Db,
  claim: { agencyId: number; keyId: number; fingerprint: string; windowSeconds: number; caseId: number },
): Promise<boolean> {
  const now = new Date();
  const taken = await tx
    .insertInto('open311_submissions')
    .values({
      agency_id: claim.agencyId,
      key_id: claim.keyId,
      fingerprint: claim.fingerprint,
      case_id: claim.caseId,
      created_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'key_id', 'fingerprint'])
        .doUpdateSet({ created_at: now, case_id: claim.caseId })
        .where('open311_submissions.created_at', '<', new Date(now.getTime() - claim.windowSeconds * 1000)),
    )
    .returning('fingerprint')
    .executeTakeFirst();
  return taken !== undefined;
}

/** The tracking number of the case a standing claim points to, if any. */
export async function claimedCase(
  db: Db,
  claim: { agencyId: number; keyId: number; fingerprint: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('open311_submissions as s')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 's.agency_id').onRef('c.id', '=', 's.case_id'))
    .select('c.tracking_number')
    .where('s.agency_id', '=', claim.agencyId)
    .where('s.key_id', '=', claim.keyId)
    .where('s.fingerprint', '=', claim.fingerprint)
    .executeTakeFirst();
  return row?.tracking_number ?? null;
}

export interface RequestDetails {
  caseId: number;
  keyId: number;
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  zipcode: string | null;
  mediaUrl: string | null;
  deviceId: string | null;
  accountId: string | null;
  attributes: Record<string, string | string[]>;
}

/** Stores what the 311 request adds to its case (in the transaction that creates the case). */
export async function insertRequestDetails(tx: Db, agencyId: number, details: RequestDetails): Promise<void> {
  await tx
    .insertInto('open311_requests')
    .values({
      agency_id: agencyId,
      case_id: details.caseId,
      key_id: details.keyId,
      service_code: details.serviceCode,
      lat: details.lat,
      long: details.long,
      address_string: details.addressString,
      address_id: details.addressId,
      zipcode: details.zipcode,
      media_url: details.mediaUrl,
      device_id: details.deviceId,
      account_id: details.accountId,
      attributes: JSON.stringify(details.attributes),
    })
    .execute();
}

// ---------------------------------------------------------------- public read model

export interface PublicRequestRow {
  trackingNumber: string;
  status: CaseStatus;
  statusNotes: string | null;
  serviceCode: string | null;
  serviceName: string | null;
  description: string;
  unitName: string | null;
  receivedAt: Date;
  updatedAt: Date;
  resolutionDueAt: Date | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  zipcode: string | null;
  mediaUrl: string | null;
  /** The submitter sent it through Open311 POST and staff have not marked the details private. */
  detailsPublic: boolean;
}

export interface PublicRequestFilter {
  trackingNumbers?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  /** Case statuses to keep ('closed' alone, everything but it, or both when undefined). */
  closed?: boolean;
  limit: number;
  offset: number;
}

/**
 * Public 311 requests of an agency: cases of channel 311 that are not restricted, newest first; detailsPublic says
 * whether their description, media and address may be shown (see presentRequest). Only public fields leave this query — no person, no staff, no internal note; status notes are public timeline entries only.
 */
export async function listPublicRequests(
  db: Db,
  agencyId: number,
  filter: PublicRequestFilter,
): Promise<PublicRequestRow[]> {
  let query = db
    .selectFrom('cases as c')
    .leftJoin('open311_requests as r', (join) =>
      join.onRef('r.agency_id', '=', 'c.agency_id').onRef('r.case_id', '=', 'c.id'),
    )
    .leftJoin('subjects as s', (join) =>
      join.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.code', '=', 'c.subject_code'),
    )
    .leftJoin('units as u', (join) => join.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .select((eb) => [
      'c.tracking_number as trackingNumber',
      'c.status',
      eb
        .selectFrom('timeline_entries as t')
        .select('t.body')
        .whereRef('t.agency_id', '=', 'c.agency_id')
        .whereRef('t.case_id', '=', 'c.id')
        .where('t.public', '=', true)
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(1)
        .as('statusNotes'),
      'c.subject_code as serviceCode',
      's.name as serviceName',
      'c.description',
      'u.name as unitName',
      'c.received_at as receivedAt',
      'c.updated_at as updatedAt',
      'c.resolution_due_at as resolutionDueAt',
      'r.lat',
      'r.long',
      'r.address_string as addressString',
      'r.address_id as addressId',
      'r.zipcode',
      'r.media_url as mediaUrl',
      sql<boolean>`(r.case_id is not null and not c.details_private)`.as('detailsPublic'),
    ])
    .where('c.agency_id', '=', agencyId)
    .where('c.channel', '=', '311')
    .where('c.restricted', '=', false);
  if (filter.trackingNumbers) {
    query = query.where('c.tracking_number', 'in', filter.trackingNumbers);
  } else {
    if (filter.serviceCodes) query = query.where('c.subject_code', 'in', filter.serviceCodes);
    if (filter.from) query = query.where('c.received_at', '>=', filter.from);
    if (filter.to) query = query.where('c.received_at', '<=', filter.to);
    if (filter.closed === true) query = query.where('c.status', '=', 'closed');
    if (filter.closed === false) query = query.where('c.status', '<>', 'closed');
  }
  return query
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}
