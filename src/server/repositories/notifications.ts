// SQL of the notifications inbox: who receives one (active users, never the actor, and for a restricted case only
// those who may see it), writing them, a user's inbox and unread count, marking read, and email preferences.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NotificationEmailPreference, NotificationKind, NotificationsTable, Role } from '../db/schema.ts';

export type NotificationRow = Selectable<NotificationsTable>;

/** Who a notification is for: named users, the members (or managers) of a unit, or everyone with a role. */
export interface RecipientSelector {
  userIds?: number[];
  unitMembersOf?: number | null;
  unitManagersOf?: number | null;
  /** Users with this role; with `inUnit`, only those who are members of that unit (when it has any). */
  role?: Role;
  inUnit?: number | null;
}

export interface Recipient {
  id: number;
  name: string;
  email: string;
  emailPreference: NotificationEmailPreference | null;
}

/**
 * The active users a selector names, less `exceptUserId`; for a restricted case only members of its unit and the
 * people named on it (what visibleCasesFilter lets them see).
 */
export async function resolveRecipients(
  db: Db,
  agencyId: number,
  selector: RecipientSelector,
  options: { exceptUserId: number; caseId: number | null },
): Promise<Recipient[]> {
  const ids = new Set<number>(selector.userIds ?? []);
  const unitFilters: { unitId: number; managersOnly: boolean }[] = [];
  if (selector.unitMembersOf) unitFilters.push({ unitId: selector.unitMembersOf, managersOnly: false });
  if (selector.unitManagersOf) unitFilters.push({ unitId: selector.unitManagersOf, managersOnly: true });
  for (const { unitId, managersOnly } of unitFilters) {
    let query = db
      .selectFrom('unit_memberships')
      .select('user_id')
      .where('agency_id', '=', agencyId)
      .where('unit_id', '=', unitId);
    if (managersOnly) query = query.where('is_manager', '=', true);
    for (const row of await query.execute()) ids.add(row.user_id);
  }
  if (selector.role) {
    const withRole = await db
      .selectFrom('users as u')
      .select('u.id')
      .where('u.agency_id', '=', agencyId)
      .where('u.role', '=', selector.role)
      .where('u.active', '=', true)
      .execute();
    let chosen = withRole.map((r) => r.id);
    if (selector.inUnit) {
      const members = new Set(
        (
          await db
            .selectFrom('unit_memberships')
            .select('user_id')
            .where('agency_id', '=', agencyId)
            .where('unit_id', '=', selector.inUnit)
            .execute()
        ).map((r) => r.user_id),
      );
      const inUnit = chosen.filter((id) => members.has(id));
      if (inUnit.length) chosen = inUnit;
    }
    for (const id of chosen) ids.add(id);
  }
  ids.delete(options.exceptUserId);
  if (ids.size === 0) return [];
  let query = db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as np', (j) =>
      j.onRef('np.agency_id', '=', 'u.agency_id').onRef('np.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 'u.email', 'np.email as preference'])
    .where('u.agency_id', '=', agencyId)
    .where('u.id', 'in', [...ids])
    .where('u.active', '=', true)
    .where('u.role', '<>', 'auditor');
  if (options.caseId !== null) {
    const caseId = options.caseId;
    query = query.where(
      sql<boolean>`(not exists (select 1 from cases c where c.agency_id = ${agencyId} and c.id = ${caseId} and c.restricted)
        or exists (select 1 from cases c join unit_memberships m on m.agency_id = c.agency_id and m.unit_id = c.unit_id
          where c.agency_id = ${agencyId} and c.id = ${caseId} and m.user_id = u.id)
        or exists (select 1 from case_access a where a.agency_id = ${agencyId} and a.case_id = ${caseId} and a.user_id = u.id))`,
    );
  }
  const rows = await query.orderBy('u.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, emailPreference: r.preference ?? null }));
}

export interface NewNotification {
  agencyId: number;
  userId: number;
  kind: NotificationKind;
  caseId: number | null;
  templateId: number | null;
  referralId: number | null;
  actionPlanId: number | null;
  projectId?: number | null;
  procedureId?: number | null;
  actorUserId: number | null;
  summary: string;
  emailed: boolean;
}

/** Writes notifications; returns their ids in order. */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const inserted = await db
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        agency_id: r.agencyId,
        user_id: r.userId,
        kind: r.kind,
        case_id: r.caseId,
        template_id: r.templateId,
        referral_id: r.referralId,
        action_plan_id: r.actionPlanId,
        project_id: r.projectId ?? null,
        procedure_id: r.procedureId ?? null,
        actor_user_id: r.actorUserId,
        summary: r.summary,
        emailed_at: r.emailed ? now : null,
      })),
    )
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export interface InboxRow extends NotificationRow {
  tracking_number: string | null;
}

