// Starts a special project: title, scope, owner, team and dates. One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertProject, replaceMembers } from '../../repositories/projects.ts';
import { authorizeProjectChange } from '../../policies/projects.ts';
import type { CreateProjectInput } from '../../../shared/projects.ts';
import { FieldProblems, cleanName } from '../common.ts';
import { checkProjectFields } from './project-input.ts';

/** Adds a project; nothing is written when a field is wrong. Returns its id. */
export async function createProject(ctx: CommandContext, input: CreateProjectInput): Promise<number> {
  authorizeProjectChange(ctx, 'start projects');
  const problems = new FieldProblems();
  const title = cleanName(problems, 'title', input.title)!;
  const { memberIds } = await checkProjectFields(ctx.db, ctx.agency.id, problems, input);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const values = {
      title,
      scope: input.scope?.trim() ?? '',
      owner_user_id: input.ownerId,
      starts_on: input.startsOn ?? null,
      due_on: input.dueOn ?? null,
      created_by_user_id: ctx.actor.userId || null,
    };
    const id = await insertProject(tx, ctx.agency.id, values);
    await replaceMembers(tx, ctx.agency.id, id, memberIds ?? []);
    await recordAudit(tx, ctx, {
      action: 'project.created',
      entityType: 'project',
      entityId: id,
      after: { ...values, member_ids: memberIds ?? [] },
    });
    return id;
  });
}
