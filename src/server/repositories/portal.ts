// SQL of the public portal: server secrets, the agency and channel behind a public URL, the subjects a form
// offers, form-token claims (one case per token), what a status page may show, and survey invitations/answers.
import { sql } from 'kysely';
import { publicNamesOf } from './configuration/agency.ts';
import type { Db } from '../db/database.ts';
import type { Agency } from '../context.ts';
import type { ChannelRow } from './channels.ts';
import type { CaseStatus } from '../db/schema.ts';

/** A named server secret, created with `generate()` the first time it is asked for (race-safe). */
export async function serverSecret(db: Db, name: string, generate: () => string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: generate() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

/** A kept server secret, or undefined when it was never generated. */
export async function findServerSecret(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** An agency as the portal shows it: with its name in the portal's languages. */
export interface PortalAgency extends Agency {
  /** The name by language code, as the administrator translated it; a language left out shows `name`. */
  publicNames: Record<string, string>;
}

/** The agency with this slug, or undefined. */
export async function findAgencyBySlug(db: Db, slug: string): Promise<PortalAgency | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone', 'settings'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        slug: row.slug,
        name: row.name,
        timeZone: row.time_zone,
        publicNames: publicNamesOf(row.settings),
      }
    : undefined;
}

/** The agency's name in a language of the portal: the administrator's translation, else its own name. */
export function agencyNameIn(agency: PortalAgency, language: string): string {
  return agency.publicNames[language] ?? agency.name;
}

/** The channel behind a public form: active and with its public form switched on; undefined otherwise. */
export async function findPublicChannel(db: Db, agencyId: number, slug: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('slug', '=', slug)
    .where('active', '=', true)
    .where('public_form', '=', true)
    .executeTakeFirst();
}

/** Every channel of an agency that has an open public form, by name. */
export async function listPublicChannels(db: Db, agencyId: number): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('public_form', '=', true)
    .orderBy('name')
    .execute();
}

export interface FormSubject {
  code: string;
  name: string;
}

/** Active subjects a form offers: the given codes (a channel's list, in its order) or all, by name. */
export async function formSubjects(db: Db, agencyId: number, codes: string[] | undefined): Promise<FormSubject[]> {
  let query = db
    .selectFrom('subjects')
    .select(['code', 'name'])
    .where('agency_id', '=', agencyId)
    .where('active', '=', true);
  if (codes?.length) query = query.where('code', 'in', codes);
  const rows = await query.orderBy('name').execute();
  return codes?.length ? codes.flatMap((code) => rows.filter((r) => r.code === code)) : rows;
}

export interface SubmissionClaim {
  claimed: boolean;
  caseId: number | null;
  trackingNumber: string | null;
  createdAt: Date;
}

/**
 * Claims a form token. The first claim wins; a later one gets the case the first made (or none yet). A claim left
 * without a case for over a minute (its intake failed mid-way) is taken over.
 */
