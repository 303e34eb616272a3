// The subject taxonomy: two levels of codes ('SHELTER', 'SHELTER.CONDITIONS') that caseworkers put on every
// item. Administrators add subjects, rename them and (de)activate them; codes never change because cases,
// rules and standards refer to them.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deactivateChildSubjects,
  getSubjectForUpdate,
  insertSubject,
  listSubjects,
  updateSubject,
  type SubjectRecord,
} from '../../repositories/configuration/subjects.ts';
import { FieldProblems, cleanName, requireAdministrator } from '../common.ts';

const SEGMENT = /^[A-Z0-9_]{1,30}$/;

export interface CreateSubjectInput {
  code: string;
  name: string;
  parentCode?: string | null | undefined;
  active?: boolean | undefined;
}

/** The agency's subjects, optionally only the active (or inactive) ones. */
export async function listAgencySubjects(ctx: CommandContext, active?: boolean): Promise<SubjectRecord[]> {
  const subjects = await listSubjects(ctx.db, ctx.agency.id);
  return active === undefined ? subjects : subjects.filter((s) => s.active === active);
}

/** Adds a subject; a child's code is its parent's code, a dot and one more segment. */
export async function createSubject(ctx: CommandContext, input: CreateSubjectInput): Promise<SubjectRecord> {
  requireAdministrator(ctx, 'add subjects');
  const problems = new FieldProblems();
  const code = input.code.trim().toUpperCase();
  const name = cleanName(problems, 'name', input.name)!;
  const segments = code.split('.');
  let parentCode = input.parentCode?.trim().toUpperCase() || null;
  if (segments.length > 2) problems.add('code', 'has at most two levels (PARENT.CHILD)');
  else if (!segments.every((s) => SEGMENT.test(s))) {
    problems.add('code', 'uses A-Z, 0-9 and _ (1-30 characters per level), with one dot between parent and child');
  } else if (segments.length === 2) {
    if (parentCode !== null && parentCode !== segments[0]) {
      problems.add('parentCode', `must be ${segments[0]}, the first part of the code`);
    }
    parentCode = segments[0]!;
  } else if (parentCode !== null) {
    problems.add('code', `a child of ${parentCode} is written ${parentCode}.${code}`);
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    if (await getSubjectForUpdate(tx, ctx.agency.id, code)) {
      throw new AppError('conflict', `Subject ${code} already exists.`, [{ field: 'code', message: 'is taken' }]);
    }
    if (parentCode !== null) {
      const parent = await getSubjectForUpdate(tx, ctx.agency.id, parentCode);
      if (!parent) {
        throw new AppError('validation_failed', `parentCode: subject ${parentCode} does not exist; add it first.`, [
          { field: 'parentCode', message: `subject ${parentCode} does not exist` },
        ]);
      }
    }
    const created = await insertSubject(tx, ctx.agency.id, { code, name, parentCode, active: input.active ?? true });
    await recordAudit(tx, ctx, {
      action: 'subject.created',
      entityType: 'subject',
      entityId: code,
      after: { ...created },
    });
    return created;
  });
}

/**
 * Renames or (de)activates a subject. Deactivating a parent deactivates its children too (a child of a retired
 * subject cannot be chosen on its own); a child cannot be activated under an inactive parent.
 */
export async function updateSubjectSettings(
  ctx: CommandContext,
  code: string,
  patch: { name?: string | undefined; active?: boolean | undefined },
): Promise<SubjectRecord> {
  requireAdministrator(ctx, 'change subjects');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  problems.throwIfAny();
  const wanted = code.trim().toUpperCase();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getSubjectForUpdate(tx, ctx.agency.id, wanted);
    if (!current) throw notFound(`Subject ${wanted}`);
    if (patch.active === true && current.parentCode !== null) {
      const parent = await getSubjectForUpdate(tx, ctx.agency.id, current.parentCode);
      if (parent && !parent.active) {
        throw new AppError('validation_failed', `active: activate the parent subject ${parent.code} first.`, [
          { field: 'active', message: `the parent subject ${parent.code} is inactive` },
        ]);
      }
    }
    const next = await updateSubject(tx, ctx.agency.id, current.code, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    const deactivatedChildren =
      patch.active === false && current.parentCode === null
        ? await deactivateChildSubjects(tx, ctx.agency.id, current.code)
        : [];
    await recordAudit(tx, ctx, {
      action: 'subject.updated',
      entityType: 'subject',
      entityId: current.code,
      before: { ...current },
      after: { ...next, ...(deactivatedChildren.length > 0 ? { deactivatedChildren } : {}) },
    });
    return next;
  });
}
