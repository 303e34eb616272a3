// Files on quality records, kept in the one attachment storage (commands/stored-files.ts: size and type checked by
// their first bytes): files of a procedure version — added and removed by supervisors and administrators while the
// version is a draft, since an approved version keeps the files it was approved with — and evidence files of a plan
// action — added and removed by those who may complete the action (and the person who uploaded it) while the action
// is open, since a completion rests on its evidence. Every staff member of the agency reads and downloads them. The
// file is stored first and removed again when the transaction fails; each change writes one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findPlan, type ActionRecord, type PlanRecord } from '../../repositories/action-plans.ts';
import { findProcedure, listVersions } from '../../repositories/procedures.ts';
import {
  deleteQualityFile,
  insertQualityFile,
  planFiles,
  procedureFiles,
  type QualityFileRow,
} from '../../repositories/quality-files.ts';
import {
  managesQuality,
  refuseAuditor,
  requireActionCompleter,
  requireQualityManager,
} from '../../policies/quality.ts';
import type { QualityFile } from '../../../shared/quality.ts';
import { readStoredFile, removeStoredFile, storeCheckedFile } from '../stored-files.ts';

export interface FileStorage {
  dataDir: string;
  maxBytes: number;
}

export interface UploadedFileInput {
  filename: string;
  data: Buffer;
}

const present = (f: QualityFileRow, canDelete: boolean): QualityFile => ({
  id: f.id,
  filename: f.filename,
  contentType: f.contentType,
  sizeBytes: f.sizeBytes,
  uploadedByName: f.uploadedByName,
  uploadedAt: f.uploadedAt.toISOString(),
  version: f.version,
  actionId: f.actionId,
  canDelete,
});

/** Stores the file, runs `record` in a transaction with its storage key, and removes the file if that fails. */
async function storeThenRecord<T>(
  ctx: CommandContext,
  storage: FileStorage,
  file: UploadedFileInput,
  record: (tx: CommandContext['db'], stored: Awaited<ReturnType<typeof storeCheckedFile>>) => Promise<T>,
): Promise<T> {
  const stored = await storeCheckedFile(storage.dataDir, storage.maxBytes, ctx.agency.id, file);
  try {
    return await ctx.db.transaction().execute((tx) => record(tx, stored));
  } catch (error) {
    await removeStoredFile(storage.dataDir, stored.storageKey);
    throw error;
  }
}

// Procedure versions

async function draftVersion(tx: CommandContext['db'], ctx: CommandContext, procedureId: number, version: number) {
  if (!(await findProcedure(tx, ctx.agency.id, procedureId, true))) throw notFound(`Procedure ${procedureId}`);
  const found = (await listVersions(tx, ctx.agency.id, procedureId)).find((v) => v.version === version);
  if (!found) throw notFound(`Version ${version} of procedure ${procedureId}`);
  if (found.status !== 'draft') {
    throw new AppError(
      'conflict',
      `Version ${version} is ${found.status}: its files are the ones it was approved with. Write a new version to change them.`,
    );
  }
  return found;
}

/** Adds a file to a draft version of a procedure; supervisors and administrators. */
export async function attachProcedureFile(
  ctx: CommandContext,
  storage: FileStorage,
  procedureId: number,
  version: number,
  file: UploadedFileInput,
): Promise<QualityFile> {
  requireQualityManager(ctx, 'add files to procedures');
  return storeThenRecord(ctx, storage, file, async (tx, stored) => {
    await draftVersion(tx, ctx, procedureId, version);
    const id = await insertQualityFile(
      tx,
      ctx.agency.id,
      { procedureId, version },
      {
        ...stored,
        uploadedBy: ctx.actor.userId || null,
      },
    );
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'procedure.file_added',
        entityType: 'procedure',
        entityId: procedureId,
        after: {
          [`v${version}.file`]: stored.filename,
          size_bytes: stored.sizeBytes,
          content_type: stored.contentType,
        },
      },
    );
    return present(
      (await procedureFiles(tx, ctx.agency.id, procedureId)).find((f) => f.id === id)!,
      true,
    );
  });
}

/** The files of every version of a procedure, newest version first. */
export async function listProcedureFiles(ctx: CommandContext, procedureId: number): Promise<QualityFile[]> {
  if (!(await findProcedure(ctx.db, ctx.agency.id, procedureId))) throw notFound(`Procedure ${procedureId}`);
  const drafts = new Set(
    (await listVersions(ctx.db, ctx.agency.id, procedureId)).filter((v) => v.status === 'draft').map((v) => v.version),
  );
  const manages = managesQuality(ctx.actor);
  return (await procedureFiles(ctx.db, ctx.agency.id, procedureId)).map((f) =>
    present(f, manages && drafts.has(f.version!)),
  );
}

/** One file of a procedure, for download. */
export async function readProcedureFile(ctx: CommandContext, dataDir: string, procedureId: number, fileId: number) {
  const file = (await procedureFiles(ctx.db, ctx.agency.id, procedureId)).find((f) => f.id === fileId);
  if (!file) throw notFound(`File ${fileId} of procedure ${procedureId}`);
  return {
    filename: file.filename,
    contentType: file.contentType,
    data: await readStoredFile(dataDir, file.storageKey),
  };
}

