// What the public status page shows, and the status link staff give out. A case is found only with its tracking
// number and its access code; a wrong code, an unknown number and a restricted case all look the same (not found).
import type { Config } from '../../env.ts';
import type { Db } from '../../db/database.ts';
import type { Agency, CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { addAccessCode, findStatusCase, publicUpdates, type PublicUpdate } from '../../repositories/portal.ts';
import type { CaseStatus } from '../../db/schema.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { accessCodeHash, matchesAccessCode, newAccessCode } from './public-form-token.ts';

export interface StatusView {
  trackingNumber: string;
  stateKey: MessageKey;
  language: string;
  receivedAt: Date;
  expectedBy: Date | null;
  closedAt: Date | null;
  updates: PublicUpdate[];
}

const STATE_KEYS: Record<CaseStatus, MessageKey> = {
  new: 'status.state_received',
  triaged: 'status.state_received',
  assigned: 'status.state_in_progress',
  in_progress: 'status.state_in_progress',
  waiting_on_constituent: 'status.state_waiting',
  responded: 'status.state_answered',
  closed: 'status.state_closed',
};

/** The address of a case's public status page. */
export function statusUrl(
  config: Pick<Config, 'publicUrl'>,
  agencySlug: string,
  trackingNumber: string,
  accessCode: string,
  lang?: string,
) {
  const base = `${config.publicUrl.replace(/\/$/, '')}/public/${encodeURIComponent(agencySlug)}/status/${encodeURIComponent(trackingNumber)}`;
  return `${base}?k=${encodeURIComponent(accessCode)}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`;
}

/** The public view of a case, or null when the number, the code or the case's restriction says "not found". */
export async function publicCaseStatus(
  db: Db,
  agency: Agency,
  trackingNumber: string,
  accessCode: string | undefined,
): Promise<StatusView | null> {
  if (!accessCode || trackingNumber.length > 60) return null;
  const found = await findStatusCase(db, agency.id, trackingNumber.trim().toUpperCase());
  // Compare even when the case is missing, so the answer takes as long either way.
  const matches = matchesAccessCode(accessCode, found?.accessCodeHashes ?? [accessCodeHash('no case has this code')]);
  if (!found || !matches || found.restricted) return null;
  return {
    trackingNumber: found.trackingNumber,
    stateKey: STATE_KEYS[found.status],
    language: found.language,
    receivedAt: found.receivedAt,
    expectedBy: found.firstResponseAt ? null : found.firstResponseDueAt,
    closedAt: found.status === 'closed' ? found.closedAt : null,
    updates: await publicUpdates(db, agency.id, found.id),
  };
}

/**
 * Gives out a new access code of a case: only its digest is kept, so the code is shown this once. Earlier codes of the
 * case (in an acknowledgement, a letter) keep working.
 */
export async function issueAccessCode(db: Db, agencyId: number, caseId: number): Promise<string> {
  const code = newAccessCode();
  await addAccessCode(db, agencyId, caseId, accessCodeHash(code));
  return code;
}

/**
 * A new status link of a case a staff member can see; not for restricted cases. The access code in it is shown this
 * once (only its digest is kept): each call gives out another code, and the earlier ones keep working.
 */
export async function issuePublicLink(ctx: CommandContext, config: Config, trackingNumber: string) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  if (current.restricted) {
    throw new AppError('conflict', `Case ${current.tracking_number} is restricted; it has no public status page.`);
  }
  const secret = await ctx.db.transaction().execute(async (tx) => {
    const code = await issueAccessCode(tx, ctx.agency.id, current.id);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'case.public_link_created',
        entityType: 'case',
        entityId: current.tracking_number,
        caseId: current.id,
        after: { public_link: 'created' },
      },
    );
    return code;
  });
  return {
    url: statusUrl(config, ctx.agency.slug, current.tracking_number, secret, current.language),
    accessCode: secret,
  };
}

/**
 * The status link of a case for a {{statusUrl}} merge field (acknowledgements, letters): gives out a new access code
 * inside the caller's transaction (only its digest is kept); null for a restricted case, which has no public page.
 */
export async function statusLinkForCase(
  db: Db,
  config: Pick<Config, 'publicUrl'>,
  agency: Pick<Agency, 'id' | 'slug'>,
  current: {
    id: number;
    tracking_number: string;
    language: string;
    restricted: boolean;
  },
): Promise<string | null> {
  if (current.restricted) return null;
  const secret = await issueAccessCode(db, agency.id, current.id);
  return statusUrl(config, agency.slug, current.tracking_number, secret, current.language);
}
