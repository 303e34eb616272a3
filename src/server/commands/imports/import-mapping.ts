// The 311 import's mapping: a complaint type → a subject code, a city agency → a unit code (checked to exist).
import type { Db } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { saveMappings, type MappingKind } from '../../repositories/imports.ts';
import { importContext } from './import-context.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { findSubject } from '../../repositories/configuration/subjects.ts';

/** Sets one mapping for the agency; the target subject or unit must exist. */
export async function setImportMapping(
  db: Db,
  agencySlug: string,
  kind: MappingKind,
  source: string,
  targetCode: string,
): Promise<void> {
  const ctx = await importContext(db, agencySlug, 'civicdesk import map');
  if (!source.trim()) throw invalid('source', 'is empty');
  const target =
    kind === 'agency'
      ? await findUnitByCode(db, ctx.agency.id, targetCode, { exactCase: true })
      : await findSubject(db, ctx.agency.id, targetCode);
  if (!target)
    throw invalid('code', `"${targetCode}" is not a ${kind === 'agency' ? 'unit' : 'subject'} code of this agency`);
  await db.transaction().execute(async (tx) => {
    await saveMappings(tx, ctx.agency.id, kind, [{ source, targetCode }]);
    await recordAudit(tx, ctx, {
      action: 'import_mapping.set',
      entityType: 'import_mapping',
      entityId: `${kind}:${source.trim()}`,
      after: { kind, source: source.trim(), target_code: targetCode },
    });
  });
}