export async function claimSubmission(db: Db, agencyId: number, digest: string): Promise<SubmissionClaim> {
  const inserted = await db
    .insertInto('portal_submissions')
    .values({ agency_id: agencyId, token_digest: digest })
    .onConflict((oc) => oc.columns(['agency_id', 'token_digest']).doNothing())
    .returning('created_at')
    .executeTakeFirst();
  if (inserted) return { claimed: true, caseId: null, trackingNumber: null, createdAt: inserted.created_at };
  const takenOver = await db
    .updateTable('portal_submissions')
    .set({ created_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('token_digest', '=', digest)
    .where('case_id', 'is', null)
    .where('created_at', '<', new Date(Date.now() - 60_000))
    .returning('created_at')
    .executeTakeFirst();
  if (takenOver) return { claimed: true, caseId: null, trackingNumber: null, createdAt: takenOver.created_at };
  const existing = await db
    .selectFrom('portal_submissions')
    .select(['case_id', 'tracking_number', 'created_at'])
    .where('agency_id', '=', agencyId)
    .where('token_digest', '=', digest)
    .executeTakeFirstOrThrow();
  return {
    claimed: false,
    caseId: existing.case_id,
    trackingNumber: existing.tracking_number,
    createdAt: existing.created_at,
  };
}

/** Records the case a claimed token made. */
export async function completeSubmission(
  db: Db,
  agencyId: number,
  digest: string,
  caseId: number,
  trackingNumber: string,
): Promise<void> {
  await db
    .updateTable('portal_submissions')
    .set({ case_id: caseId, tracking_number: trackingNumber })
    .where('agency_id', '=', agencyId)
    .where('token_digest', '=', digest)
    .execute();
}

/** Gives a claim back (the intake was refused), so the same form can be sent again once corrected. */
export async function releaseSubmission(db: Db, agencyId: number, digest: string): Promise<void> {
  await db
    .deleteFrom('portal_submissions')
    .where('agency_id', '=', agencyId)
    .where('token_digest', '=', digest)
    .where('case_id', 'is', null)
    .execute();
}

/** Keeps the digest of a new status-page access code of a case (the code itself is never stored). */
export async function addAccessCode(db: Db, agencyId: number, caseId: number, codeHash: string): Promise<void> {
  await db
    .insertInto('case_access_codes')
    .values({ agency_id: agencyId, case_id: caseId, code_hash: codeHash })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Adds interpretation and accessibility needs to a person (never removes what staff recorded). */
export async function addPersonNeeds(
  db: Db,
  agencyId: number,
  personId: number,
  interpreter: boolean,
  needs: string[],
): Promise<void> {
  if (!interpreter && needs.length === 0) return;
  await db
    .updateTable('people')
    .set((eb) => ({
      interpretation_needed: interpreter ? true : eb.ref('interpretation_needed'),
      accessibility_needs: sql<string[]>`(select coalesce(array_agg(distinct n order by n), '{}') from unnest(${eb.ref(
        'accessibility_needs',
      )} || ${sql.val(needs)}::text[]) as n)`,
    }))
    .where('agency_id', '=', agencyId)
    .where('id', '=', personId)
    .execute();
}

export interface StatusCase {
  id: number;
  trackingNumber: string;
  status: CaseStatus;
  language: string;
  restricted: boolean;
  /** The digests of the case's access codes ('s1:…'); empty when none was given out. */
  accessCodeHashes: string[];
  receivedAt: Date;
  firstResponseDueAt: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}

/** The facts a status page may show about a case, by tracking number, or undefined. */
export async function findStatusCase(
  db: Db,
  agencyId: number,
  trackingNumber: string,
): Promise<StatusCase | undefined> {
  const row = await db
    .selectFrom('cases')
    .select([
      'id',
      'tracking_number',
      'status',
      'language',
      'restricted',
      sql<string[]>`array(select h.code_hash from case_access_codes h
        where h.agency_id = cases.agency_id and h.case_id = cases.id)`.as('access_code_hashes'),
      'received_at',
      'first_response_due_at',
      'first_response_at',
      'closed_at',
    ])
    .where('agency_id', '=', agencyId)
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    status: row.status,
    language: row.language,
    restricted: row.restricted,
    accessCodeHashes: row.access_code_hashes,
    receivedAt: row.received_at,
    firstResponseDueAt: row.first_response_due_at,
    firstResponseAt: row.first_response_at,
    closedAt: row.closed_at,
  };
}

export interface PublicUpdate {
  at: Date;
  subject: string | null;
  body: string;
}

/** The public timeline of a case: entries marked public and the responses sent to the constituent, oldest first. */
export async function publicUpdates(db: Db, agencyId: number, caseId: number): Promise<PublicUpdate[]> {
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['created_at', 'subject', 'body'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where((eb) => eb.or([eb('public', '=', true), eb('kind', '=', 'outbound')]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map((r) => ({ at: r.created_at, subject: r.subject, body: r.body }));
}

export interface ClosedCase {
  id: number;
  trackingNumber: string;
  language: string;
}

/** Closed, unrestricted, unmerged cases closed since `since` that have no survey invitation yet. */
export async function closedCasesWithoutInvitation(
  db: Db,
  agencyId: number,
  since: Date,
  limit: number,
): Promise<ClosedCase[]> {
  const rows = await db
    .selectFrom('cases as c')
    .select(['c.id', 'c.tracking_number', 'c.language'])
    .where('c.agency_id', '=', agencyId)
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '>=', since)
    .where('c.restricted', '=', false)
    .where('c.merged_into_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('survey_invitations as s')
            .select('s.id')
            .whereRef('s.agency_id', '=', 'c.agency_id')
            .whereRef('s.case_id', '=', 'c.id'),
        ),
      ),
    )
    .orderBy('c.closed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, trackingNumber: r.tracking_number, language: r.language }));
}

/** Creates a case's survey invitation; returns its id, or null when the case already has one. */
export async function insertInvitation(
  db: Db,
  input: { agencyId: number; caseId: number; tokenDigest: string; language: string; expiresAt: Date },
): Promise<number | null> {
  const row = await db
    .insertInto('survey_invitations')
    .values({
      agency_id: input.agencyId,
      case_id: input.caseId,
      token_digest: input.tokenDigest,
      language: input.language,
      expires_at: input.expiresAt,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'case_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface Invitation {
  id: number;
  agencyId: number;
  agencySlug: string;
  caseId: number;
  trackingNumber: string;
  language: string;
  expiresAt: Date;
  answeredAt: Date | null;
  restricted: boolean;
}

/** The invitation with this token digest in this agency, or undefined. */
export async function findInvitation(db: Db, agencyId: number, tokenDigest: string): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom('survey_invitations as s')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 's.agency_id').onRef('c.id', '=', 's.case_id'))
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .select([
      's.id',
      's.agency_id',
      'a.slug',
      's.case_id',
      'c.tracking_number',
      's.language',
      's.expires_at',
      's.answered_at',
      'c.restricted',
    ])
    .where('s.agency_id', '=', agencyId)
    .where('s.token_digest', '=', tokenDigest)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencySlug: row.slug,
    caseId: row.case_id,
    trackingNumber: row.tracking_number,
    language: row.language,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    restricted: row.restricted,
  };
}

/** Marks an invitation answered; false when it already was (one answer per token). */
export async function markInvitationAnswered(db: Db, agencyId: number, invitationId: number, at: Date) {
  const row = await db
    .updateTable('survey_invitations')
    .set({ answered_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', '=', invitationId)
    .where('answered_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a survey answer. */
export async function insertSurveyResponse(
  db: Db,
  input: {
    agencyId: number;
    invitationId: number;
    caseId: number;
    satisfaction: number;
    resolved: boolean | null;
    comment: string;
    language: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('survey_responses')
    .values({
      agency_id: input.agencyId,
      invitation_id: input.invitationId,
      case_id: input.caseId,
      satisfaction: input.satisfaction,
      resolved: input.resolved,
      comment: input.comment,
      language: input.language,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
