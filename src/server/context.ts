// Who is acting, for which agency, in which request: handed from the route to every command and query.
import type { Db } from './db/database.ts';
import type { Role } from './db/schema.ts';

export interface Actor {
  userId: number;
  name: string;
  email: string;
  role: Role;
  unitIds: number[];
  managedUnitIds: number[];
  via: 'session' | 'token' | 'system';
}

export interface Agency {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
}

export interface CommandContext {
  db: Db;
  agency: Agency;
  actor: Actor;
  requestId: string | null;
}

/** The actor used by jobs and the first-start setup. */
export function systemActor(label = 'civicdesk'): Actor {
  return { userId: 0, name: label, email: '', role: 'administrator', unitIds: [], managedUnitIds: [], via: 'system' };
}
