// What every import command starts from: the agency named by its slug and a system actor naming who ran it.
import os from 'node:os';
import type { Db } from '../../db/database.ts';
import { systemActor, type CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { findAgencyBySlug } from '../../repositories/portal.ts';

/** The context an import runs in: the agency by slug (404-style error when unknown) and a labelled system actor. */
export async function importContext(db: Db, agencySlug: string, label?: string): Promise<CommandContext> {
  const agency = await findAgencyBySlug(db, agencySlug);
  if (!agency) throw new AppError('not_found', `There is no agency "${agencySlug}".`);
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user name in some containers
  }
  return {
    db,
    agency,
    actor: systemActor(label ?? `civicdesk import (${user}@${os.hostname()})`),
    requestId: null,
  };
}