/** A user's newest notifications (before `beforeId`, for paging). */
export async function inbox(
  db: Db,
  agencyId: number,
  userId: number,
  options: { limit: number; beforeId?: number | undefined; unreadOnly?: boolean | undefined },
): Promise<InboxRow[]> {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'n.agency_id').onRef('c.id', '=', 'n.case_id'))
    .selectAll('n')
    .select('c.tracking_number')
    .where('n.agency_id', '=', agencyId)
    .where('n.user_id', '=', userId);
  if (options.beforeId !== undefined) query = query.where('n.id', '<', options.beforeId);
  if (options.unreadOnly) query = query.where('n.read_at', 'is', null);
  return query.orderBy('n.id', 'desc').limit(options.limit).execute();
}

/** How many of a user's notifications are unread. */
export async function unreadCount(db: Db, agencyId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One of a user's notifications, locked for the change. */
export async function findOwnNotification(db: Db, agencyId: number, userId: number, id: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks one or all of a user's unread notifications read; returns how many changed. */
export async function markRead(db: Db, agencyId: number, userId: number, id: number | 'all', at: Date) {
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== 'all') query = query.where('id', '=', id);
  const rows = await query.returning('id').execute();
  return rows.length;
}

/** A user's email preference (null: never chosen). */
export async function emailPreference(db: Db, agencyId: number, userId: number) {
  const row = await db
    .selectFrom('notification_preferences')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.email ?? null;
}

/** Saves a user's email preference. */
export async function saveEmailPreference(
  db: Db,
  agencyId: number,
  userId: number,
  email: NotificationEmailPreference,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ agency_id: agencyId, user_id: userId, email })
    .onConflict((oc) => oc.columns(['agency_id', 'user_id']).doUpdateSet({ email, updated_at: new Date() }))
    .execute();
}

/** The agency's active staff who can be named in a note (auditors read only, so they are not). */
export async function mentionableUsers(db: Db, agencyId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('role', '<>', 'auditor')
    .orderBy('id')
    .execute();
}

/** A person due a digest: daily_digest chosen, unread notifications not yet emailed, no digest in the last day. */
export interface DigestRecipient {
  agencyId: number;
  userId: number;
  name: string;
  email: string;
}

/** Everyone due a daily digest at `now` (across agencies), at most `limit`. */
export async function digestRecipients(db: Db, now: Date, limit = 500): Promise<DigestRecipient[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await db
    .selectFrom('notification_preferences as p')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'p.agency_id').onRef('u.id', '=', 'p.user_id'))
    .select(['p.agency_id', 'p.user_id', 'u.name', 'u.email'])
    .where('p.email', '=', 'daily_digest')
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('notifications as n')
          .select('n.id')
          .whereRef('n.agency_id', '=', 'p.agency_id')
          .whereRef('n.user_id', '=', 'p.user_id')
          .where('n.read_at', 'is', null)
          .where('n.emailed_at', 'is', null),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notifications as n')
            .select('n.id')
            .whereRef('n.agency_id', '=', 'p.agency_id')
            .whereRef('n.user_id', '=', 'p.user_id')
            .where('n.emailed_at', '>', dayAgo),
        ),
      ),
    )
    .orderBy('p.agency_id')
    .orderBy('p.user_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, userId: r.user_id, name: r.name, email: r.email }));
}

/** A person's unread notifications not yet emailed, oldest first, locked for the digest. */
export async function undigested(db: Db, agencyId: number, userId: number) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'n.agency_id').onRef('c.id', '=', 'n.case_id'))
    .select(['n.id', 'n.kind', 'n.summary', 'n.created_at', 'c.tracking_number'])
    .where('n.agency_id', '=', agencyId)
    .where('n.user_id', '=', userId)
    .where('n.read_at', 'is', null)
    .where('n.emailed_at', 'is', null)
    .orderBy('n.id')
    .forUpdate('n')
    .limit(200)
    .execute();
}

/** Marks notifications as emailed. */
export async function markEmailed(db: Db, agencyId: number, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ emailed_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', 'in', ids)
    .execute();
}
