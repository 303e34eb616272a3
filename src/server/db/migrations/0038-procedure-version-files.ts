// Files of the procedures library belong to a version, not only to the procedure: a draft version takes files, the
// approved version keeps the files it was approved with, and a new draft starts with the files of the version before
// it (rows sharing the stored file). Plan-action evidence keeps using action_id.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'alter table quality_attachments add column procedure_version int',
    `alter table quality_attachments add constraint quality_attachments_version_fkey
      foreign key (agency_id, procedure_id, procedure_version)
      references procedure_versions (agency_id, procedure_id, version)`,
    `update quality_attachments a set procedure_version = (
       select max(v.version) from procedure_versions v where v.agency_id = a.agency_id and v.procedure_id = a.procedure_id)
     where a.procedure_id is not null`,
    `alter table quality_attachments add constraint quality_attachments_version_check
      check ((procedure_id is null) = (procedure_version is null))`,
    'create index quality_attachments_storage_key on quality_attachments (agency_id, storage_key)',
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index if exists quality_attachments_storage_key',
    'alter table quality_attachments drop constraint if exists quality_attachments_version_check',
    'alter table quality_attachments drop constraint if exists quality_attachments_version_fkey',
    'alter table quality_attachments drop column if exists procedure_version',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
