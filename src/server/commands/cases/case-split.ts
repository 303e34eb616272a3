// Splitting a case that holds two unrelated matters (one letter asking about two things): the part that moves
// becomes a new case through the one intake (createCase), with the same writer, channel, language, writer type,
// restriction and received date, so its clocks start when the constituent wrote. Both cases are linked, both
// timelines say what happened, and both audit trails record it, in one transaction.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import { authorizeCase } from '../../policies/case-access.ts';
import { findVisibleCase, updateCase, type CasePatch, type CaseRow } from '../../repositories/cases.ts';
import { insertCaseLinks } from '../../repositories/case-links.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { caseAttachmentNames, moveAttachments } from '../../repositories/attachments.ts';
import { caseAccessUserIds, replaceCaseAccess } from '../../repositories/case-access.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { createCase } from './case-create.ts';
import { mutateCaseWithin } from './case-mutation.ts';

export interface SplitCaseInput {
  trackingNumber: string;
  expectedVersion?: number | undefined;
  /** What the new case is about: the part of the correspondence that moves. */
  description: string;
  /** Subject code of the new case; without one it is decided (and coded) as intake decides an uncoded case. */
  subject?: string | undefined;
  /** Unit code the new case goes to; without one intake's routing decides. */
  unit?: string | undefined;
  /** Files of the original case that belong to the new matter. */
  attachmentIds?: number[] | undefined;
}

/** Splits part of a case off into a new case; returns both as they are after the split. */
export async function splitCase(
  ctx: CommandContext,
  input: SplitCaseInput,
): Promise<{ original: CaseRow; split: CaseRow }> {
  const tn = input.trackingNumber;
  const description = input.description.trim();
  if (!description) throw invalid('description', 'says what the new case is about; it cannot be blank');
  const original = await findVisibleCase(ctx.db, ctx, tn);
  authorizeCase(ctx.actor, 'case:split', original);
  if (original.merged_into_id) {
    throw new AppError('conflict', `Case ${tn} was merged into another case; split that one.`);
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== original.version) {
    await updateCase(ctx.db, original, {}, input.expectedVersion); // the version conflict, before anything is written
  }
  if (original.person_id === null) {
    throw new AppError(
      'conflict',
      `Case ${tn} has no writer on file, so a split-off case would have nobody to answer.`,
    );
  }
  const unit = input.unit ? await findUnitByCode(ctx.db, ctx.agency.id, input.unit) : null;
  if (input.unit && !unit?.active) throw invalid('unit', `"${input.unit}" is not an active unit code`);
  const wanted = [...new Set(input.attachmentIds ?? [])];
  const files = wanted.length ? await caseAttachmentNames(ctx.db, ctx.agency.id, original.id) : [];
  const unknown = wanted.filter((id) => !files.some((f) => f.id === id));
  if (unknown.length) throw invalid('attachmentIds', `case ${tn} has no file ${unknown.join(', ')}`);
  const moving = files.filter((f) => wanted.includes(f.id));

  let result: { original: CaseRow; split: CaseRow } | undefined;
  await createCase(ctx, {
    channel: original.channel_slug ?? original.channel,
    subject: input.subject || null,
    description,
    receivedAt: original.received_at,
    personId: original.person_id,
    person: { firstName: '', lastName: '' },
    language: original.language,
    writerType: original.writer_type,
    facility: original.facility ?? undefined,
    restricted: original.restricted,
    withinTransaction: async (tx, created) => {
      const actorUserId = ctx.actor.userId || null;
      const entryId = await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: created.id,
        kind: 'note',
        author_user_id: actorUserId,
        body: `This case was split off from case ${tn}.`,
      });
      await moveAttachments(tx, ctx.agency.id, {
        fromCaseId: original.id,
        toCaseId: created.id,
        attachmentIds: moving.map((f) => f.id),
        entryId,
      });
      const patch: CasePatch = {};
      if (original.on_behalf_of_person_id) patch.on_behalf_of_person_id = original.on_behalf_of_person_id;
      if (unit && unit.id !== created.unit_id) {
        patch.unit_id = unit.id;
        if (created.status === 'new') patch.status = 'triaged';
      }
      const split = Object.keys(patch).length ? await updateCase(tx, created, patch) : created;
      if (original.restricted) {
        // Whoever is named on the restricted case may see the part split off from it.
        const named = await caseAccessUserIds(tx, ctx.agency.id, original.id);
        const already = await caseAccessUserIds(tx, ctx.agency.id, created.id);
        const ids = [...new Set([...already, ...named])];
        if (ids.length > already.length) await replaceCaseAccess(tx, ctx.agency.id, created.id, ids);
      }
      await recordAudit(
        tx,
        { ...ctx, db: tx },
        {
          action: 'case.split_off',
          entityType: 'case',
          entityId: created.tracking_number,
          caseId: created.id,
          before: null,
          after: {
            split_from: tn,
            ...(patch.unit_id ? { unit: unit?.code } : {}),
            ...(moving.length ? { attachments: moving.map((f) => f.filename) } : {}),
          },
        },
      );
      const updatedOriginal = await mutateCaseWithin(
        tx,
        ctx,
        { trackingNumber: tn, expectedVersion: input.expectedVersion, action: 'case:split', auditAction: 'case.split' },
        async (tx, current) => {
          await insertCaseLinks(tx, [
            { agency_id: ctx.agency.id, case_id: current.id, other_case_id: created.id, kind: 'related' },
            { agency_id: ctx.agency.id, case_id: created.id, other_case_id: current.id, kind: 'related' },
          ]);
          const filesNote = moving.length ? ` Files moved with it: ${moving.map((f) => f.filename).join(', ')}.` : '';
          await insertTimelineEntry(tx, {
            agency_id: ctx.agency.id,
            case_id: current.id,
            kind: 'note',
            author_user_id: actorUserId,
            body: `Part of this case was split off into case ${created.tracking_number}.${filesNote}`,
          });
          return {
            patch: {},
            auditAfter: {
              split_into: created.tracking_number,
              ...(moving.length ? { attachments_moved: moving.map((f) => f.filename) } : {}),
            },
          };
        },
      );
      result = { original: updatedOriginal, split };
    },
  });
  if (!result) throw new Error('The split wrote no case.');
  return result;
}
