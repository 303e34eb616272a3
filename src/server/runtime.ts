// Opens the database for a process (server or CLI), runs migrations and the first-start setup.
import type { Config } from './env.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import { failAbandonedImportRuns } from './repositories/imports.ts';
import { sealStoredSecrets } from './commands/email/stored-secrets.ts';

export interface Runtime extends OpenDatabase {
  setup: BootstrapResult;
}

/** Opens the configured database, brings the schema up to date and ensures agency `main` exists. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const setup = await bootstrap(database.db, config);
    await failAbandonedImportRuns(database.db);
    // Mailbox passwords written before encryption at rest (or under another key) are sealed now.
    await sealStoredSecrets(database.db, config);
    return { ...database, setup };
  } catch (error) {
    await database.close();
    throw error;
  }
}
