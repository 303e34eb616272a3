// Helpers for the configuration API tests: staff of a given role created through the API and signed in, and the
// audit rows a change left behind.
import { expect } from 'vitest';
import { signInAs, type SignedIn, type TestApp } from './test-app.ts';
import type { Role } from '../db/schema.ts';

let counter = 0;

/** Creates a user with `role` through POST /users (as `admin`) and signs them in. */
export async function signInWithRole(t: TestApp, admin: SignedIn, role: Role): Promise<SignedIn & { id: number }> {
  counter += 1;
  const email = `${role}-${counter}-${process.pid}@example.gov`;
  const password = 'a long enough password';
  const res = await admin.call('POST', '/api/v1/users', { email, name: `${role} ${counter}`, role, password });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(await signInAs(t.app, email, password)), id: res.json().id as number };
}

/** The audit rows of one entity type (and action), oldest first. */
export async function auditRows(t: TestApp, entityType: string, action?: string) {
  let query = t.db.selectFrom('audit_events').selectAll().where('entity_type', '=', entityType);
  if (action) query = query.where('action', '=', action);
  return query.orderBy('id').execute();
}
