// Editing a case's coding (subject, priority, writer type, language, facility, tags, description) and its
// restriction. A change that can select another service standard recomputes the deadlines.
import type { CommandContext } from '../../context.ts';
import { restrictContactsOfCase } from '../../repositories/people.ts';
import { invalid } from '../../errors.ts';
import type { Priority, WriterType } from '../../db/schema.ts';
import type { CasePatch } from '../../repositories/cases.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { mutateCase } from './case-mutation.ts';
import { deadlinesFor } from './case-deadlines.ts';
import { findSubject } from '../../repositories/configuration/subjects.ts';
import { existingUserIds } from '../../repositories/configuration/users.ts';
import { caseAccessUserIds, replaceCaseAccess } from '../../repositories/case-access.ts';

export interface UpdateCaseInput {
  trackingNumber: string;
  expectedVersion?: number | undefined;
  subject?: string | null | undefined;
  priority?: Priority | undefined;
  writerType?: WriterType | undefined;
  language?: string | undefined;
  facility?: string | null | undefined;
  tags?: string[] | undefined;
  description?: string | undefined;
  restricted?: boolean | undefined;
  /** Staff keep the submitter's description, media and address out of Open311's public answers. */
  detailsPrivate?: boolean | undefined;
  /** People named on a restricted case who may see it from outside its unit. */
  accessUserIds?: number[] | undefined;
}

/** Applies the given edits to a case. */
export async function updateCaseDetails(ctx: CommandContext, input: UpdateCaseInput) {
  const touchesRestriction = input.restricted !== undefined || input.accessUserIds !== undefined;
  return mutateCase(
    ctx,
    {
      trackingNumber: input.trackingNumber,
      expectedVersion: input.expectedVersion,
      action: touchesRestriction ? 'case:restrict' : 'case:update',
      auditAction: 'case.updated',
    },
    async (tx, current) => {
      const patch: CasePatch = {};
      if (input.subject !== undefined) {
        if (input.subject !== null) {
          const subject = await findSubject(tx, ctx.agency.id, input.subject);
          if (!subject?.active) throw invalid('subject', `"${input.subject}" is not an active subject code`);
        }
        patch.subject_code = input.subject;
      }
      if (input.language !== undefined) {
        if (!isLanguageCode(input.language))
          throw invalid('language', `"${input.language}" is not a supported language code`);
        patch.language = input.language;
      }
      if (input.priority !== undefined) patch.priority = input.priority;
      if (input.writerType !== undefined) patch.writer_type = input.writerType;
      if (input.facility !== undefined) patch.facility = input.facility?.trim() || null;
      if (input.tags !== undefined) patch.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
      if (input.description !== undefined) patch.description = input.description;
      if (input.detailsPrivate !== undefined) patch.details_private = input.detailsPrivate;
      if (input.restricted !== undefined && input.restricted !== current.restricted) {
        patch.restricted = input.restricted;
        // What the case's intake gave about its people follows the case into (or out of) the compartment.
        await restrictContactsOfCase(tx, ctx.agency.id, current.id, input.restricted);
      }
      const reselect = ['subject_code', 'priority', 'writer_type'].some((f) => f in patch);
      if (reselect && current.status !== 'waiting_on_constituent') {
        Object.assign(
          patch,
          await deadlinesFor(
            { tx, db: ctx.db },
            current,
            {
              subject_code: patch.subject_code !== undefined ? patch.subject_code : current.subject_code,
              priority: patch.priority ?? current.priority,
              writer_type: patch.writer_type ?? current.writer_type,
            },
            { reselect: true, now: new Date() },
          ),
        );
      }
      let accessChange = {};
      if (input.accessUserIds !== undefined) {
        const before = await caseAccessUserIds(tx, ctx.agency.id, current.id);
        const ids = [...new Set(input.accessUserIds)];
        if (ids.length) {
          const users = await existingUserIds(tx, ctx.agency.id, ids);
          const missing = ids.filter((id) => !users.has(id));
          if (missing.length) throw invalid('accessUserIds', `no such users: ${missing.join(', ')}`);
        }
        await replaceCaseAccess(tx, ctx.agency.id, current.id, ids);
        accessChange = { before: before.sort(), after: ids.sort() };
      }
      const access = accessChange as { before?: number[]; after?: number[] };
      return {
        patch,
        ...(access.before
          ? { auditBefore: { access_user_ids: access.before }, auditAfter: { access_user_ids: access.after } }
          : {}),
      };
    },
  );
}
