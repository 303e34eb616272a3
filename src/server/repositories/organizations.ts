// The organisations directory: organisations, their contacts (people of the directory), and what is linked to them
// (engagements, media inquiries, cases made from issues raised at their engagements). Every statement is scoped to
// one agency.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OrganizationsTable } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganization = Omit<Insertable<OrganizationsTable>, 'agency_id'>;

/** Adds an organisation. */
export function insertOrganization(tx: Db, agencyId: number, values: NewOrganization): Promise<OrganizationRow> {
  return tx
    .insertInto('organizations')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One organisation of the agency, optionally locked for an update. */
export async function getOrganization(
  db: Db,
  agencyId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<OrganizationRow | undefined> {
  let query = db.selectFrom('organizations').selectAll().where('agency_id', '=', agencyId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Writes changed fields and bumps the version. */
export function updateOrganization(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Omit<Updateable<OrganizationsTable>, 'agency_id' | 'id' | 'version'>,
): Promise<OrganizationRow> {
  return tx
    .updateTable('organizations')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface OrganizationSearch {
  /** Already folded with normalizeName. */
  foldedName?: string | undefined;
  type?: string | undefined;
  language?: string | undefined;
  includeInactive?: boolean | undefined;
  limit: number;
}

/** Organisations matching a folded name fragment, type and language, by name. */
export async function searchOrganizations(
  db: Db,
  agencyId: number,
  search: OrganizationSearch,
): Promise<{ items: OrganizationRow[]; total: number }> {
  let query = db.selectFrom('organizations').where('agency_id', '=', agencyId);
  if (search.foldedName) query = query.where('search_name', 'like', likePattern(search.foldedName));
  if (search.type) query = query.where('type', '=', search.type);
  if (search.language) query = query.where(sql<boolean>`${search.language} = any(languages)`);
  if (!search.includeInactive) query = query.where('active', '=', true);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('search_name').orderBy('id').limit(search.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Which of the given ids are organisations of the agency. */
export async function existingOrganizationIds(db: Db, agencyId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('organizations')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface OrganizationContactRow {
  person_id: number;
  first_name: string;
  last_name: string;
  role: string;
  email: string | null;
  phone: string | null;
}

/** The organisation's contacts with each person's first email and phone. */
export function listOrganizationContacts(db: Db, agencyId: number, organizationId: number) {
  const firstContact = (kind: 'email' | 'phone') =>
    sql<string | null>`(select pc.value from person_contacts pc where pc.agency_id = oc.agency_id
      and pc.person_id = oc.person_id and pc.kind = ${kind} order by pc.is_primary desc, pc.position limit 1)`;
  return db
    .selectFrom('organization_contacts as oc')
    .innerJoin('people as p', (join) =>
      join.onRef('p.agency_id', '=', 'oc.agency_id').onRef('p.id', '=', 'oc.person_id'),
    )
    .select(['oc.person_id', 'p.first_name', 'p.last_name', 'oc.role'])
    .select([firstContact('email').as('email'), firstContact('phone').as('phone')])
    .where('oc.agency_id', '=', agencyId)
    .where('oc.organization_id', '=', organizationId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute() as Promise<OrganizationContactRow[]>;
}

/** Links a person as a contact (or changes their role). */
export async function upsertOrganizationContact(
  tx: Db,
  agencyId: number,
  organizationId: number,
  personId: number,
  role: string,
): Promise<void> {
  await tx
    .insertInto('organization_contacts')
    .values({ agency_id: agencyId, organization_id: organizationId, person_id: personId, role })
    .onConflict((oc) => oc.columns(['agency_id', 'organization_id', 'person_id']).doUpdateSet({ role }))
    .execute();
}

/** Unlinks a contact; true when there was one. */
export async function deleteOrganizationContact(
  tx: Db,
  agencyId: number,
  organizationId: number,
  personId: number,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('organization_contacts')
    .where('agency_id', '=', agencyId)
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A person of the agency that is not merged into another. */
export async function personExists(db: Db, agencyId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', '=', personId)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** What is linked to an organisation: its engagements, the media inquiries from it, and the visible cases. */
export async function organizationLinks(ctx: CommandContext, organizationId: number) {
  const agencyId = ctx.agency.id;
  const [engagements, inquiries, cases] = await Promise.all([
    ctx.db
      .selectFrom('engagements as e')
      .innerJoin('engagement_organizations as eo', (join) =>
        join.onRef('eo.agency_id', '=', 'e.agency_id').onRef('eo.engagement_id', '=', 'e.id'),
      )
      .select(['e.id', 'e.kind', 'e.title', 'e.starts_at'])
      .where('e.agency_id', '=', agencyId)
      .where('eo.organization_id', '=', organizationId)
      .orderBy('e.starts_at', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('media_inquiries')
      .select(['id', 'topic', 'status', 'deadline_at'])
      .where('agency_id', '=', agencyId)
      .where('outlet_organization_id', '=', organizationId)
      .orderBy('deadline_at', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('engagement_issues as i')
      .innerJoin('engagement_organizations as eo', (join) =>
        join.onRef('eo.agency_id', '=', 'i.agency_id').onRef('eo.engagement_id', '=', 'i.engagement_id'),
      )
      .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 'i.agency_id').onRef('c.id', '=', 'i.case_id'))
      .select(['c.tracking_number', 'c.status', 'i.id as issue_id'])
      .where('i.agency_id', '=', agencyId)
      .where('eo.organization_id', '=', organizationId)
      .where(visibleCasesFilter(ctx))
      .orderBy('i.id', 'desc')
      .limit(200)
      .execute(),
  ]);
  return { engagements, inquiries, cases };
}
