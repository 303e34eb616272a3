// `civicdesk import calls`: call-centre records for the call indicators (see channels/imports/call-centre.ts).
import type { Db } from '../../db/database.ts';
import { runImport, type ImportOptions, type ImportReport } from '../../channels/imports/import-runner.ts';
import { callsHandler } from '../../channels/imports/call-centre.ts';
import { importContext } from './import-context.ts';

/** Imports a call-centre CSV export for an agency (idempotent by call_id) and returns the report. */
export async function importCalls(
  db: Db,
  options: ImportOptions & { agency: string; actorLabel?: string },
): Promise<ImportReport> {
  const ctx = await importContext(db, options.agency, options.actorLabel);
  return runImport(ctx, callsHandler(ctx.agency), options);
}
