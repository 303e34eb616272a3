// Open311 API keys: an administrator issues a key to a 311 system (shown once; only its SHA-256 digest is
// stored), lists the agency's keys without secrets, and revokes one. Each change writes an audit event.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { newToken, tokenDigest } from '../../auth/credentials.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getKeyForUpdate, insertKey, listKeys, revokeKey, type Open311KeyRow } from '../../repositories/open311.ts';
import { FieldProblems, cleanName, requireAdministrator } from '../common.ts';

export interface Open311KeyRecord {
  id: number;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const toRecord = (row: Open311KeyRow): Open311KeyRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** Issues a key; the secret is in the answer only. */
export async function createOpen311Key(
  ctx: CommandContext,
  input: { name: string },
): Promise<Open311KeyRecord & { apiKey: string }> {
  requireAdministrator(ctx, 'issue Open311 API keys');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name)!;
  problems.throwIfAny();
  const apiKey = newToken('o311_');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertKey(tx, ctx.agency.id, {
      name,
      keyHash: tokenDigest(apiKey),
      createdBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'open311_key.created',
      entityType: 'open311_key',
      entityId: row.id,
      after: { name: row.name },
    });
    return { ...toRecord(row), apiKey };
  });
}

/** The agency's keys, newest first, without secrets. */
export async function listOpen311Keys(ctx: CommandContext): Promise<Open311KeyRecord[]> {
  requireAdministrator(ctx, 'see Open311 API keys');
  return (await listKeys(ctx.db, ctx.agency.id)).map(toRecord);
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeOpen311Key(ctx: CommandContext, id: number): Promise<Open311KeyRecord> {
  requireAdministrator(ctx, 'revoke Open311 API keys');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getKeyForUpdate(tx, ctx.agency.id, id);
    if (!current) throw notFound(`Open311 key ${id}`);
    if (current.revoked_at) return toRecord(current);
    const next = await revokeKey(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'open311_key.revoked',
      entityType: 'open311_key',
      entityId: id,
      before: { name: current.name, revoked_at: null },
      after: { name: next.name, revoked_at: next.revoked_at },
    });
    return toRecord(next);
  });
}
