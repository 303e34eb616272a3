// Plan notifications: the deadline sweep tells an overdue action's owner (action_overdue) and, a week later, the
// plan's owner (action_escalated) through the notifications inbox like everything else, so each follows the person's
// email preference; such a notification names its plan, which the inbox links to.
import { sql, type Kysely } from 'kysely';

const KINDS_0023 = [
  'assigned',
  'referral',
  'reply',
  'escalated',
  'approval_requested',
  'mentioned',
  'deadline_warning',
];
const KINDS = [...KINDS_0023, 'action_overdue', 'action_escalated'];

const kindCheck = (kinds: string[]) =>
  `alter table notifications add constraint notifications_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(',')}))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'alter table notifications drop constraint notifications_kind_check',
    kindCheck(KINDS),
    'alter table notifications add column action_plan_id int',
    `alter table notifications add constraint notifications_action_plan_fkey
      foreign key (agency_id, action_plan_id) references action_plans (agency_id, id)`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `delete from notifications where kind in ('action_overdue','action_escalated')`,
    'alter table notifications drop column if exists action_plan_id',
    'alter table notifications drop constraint notifications_kind_check',
    kindCheck(KINDS_0023),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