/** Removes a file of a draft version; supervisors and administrators. */
export async function removeProcedureFile(
  ctx: CommandContext,
  dataDir: string,
  procedureId: number,
  fileId: number,
): Promise<void> {
  requireQualityManager(ctx, 'remove files of procedures');
  const { file, shared } = await ctx.db.transaction().execute(async (tx) => {
    if (!(await findProcedure(tx, ctx.agency.id, procedureId, true))) throw notFound(`Procedure ${procedureId}`);
    const file = (await procedureFiles(tx, ctx.agency.id, procedureId)).find((f) => f.id === fileId);
    if (!file) throw notFound(`File ${fileId} of procedure ${procedureId}`);
    await draftVersion(tx, ctx, procedureId, file.version!);
    const shared = await deleteQualityFile(tx, ctx.agency.id, file);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'procedure.file_removed',
        entityType: 'procedure',
        entityId: procedureId,
        before: { [`v${file.version}.file`]: file.filename, size_bytes: file.sizeBytes },
      },
    );
    return { file, shared };
  });
  // An earlier version may still hold the same stored file.
  if (!shared) await removeStoredFile(dataDir, file.storageKey);
}

// Plan actions

function mayChangeEvidence(ctx: CommandContext, plan: PlanRecord, action: ActionRecord, file?: QualityFileRow) {
  if (ctx.actor.role === 'auditor') return false;
  if (plan.status === 'cancelled' || action.completedOn !== null) return false;
  if (file && file.uploadedBy !== null && file.uploadedBy === ctx.actor.userId) return true;
  return managesQuality(ctx.actor) || ctx.actor.userId === plan.ownerUserId || ctx.actor.userId === action.ownerUserId;
}

function refuseClosedAction(plan: PlanRecord, action: ActionRecord) {
  if (plan.status === 'cancelled') throw new AppError('conflict', 'The plan is cancelled; reopen it first.');
  if (action.completedOn !== null) {
    throw new AppError(
      'conflict',
      `“${action.title}” was completed on ${action.completedOn}; the evidence it was completed with is kept as it is.`,
    );
  }
}

async function planAndAction(tx: CommandContext['db'], ctx: CommandContext, planId: number, actionId: number) {
  const plan = await findPlan(tx, ctx.agency.id, planId, true);
  const action = plan?.actions.find((a) => a.id === actionId);
  if (!plan || !action) throw notFound(`Action ${actionId} of plan ${planId}`);
  return { plan, action };
}

/** Adds an evidence file to an open action; its owner, the plan's owner, supervisors and administrators. */
export async function attachEvidenceFile(
  ctx: CommandContext,
  storage: FileStorage,
  planId: number,
  actionId: number,
  file: UploadedFileInput,
): Promise<QualityFile> {
  refuseAuditor(ctx);
  return storeThenRecord(ctx, storage, file, async (tx, stored) => {
    const { plan, action } = await planAndAction(tx, ctx, planId, actionId);
    requireActionCompleter(ctx, plan, action);
    refuseClosedAction(plan, action);
    const id = await insertQualityFile(
      tx,
      ctx.agency.id,
      { actionId },
      {
        ...stored,
        uploadedBy: ctx.actor.userId || null,
      },
    );
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'action_plan.evidence_added',
        entityType: 'action_plan',
        entityId: planId,
        after: { [`action_${actionId}.file`]: stored.filename, size_bytes: stored.sizeBytes },
      },
    );
    return present(
      (await planFiles(tx, ctx.agency.id, planId)).find((f) => f.id === id)!,
      true,
    );
  });
}

/** The evidence files of a plan's actions. */
export async function listPlanFiles(ctx: CommandContext, planId: number): Promise<QualityFile[]> {
  const plan = await findPlan(ctx.db, ctx.agency.id, planId);
  if (!plan) throw notFound(`Action plan ${planId}`);
  return (await planFiles(ctx.db, ctx.agency.id, planId)).map((f) =>
    present(
      f,
      mayChangeEvidence(
        ctx,
        plan,
        plan.actions.find((a) => a.id === f.actionId)!,
        f,
      ),
    ),
  );
}

/** One evidence file of a plan, for download. */
export async function readPlanFile(ctx: CommandContext, dataDir: string, planId: number, fileId: number) {
  const file = (await planFiles(ctx.db, ctx.agency.id, planId)).find((f) => f.id === fileId);
  if (!file) throw notFound(`File ${fileId} of action plan ${planId}`);
  return {
    filename: file.filename,
    contentType: file.contentType,
    data: await readStoredFile(dataDir, file.storageKey),
  };
}

/** Removes an evidence file of an open action; who uploaded it, or who may complete the action. */
export async function removePlanFile(ctx: CommandContext, dataDir: string, planId: number, fileId: number) {
  refuseAuditor(ctx);
  const file = await ctx.db.transaction().execute(async (tx) => {
    const plan = await findPlan(tx, ctx.agency.id, planId, true);
    if (!plan) throw notFound(`Action plan ${planId}`);
    const file = (await planFiles(tx, ctx.agency.id, planId)).find((f) => f.id === fileId);
    if (!file) throw notFound(`File ${fileId} of action plan ${planId}`);
    const action = plan.actions.find((a) => a.id === file.actionId)!;
    refuseClosedAction(plan, action);
    if (!mayChangeEvidence(ctx, plan, action, file)) {
      throw new AppError(
        'forbidden',
        `Only who uploaded “${file.filename}”, the owner of “${action.title}”, the plan's owner, a supervisor or an administrator may remove it.`,
      );
    }
    await deleteQualityFile(tx, ctx.agency.id, file);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'action_plan.evidence_removed',
        entityType: 'action_plan',
        entityId: planId,
        before: { [`action_${action.id}.file`]: file.filename, size_bytes: file.sizeBytes },
      },
    );
    return file;
  });
  await removeStoredFile(dataDir, file.storageKey);
}
