// Reads of sensitive records leave a trace: viewing a restricted case or a person inside the confidential
// compartment, and every download (export, attachment, letter, report file) — who, what, when, from which address.
// Each is its own audit event (action case.viewed, person.viewed, export.downloaded, and whereabouts.disclosed when
// a party's address kept under a protective order is shown to the staff named on it), filterable in the audit log.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';

/** The actions of read events, as the audit log filters them (kind=reads). */
export const READ_ACTIONS = ['case.viewed', 'person.viewed', 'export.downloaded', 'whereabouts.disclosed'] as const;

export interface SensitiveRead {
  action: (typeof READ_ACTIONS)[number];
  entityType: string;
  entityId: string | number;
  caseId?: number | null;
  /** What was read, in words without personal data (e.g. the path and format of a download). */
  what?: string | null;
  ipAddress: string | null;
}

/** Records one read of a sensitive record (its own small transaction: a read has no other write to join). */
export async function recordSensitiveRead(ctx: CommandContext, read: SensitiveRead): Promise<void> {
  await recordAudit(ctx.db, ctx, {
    action: read.action,
    entityType: read.entityType,
    entityId: read.entityId,
    caseId: read.caseId ?? null,
    reason: read.what ?? null,
    ipAddress: read.ipAddress,
  });
}
