// The file of a material version (the printable flyer, the script as a document), kept in the attachment storage
// with its type checks (commands/stored-files.ts). Only a draft takes a new file: an approved file is what was
// approved.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findMaterial, listMaterialVersions, setMaterialVersionFile } from '../../repositories/materials.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { readStoredFile, removeStoredFile, storeCheckedFile } from '../stored-files.ts';

/** Stores the uploaded file as the draft version's file (replacing an earlier one). */
export async function attachMaterialFile(
  ctx: CommandContext,
  storage: { dataDir: string; maxBytes: number },
  materialId: number,
  versionId: number,
  file: { filename: string; data: Buffer },
) {
  authorizeCommunityChange(ctx, 'add files to materials');
  const stored = await storeCheckedFile(storage.dataDir, storage.maxBytes, ctx.agency.id, file);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await findMaterial(tx, ctx.agency.id, materialId, true))) throw notFound(`Material ${materialId}`);
      const version = (await listMaterialVersions(tx, ctx.agency.id, [materialId])).find((v) => v.id === versionId);
      if (!version) throw notFound(`Version ${versionId} of material ${materialId}`);
      if (version.status !== 'draft') {
        throw new AppError(
          'conflict',
          `Version ${version.version} (${version.language}) is ${version.status}; add a new version to change its file.`,
        );
      }
      await setMaterialVersionFile(tx, ctx.agency.id, versionId, stored);
      await recordAudit(tx, ctx, {
        action: 'material.file_added',
        entityType: 'material',
        entityId: materialId,
        before: { [`${version.language}.v${version.version}.file`]: version.fileName },
        after: { [`${version.language}.v${version.version}.file`]: stored.filename, size_bytes: stored.sizeBytes },
      });
    });
  } catch (error) {
    await removeStoredFile(storage.dataDir, stored.storageKey);
    throw error;
  }
  return { filename: stored.filename, contentType: stored.contentType, sizeBytes: stored.sizeBytes };
}

/** The file of a version, for download. */
export async function readMaterialFile(ctx: CommandContext, dataDir: string, materialId: number, versionId: number) {
  const version = (await listMaterialVersions(ctx.db, ctx.agency.id, [materialId])).find((v) => v.id === versionId);
  if (!version || !version.fileStorageKey) throw notFound(`The file of version ${versionId} of material ${materialId}`);
  return {
    filename: version.fileName!,
    contentType: version.fileContentType!,
    data: await readStoredFile(dataDir, version.fileStorageKey),
  };
}
