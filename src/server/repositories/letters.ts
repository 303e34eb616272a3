// SQL for letters: the agency letterhead, outbound letters (timeline entries with channel 'letter') and their
// recipients, print batches and the letters each holds, and the mailing log. Scoped by agency_id; case lists go
// through visibleCasesFilter so a letter of a case the caller may not see does not exist for them.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export interface LetterheadRecord {
  name: string;
  addressLines: string[];
  phone: string;
  web: string;
  logoDataUrl: string | null;
  version: number;
  updatedAt: Date | null;
}

/** The stored letterhead, or null when the agency has none yet. */
export async function findLetterhead(db: Db, agencyId: number, lock = false): Promise<LetterheadRecord | null> {
  let query = db
    .selectFrom('letterheads')
    .select(['name', 'address_lines', 'phone', 'web', 'logo_data_url', 'version', 'updated_at'])
    .where('agency_id', '=', agencyId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row
    ? {
        name: row.name,
        addressLines: row.address_lines,
        phone: row.phone,
        web: row.web,
        logoDataUrl: row.logo_data_url,
        version: row.version,
        updatedAt: row.updated_at,
      }
    : null;
}

/** Writes the letterhead (insert or update), bumping its version. */
export async function saveLetterhead(
  tx: Db,
  agencyId: number,
  values: { name: string; addressLines: string[]; phone: string; web: string; logoDataUrl: string | null },
): Promise<void> {
  const row = {
    name: values.name,
    address_lines: JSON.stringify(values.addressLines),
    phone: values.phone,
    web: values.web,
    logo_data_url: values.logoDataUrl,
  };
  await tx
    .insertInto('letterheads')
    .values({ agency_id: agencyId, ...row })
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet({
        ...row,
        version: sql`letterheads.version + 1`,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** An outbound letter with what its printed form needs from the case, the person and the author. */
export interface LetterRow {
  entryId: number;
  caseId: number;
  trackingNumber: string;
  restricted: boolean;
  personId: number | null;
  firstName: string;
  lastName: string;
  subject: string;
  body: string;
  language: string;
  deliveryStatus: string | null;
  createdAt: Date;
  authorName: string | null;
}

function lettersQuery(db: Db, ctx: CommandContext) {
  return db
    .selectFrom('timeline_entries as e')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 'e.agency_id').onRef('c.id', '=', 'e.case_id'))
    .leftJoin('people as p', (join) => join.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('users as u', (join) =>
      join.onRef('u.agency_id', '=', 'e.agency_id').onRef('u.id', '=', 'e.author_user_id'),
    )
    .select([
      'e.id as entryId',
      'c.id as caseId',
      'c.tracking_number as trackingNumber',
      'c.restricted as restricted',
      'c.person_id as personId',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'e.subject as subject',
      'e.body as body',
      'e.language as entryLanguage',
      'c.language as caseLanguage',
      'e.delivery_status as deliveryStatus',
      'e.created_at as createdAt',
      'u.name as authorName',
    ])
    .where('e.agency_id', '=', ctx.agency.id)
    .where('e.kind', '=', 'outbound')
    .where('e.channel', '=', 'letter')
    .where(visibleCasesFilter(ctx));
}

type RawLetter = Awaited<ReturnType<ReturnType<typeof lettersQuery>['execute']>>[number];
const toLetter = (r: RawLetter): LetterRow => ({
  entryId: r.entryId,
  caseId: r.caseId,
  trackingNumber: r.trackingNumber,
  restricted: r.restricted,
  personId: r.personId,
  firstName: r.firstName ?? '',
  lastName: r.lastName ?? '',
  subject: r.subject ?? '',
  body: r.body,
  language: r.entryLanguage ?? r.caseLanguage,
  deliveryStatus: r.deliveryStatus,
  createdAt: r.createdAt,
  authorName: r.authorName,
});

/** One outbound letter of a case the caller may see, or null. */
export async function findLetter(
  db: Db,
  ctx: CommandContext,
  trackingNumber: string,
  entryId: number,
): Promise<LetterRow | null> {
  const row = await lettersQuery(db, ctx)
    .where('c.tracking_number', '=', trackingNumber)
    .where('e.id', '=', entryId)
    .executeTakeFirst();
  return row ? toLetter(row) : null;
}

/** Letters waiting to be printed, of cases the caller may see, oldest first. */
export async function lettersToPrint(db: Db, ctx: CommandContext, limit: number): Promise<LetterRow[]> {
  const rows = await lettersQuery(db, ctx)
    .where('e.delivery_status', '=', 'to_print')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map(toLetter);
}

/** Of these letters, the ids still waiting to be printed, locked until the transaction ends. */
export async function lockWaitingLetters(tx: Db, agencyId: number, entryIds: number[]): Promise<number[]> {
  if (entryIds.length === 0) return [];
  const rows = await tx
    .selectFrom('timeline_entries')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', entryIds)
    .where('delivery_status', '=', 'to_print')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** Sets the delivery status of these letters. */
export async function setLetterStatus(tx: Db, agencyId: number, entryIds: number[], status: string): Promise<void> {
  if (entryIds.length === 0) return;
  await tx
    .updateTable('timeline_entries')
    .set({ delivery_status: status })
    .where('agency_id', '=', agencyId)
    .where('id', 'in', entryIds)
    .execute();
}

/** The mailing addresses of a person, primary first, as entered. */
export async function mailingAddresses(db: Db, agencyId: number, personIds: number[]): Promise<Map<number, string[]>> {
  const byPerson = new Map<number, string[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom('person_contacts')
    .select(['person_id', 'value'])
    .where('agency_id', '=', agencyId)
    .where('person_id', 'in', [...new Set(personIds)])
    .where('kind', '=', 'address')
    .orderBy('person_id')
    .orderBy('is_primary', 'desc')
    .orderBy('position')
    .execute();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row.value]);
  return byPerson;
}

export interface PrintBatchRecord {
  id: number;
  createdAt: Date;
  createdBy: number | null;
  createdByName: string | null;
  letterCount: number;
  sizeBytes: number;
  storageKey: string;
  mailedOn: string | null;
  mailedAt: Date | null;
}

function batchesQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('print_batches as b')
    .leftJoin('users as u', (join) => join.onRef('u.agency_id', '=', 'b.agency_id').onRef('u.id', '=', 'b.created_by'))
    .select([
      'b.id',
      'b.created_at',
      'b.created_by',
      'u.name as created_by_name',
      'b.letter_count',
      'b.size_bytes',
      'b.storage_key',
      sql<string | null>`to_char(b.mailed_on, 'YYYY-MM-DD')`.as('mailed_on'),
      'b.mailed_at',
    ])
    .where('b.agency_id', '=', agencyId);
}

const toBatch = (r: Awaited<ReturnType<ReturnType<typeof batchesQuery>['execute']>>[number]): PrintBatchRecord => ({
  id: r.id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  letterCount: r.letter_count,
  sizeBytes: r.size_bytes,
  storageKey: r.storage_key,
  mailedOn: r.mailed_on,
  mailedAt: r.mailed_at,
});

/** Print batches, newest first. */
export async function listBatches(db: Db, agencyId: number, limit: number): Promise<PrintBatchRecord[]> {
  const rows = await batchesQuery(db, agencyId).orderBy('b.id', 'desc').limit(limit).execute();
  return rows.map(toBatch);
}

/** One print batch (locked when `lock`), or null. */
export async function findBatch(db: Db, agencyId: number, id: number, lock = false): Promise<PrintBatchRecord | null> {
  if (lock) {
    await db
      .selectFrom('print_batches')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }
  const row = await batchesQuery(db, agencyId).where('b.id', '=', id).executeTakeFirst();
  return row ? toBatch(row) : null;
}

/** Records a batch and its letters in print order; returns the batch id. */
export async function insertBatch(
  tx: Db,
  agencyId: number,
  batch: { createdBy: number | null; storageKey: string; sizeBytes: number; letters: LetterRow[] },
): Promise<number> {
  const row = await tx
    .insertInto('print_batches')
    .values({
      agency_id: agencyId,
      created_by: batch.createdBy,
      letter_count: batch.letters.length,
      storage_key: batch.storageKey,
      size_bytes: batch.sizeBytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('print_batch_letters')
    .values(
      batch.letters.map((letter, position) => ({
        agency_id: agencyId,
        batch_id: row.id,
        entry_id: letter.entryId,
        case_id: letter.caseId,
        position,
      })),
    )
    .execute();
  return row.id;
}

/** The letters of a batch in print order, with whether the caller may see each one's case. */
export async function batchLetters(db: Db, ctx: CommandContext, batchId: number) {
  const visible = db.selectFrom('cases as c').select('c.id').where(visibleCasesFilter(ctx));
  return db
    .selectFrom('print_batch_letters as l')
    .innerJoin('cases as k', (join) => join.onRef('k.agency_id', '=', 'l.agency_id').onRef('k.id', '=', 'l.case_id'))
    .select([
      'l.entry_id as entryId',
      'l.case_id as caseId',
      'k.tracking_number as trackingNumber',
      (eb) => eb('l.case_id', 'in', visible).as('visible'),
    ])
    .where('l.agency_id', '=', ctx.agency.id)
    .where('l.batch_id', '=', batchId)
    .orderBy('l.position')
    .execute();
}

/** Marks a batch mailed and writes one mailing-log row per letter. */
export async function recordBatchMailed(
  tx: Db,
  agencyId: number,
  batchId: number,
  mailing: { mailedOn: string; by: number | null; letters: { entryId: number; caseId: number }[] },
): Promise<void> {
  await tx
    .updateTable('print_batches')
    .set({ mailed_on: mailing.mailedOn, mailed_by: mailing.by, mailed_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', batchId)
    .execute();
  if (mailing.letters.length === 0) return;
  await tx
    .insertInto('letter_mailings')
    .values(
      mailing.letters.map((l) => ({
        agency_id: agencyId,
        entry_id: l.entryId,
        case_id: l.caseId,
        batch_id: batchId,
        mailed_on: mailing.mailedOn,
        recorded_by: mailing.by,
      })),
    )
    .execute();
}

export interface MailingLogRow {
  mailedOn: string;
  trackingNumber: string;
  entryId: number;
  batchId: number | null;
  recipient: string;
  language: string;
  subject: string;
  recordedBy: string | null;
}

/** The mailing log between two dates (inclusive), of cases the caller may see, by date then letter. */
export async function mailingLog(
  db: Db,
  ctx: CommandContext,
  range: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<MailingLogRow[]> {
  let query = db
    .selectFrom('letter_mailings as m')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 'm.agency_id').onRef('c.id', '=', 'm.case_id'))
    .innerJoin('timeline_entries as e', (join) =>
      join.onRef('e.agency_id', '=', 'm.agency_id').onRef('e.id', '=', 'm.entry_id'),
    )
    .leftJoin('people as p', (join) => join.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('users as u', (join) => join.onRef('u.agency_id', '=', 'm.agency_id').onRef('u.id', '=', 'm.recorded_by'))
    .select([
      sql<string>`to_char(m.mailed_on, 'YYYY-MM-DD')`.as('mailedOn'),
      'c.tracking_number as trackingNumber',
      'm.entry_id as entryId',
      'm.batch_id as batchId',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'e.language as language',
      'e.subject as subject',
      'u.name as recordedBy',
    ])
    .where('m.agency_id', '=', ctx.agency.id)
    .where(visibleCasesFilter(ctx));
  if (range.from) query = query.where('m.mailed_on', '>=', range.from);
  if (range.to) query = query.where('m.mailed_on', '<=', range.to);
  const rows = await query.orderBy('m.mailed_on').orderBy('m.entry_id').limit(range.limit).execute();
  return rows.map((r) => ({
    mailedOn: r.mailedOn,
    trackingNumber: r.trackingNumber,
    entryId: r.entryId,
    batchId: r.batchId,
    recipient: `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim(),
    language: r.language ?? '',
    subject: r.subject ?? '',
    recordedBy: r.recordedBy,
  }));
}
