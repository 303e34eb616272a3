// SQL for response templates and their versions: a template is (code, channel, language); each version moves
// draft → submitted → approved | rejected, and an approved version is later retired. Scoped by agency_id.
import type { Db } from '../db/database.ts';
import type { TemplateChannel, TemplateResponseKind, TemplateStatus } from '../db/schema.ts';

export interface TemplateRecord {
  id: number;
  code: string;
  name: string;
  channel: TemplateChannel;
  language: string;
  purpose: string;
  responseKind: TemplateResponseKind;
  createdAt: Date;
}

export interface TemplateVersionRecord {
  templateId: number;
  version: number;
  subject: string;
  body: string;
  status: TemplateStatus;
  createdBy: number | null;
  createdByName: string | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

export interface TemplateFilter {
  code?: string | undefined;
  channel?: TemplateChannel | undefined;
  language?: string | undefined;
  /** Templates with at least one version in this status. */
  status?: TemplateStatus | undefined;
}

const templateColumns = [
  'id',
  'code',
  'name',
  'channel',
  'language',
  'purpose',
  'response_kind',
  'created_at',
] as const;
const toTemplate = (r: {
  id: number;
  code: string;
  name: string;
  channel: TemplateChannel;
  language: string;
  purpose: string;
  response_kind: TemplateResponseKind;
  created_at: Date;
}): TemplateRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  channel: r.channel,
  language: r.language,
  purpose: r.purpose,
  responseKind: r.response_kind,
  createdAt: r.created_at,
});

function versionsQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('template_versions as v')
    .leftJoin('users as author', (join) =>
      join.onRef('author.agency_id', '=', 'v.agency_id').onRef('author.id', '=', 'v.created_by'),
    )
    .leftJoin('users as decider', (join) =>
      join.onRef('decider.agency_id', '=', 'v.agency_id').onRef('decider.id', '=', 'v.decided_by'),
    )
    .select([
      'v.template_id',
      'v.version',
      'v.subject',
      'v.body',
      'v.status',
      'v.created_by',
      'author.name as created_by_name',
      'v.decided_by',
      'decider.name as decided_by_name',
      'v.decided_at',
      'v.decision_note',
      'v.created_at',
    ])
    .where('v.agency_id', '=', agencyId);
}

const toVersion = (r: {
  template_id: number;
  version: number;
  subject: string;
  body: string;
  status: TemplateStatus;
  created_by: number | null;
  created_by_name: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}): TemplateVersionRecord => ({
  templateId: r.template_id,
  version: r.version,
  subject: r.subject,
  body: r.body,
  status: r.status,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  createdAt: r.created_at,
});

/** Templates matching the filter, ordered by code, channel and language. */
export async function listTemplates(db: Db, agencyId: number, filter: TemplateFilter): Promise<TemplateRecord[]> {
  let query = db.selectFrom('templates').select(templateColumns).where('agency_id', '=', agencyId);
  if (filter.code) query = query.where('code', '=', filter.code);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.status) {
    const status = filter.status;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('template_versions as v')
          .select('v.version')
          .whereRef('v.agency_id', '=', 'templates.agency_id')
          .whereRef('v.template_id', '=', 'templates.id')
          .where('v.status', '=', status),
      ),
    );
  }
  const rows = await query.orderBy('code').orderBy('channel').orderBy('language').execute();
  return rows.map(toTemplate);
}

/** One template (locked when `lock`: version changes of one template are serialized on its row). */
export async function getTemplate(db: Db, agencyId: number, id: number, lock = false): Promise<TemplateRecord | null> {
  let query = db.selectFrom('templates').select(templateColumns).where('agency_id', '=', agencyId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toTemplate(row) : null;
}

/** The template with this code, channel and language, or null. */
export async function findTemplate(
  db: Db,
  agencyId: number,
  key: { code: string; channel: TemplateChannel; language: string },
): Promise<TemplateRecord | null> {
  const row = await db
    .selectFrom('templates')
    .select(templateColumns)
    .where('agency_id', '=', agencyId)
    .where('code', '=', key.code)
    .where('channel', '=', key.channel)
    .where('language', '=', key.language)
    .executeTakeFirst();
  return row ? toTemplate(row) : null;
}

/** Every version of the given templates, newest first within each template. */
export async function listVersions(
  db: Db,
  agencyId: number,
  templateIds: readonly number[],
): Promise<TemplateVersionRecord[]> {
  if (templateIds.length === 0) return [];
  const rows = await versionsQuery(db, agencyId)
    .where('v.template_id', 'in', [...templateIds])
    .orderBy('v.template_id')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** One version of a template, or null. */
export async function getVersion(
  db: Db,
  agencyId: number,
  templateId: number,
  version: number,
): Promise<TemplateVersionRecord | null> {
  const row = await versionsQuery(db, agencyId)
    .where('v.template_id', '=', templateId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** The approved version of a template, or null. */
export async function getApprovedVersion(
  db: Db,
  agencyId: number,
  templateId: number,
): Promise<TemplateVersionRecord | null> {
  const row = await versionsQuery(db, agencyId)
    .where('v.template_id', '=', templateId)
    .where('v.status', '=', 'approved')
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Inserts a template; returns it. */
export async function insertTemplate(
  tx: Db,
  agencyId: number,
  template: {
    code: string;
    name: string;
    channel: TemplateChannel;
    language: string;
    purpose: string;
    responseKind: TemplateResponseKind;
  },
): Promise<TemplateRecord> {
  const row = await tx
    .insertInto('templates')
    .values({
      agency_id: agencyId,
      code: template.code,
      name: template.name,
      channel: template.channel,
      language: template.language,
      purpose: template.purpose,
      response_kind: template.responseKind,
    })
    .returning(templateColumns)
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

/** Adds the next version (as a draft) to a template; the caller holds the template's row lock. */
export async function insertDraftVersion(
  tx: Db,
  agencyId: number,
  templateId: number,
  draft: { subject: string; body: string; createdBy: number | null },
): Promise<number> {
  const last = await tx
    .selectFrom('template_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('agency_id', '=', agencyId)
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  const version = Number(last?.max ?? 0) + 1;
  await tx
    .insertInto('template_versions')
    .values({
      agency_id: agencyId,
      template_id: templateId,
      version,
      subject: draft.subject,
      body: draft.body,
      status: 'draft',
      created_by: draft.createdBy,
    })
    .execute();
  return version;
}

/** Moves a version to a new status, recording who decided and why when given. */
export async function setVersionStatus(
  tx: Db,
  agencyId: number,
  templateId: number,
  version: number,
  change: { status: TemplateStatus; decidedBy?: number | null; decisionNote?: string | null },
): Promise<void> {
  await tx
    .updateTable('template_versions')
    .set({
      status: change.status,
      ...(change.decidedBy !== undefined ? { decided_by: change.decidedBy, decided_at: new Date() } : {}),
      ...(change.decisionNote !== undefined ? { decision_note: change.decisionNote } : {}),
    })
    .where('agency_id', '=', agencyId)
    .where('template_id', '=', templateId)
    .where('version', '=', version)
    .execute();
}
