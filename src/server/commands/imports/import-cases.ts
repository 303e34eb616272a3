// `civicdesk import cases`: history from the legacy CRM (see channels/imports/legacy-cases.ts).
import type { Db } from '../../db/database.ts';
import { runImport, type ImportOptions, type ImportReport } from '../../channels/imports/import-runner.ts';
import { legacyCasesHandler } from '../../channels/imports/legacy-cases.ts';
import { importContext } from './import-context.ts';

/** Imports legacy cases for an agency (idempotent on external_id per channel) and returns the report. */
export async function importLegacyCases(
  db: Db,
  options: ImportOptions & { agency: string; createUnknown?: boolean; actorLabel?: string },
): Promise<ImportReport> {
  const ctx = await importContext(db, options.agency, options.actorLabel);
  const handler = await legacyCasesHandler(db, ctx.agency, {
    createUnknown: !!options.createUnknown,
    actorLabel: ctx.actor.name,
  });
  return runImport(ctx, handler, options);
}
