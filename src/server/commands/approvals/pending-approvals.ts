// What waits for the signed-in user's approval: template versions submitted by someone else (supervisors and
// administrators decide them, never their own), draft procedures (the quality managers') and draft materials
// (supervisors and administrators, who speak for the agency to the public). A role that decides none gets an empty
// list, not a refusal: the console shows the screen to everyone who may approve anything.
import type { CommandContext } from '../../context.ts';
import type { PendingApprovals } from '../../../shared/approvals.ts';
import { DECIDING_ROLES } from '../templates/template-approval.ts';
import { managesQuality } from '../../policies/quality.ts';
import { mayCommunicatePublicly } from '../../policies/community.ts';
import {
  draftMaterialVersions,
  draftProcedureVersions,
  submittedTemplateVersions,
} from '../../repositories/approvals.ts';

/** The versions the actor may approve now, oldest first. */
export async function pendingApprovals(ctx: CommandContext): Promise<PendingApprovals> {
  const { db, agency, actor } = ctx;
  const [templates, procedures, materials] = await Promise.all([
    (DECIDING_ROLES as readonly string[]).includes(actor.role)
      ? submittedTemplateVersions(db, agency.id, actor.userId)
      : [],
    managesQuality(actor) ? draftProcedureVersions(db, agency.id) : [],
    mayCommunicatePublicly(ctx) ? draftMaterialVersions(db, agency.id) : [],
  ]);
  const items = [...templates, ...procedures, ...materials].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { items };
}
