// Test factories: staff users with a role and unit memberships, created straight in the database.
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { hashPassword } from '../auth/credentials.ts';

export const USER_PASSWORD = 'staff password 123';

/** Creates a user in agency `main` and returns their id and email. */
export async function createUser(
  db: Db,
  options: { email: string; role: Role; units?: string[]; managedUnits?: string[]; name?: string },
): Promise<{ id: number; email: string }> {
  const agency = await db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({
      agency_id: agency.id,
      email: options.email,
      name: options.name ?? options.email.split('@')[0]!,
      role: options.role,
      password_hash: await hashPassword(USER_PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const codes = [...new Set([...(options.units ?? []), ...(options.managedUnits ?? [])])];
  for (const code of codes) {
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('agency_id', '=', agency.id)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('unit_memberships')
      .values({
        agency_id: agency.id,
        user_id: user.id,
        unit_id: unit.id,
        is_manager: options.managedUnits?.includes(code) ?? false,
      })
      .execute();
  }
  return { id: user.id, email: options.email };
}
