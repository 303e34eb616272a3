// `civicdesk import nyc311`: NYC 311 open data into cases of channel '311' (see channels/imports/nyc311.ts).
import type { Db } from '../../db/database.ts';
import { runImport, type ImportOptions, type ImportReport } from '../../channels/imports/import-runner.ts';
import { nyc311Handler } from '../../channels/imports/nyc311.ts';
import { importContext } from './import-context.ts';

export interface Nyc311ImportOptions extends ImportOptions {
  agency: string;
  /** Create subjects (under "311") and units for complaint types and agencies with no mapping; else report them. */
  createUnknown?: boolean;
  actorLabel?: string;
}

/** Imports a NYC 311 open-data CSV file for an agency and returns the report. */
export async function importNyc311(db: Db, options: Nyc311ImportOptions): Promise<ImportReport> {
  const ctx = await importContext(db, options.agency, options.actorLabel);
  const handler = await nyc311Handler(db, ctx.agency, {
    createUnknown: !!options.createUnknown,
    actorLabel: ctx.actor.name,
  });
  return runImport(ctx, handler, options);
}
