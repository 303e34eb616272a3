// Open311 POST requests: checks the api_key (403), the jurisdiction, the service and every field (400, nothing
// written), recognises an identical resubmission within ten minutes (the first case is answered again), and
// creates the case through the intake command with channel 311 — the claim on the request's fingerprint, the case,
// its location and attribute answers in one transaction, so a request is one commit.
import type { CommandContext } from '../../context.ts';
import { systemActor } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { tokenDigest } from '../../auth/credentials.ts';
import { createCase } from '../cases/case-create.ts';
import {
  claimSubmission,
  claimedCase,
  findAgencyByJurisdiction,
  findLiveKey,
  findService,
  insertRequestDetails,
  type Open311KeyOwner,
} from '../../repositories/open311.ts';
import {
  checkSubmissionFields,
  readSubmission,
  submissionFingerprint,
  type Open311Submission,
} from '../../channels/open311/request-input.ts';
import { checkAttributes } from '../../channels/open311/service-definitions.ts';
import { DEFAULT_AGENCY_SLUG } from '../../channels/open311/open311-reads.ts';

/** An identical submission with the same key within this many seconds answers the first case. */
export const DUPLICATE_WINDOW_SECONDS = 600;
/** Who a request without name, email or phone is filed under. */
export const ANONYMOUS_REPORTER = 'Anonymous (Open311)';

export interface Open311SubmitResult {
  serviceRequestId: string;
  accountId: string | null;
  duplicate: boolean;
}

function failIfAny(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/** The context an Open311 key acts in: its agency, and an actor named after the key. */
export function open311Context(db: Db, owner: Open311KeyOwner, requestId: string | null): CommandContext {
  const { agency } = owner;
  return {
    db,
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.timeZone },
    actor: systemActor(`Open311 key ${owner.keyName}`),
    requestId,
  };
}

async function authorizeKey(db: Db, submission: Open311Submission): Promise<Open311KeyOwner> {
  if (!submission.apiKey) throw new AppError('forbidden', 'api_key is required to create a service request.');
  const owner = await findLiveKey(db, tokenDigest(submission.apiKey));
  if (!owner) throw new AppError('forbidden', 'The api_key is not valid or was revoked.');
  const wanted = submission.jurisdictionId;
  const matches = wanted ? owner.agency.jurisdictionId === wanted : owner.agency.slug === DEFAULT_AGENCY_SLUG;
  if (!matches) {
    if (wanted && !(await findAgencyByJurisdiction(db, wanted))) throw notFound(`Jurisdiction ${wanted}`);
    throw new AppError('forbidden', `The api_key is not valid for jurisdiction ${wanted ?? DEFAULT_AGENCY_SLUG}.`);
  }
  return owner;
}

/** Thrown inside the intake transaction when the request repeats one within the window: nothing is kept. */
class RepeatedSubmission extends Error {}

/** POST requests: one case per distinct submission (see DUPLICATE_WINDOW_SECONDS). */
export async function submitOpen311Request(
  db: Db,
  body: Record<string, unknown>,
  requestId: string | null,
): Promise<Open311SubmitResult> {
  const problems: ErrorDetail[] = [];
  const submission = readSubmission(body, problems);
  const owner = await authorizeKey(db, submission);
  const ctx = open311Context(db, owner, requestId);
  const location = checkSubmissionFields(submission, problems);
  const service = submission.serviceCode ? await findService(db, owner.agency.id, submission.serviceCode) : null;
  if (submission.serviceCode && !service) {
    problems.push({
      field: 'service_code',
      message: `"${submission.serviceCode}" is not a service of this jurisdiction`,
    });
  }
  const attributes = checkAttributes(service?.questions ?? [], submission.attributes, owner.agency.timeZone, problems);
  failIfAny(problems);

  const claim = { agencyId: owner.agency.id, keyId: owner.keyId, fingerprint: submissionFingerprint(submission) };
  const accountId = submission.accountId ?? null;
  const named = Boolean(submission.firstName || submission.lastName || submission.email || submission.phone);
  let created;
  try {
    created = await createCase(ctx, {
      channel: '311',
      subject: service!.code,
      description: submission.description ?? '',
      person: {
        firstName: submission.firstName ?? '',
        lastName: named ? (submission.lastName ?? '') : ANONYMOUS_REPORTER,
        email: submission.email,
        phone: submission.phone,
      },
      withinTransaction: async (tx, row) => {
        const claimed = await claimSubmission(tx, {
          ...claim,
          caseId: row.id,
          windowSeconds: DUPLICATE_WINDOW_SECONDS,
        });
        if (!claimed) throw new RepeatedSubmission();
        await insertRequestDetails(tx, owner.agency.id, {
          caseId: row.id,
          keyId: owner.keyId,
          serviceCode: service!.code,
          lat: location.lat,
          long: location.long,
          addressString: submission.addressString ?? null,
          addressId: submission.addressId ?? null,
          zipcode: submission.zipcode ?? null,
          mediaUrl: submission.mediaUrl ?? null,
          deviceId: submission.deviceId ?? null,
          accountId,
          attributes,
        });
      },
    });
  } catch (error) {
    if (!(error instanceof RepeatedSubmission)) throw error;
    // The case of this attempt was rolled back (its tracking number stays unused); the first one is the answer.
    const first = await claimedCase(db, claim);
    if (!first) throw new AppError('validation_failed', 'An identical request is still being processed; try again.');
    return { serviceRequestId: first, accountId, duplicate: true };
  }
  return { serviceRequestId: created.tracking_number, accountId, duplicate: false };
}
