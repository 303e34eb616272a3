// `civicdesk import interpretations`: interpretation requests (see channels/imports/call-centre.ts).
import type { Db } from '../../db/database.ts';
import { runImport, type ImportOptions, type ImportReport } from '../../channels/imports/import-runner.ts';
import { interpretationsHandler } from '../../channels/imports/call-centre.ts';
import { importContext } from './import-context.ts';

/** Imports interpretation requests for an agency (idempotent by a hash of the row) and returns the report. */
export async function importInterpretations(
  db: Db,
  options: ImportOptions & { agency: string; actorLabel?: string },
): Promise<ImportReport> {
  const ctx = await importContext(db, options.agency, options.actorLabel);
  return runImport(ctx, interpretationsHandler(ctx.agency), options);
}
