// Runs the numbered migrations in db/migrations (Kysely Migrator). The same files run on PGlite and PostgreSQL;
// a landed migration is never edited, a change is a new file.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const { readdir } = await import('node:fs/promises');
    const folder = new URL('./migrations/', import.meta.url);
    const files = (await readdir(folder)).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(new URL(file, folder).href)) as Migration;
    }
    return migrations;
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, options: { schema?: string } = {}): Promise<string[]> {
  // Branches land migrations with numbers reserved in advance; one that lands late still runs.
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(),
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
