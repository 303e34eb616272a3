// Failed sign-ins and lock-outs are kept in sign_in_limits (migration 0022, per email digest and per client address
// digest), so the users table's own counters from the foundation, written and read by nothing since, are dropped.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column if exists failed_logins, drop column if exists locked_until`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column if not exists failed_logins int not null default 0,
    add column if not exists locked_until timestamptz`.execute(db);
}
