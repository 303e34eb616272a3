// Changes a project: title, scope, owner, team, dates, or its status (completed, cancelled, active again).
// Optimistic: a stale expectedVersion is refused.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getProject, listMembers, replaceMembers, updateProject } from '../../repositories/projects.ts';
import { authorizeProjectChange } from '../../policies/projects.ts';
import type { UpdateProjectInput } from '../../../shared/projects.ts';
import { FieldProblems, checkVersion, cleanName } from '../common.ts';
import { checkProjectFields } from './project-input.ts';

/** Applies the given fields; absent fields stay as they are. */
export async function updateProjectDetails(ctx: CommandContext, id: number, input: UpdateProjectInput): Promise<void> {
  authorizeProjectChange(ctx, 'change projects');
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getProject(tx, ctx.agency.id, id, { forUpdate: true });
    if (!current) throw notFound(`Project ${id}`);
    const problems = new FieldProblems();
    const title = cleanName(problems, 'title', input.title);
    const { memberIds } = await checkProjectFields(tx, ctx.agency.id, problems, input, current);
    problems.throwIfAny();
    checkVersion(`Project "${current.title}"`, current.version, input.expectedVersion);
    const patch = {
      ...(title !== undefined ? { title } : {}),
      ...(input.scope !== undefined ? { scope: input.scope.trim() } : {}),
      ...(input.ownerId !== undefined ? { owner_user_id: input.ownerId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
      ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    };
    await updateProject(tx, ctx.agency.id, id, patch);
    const beforeMembers = (await listMembers(tx, ctx.agency.id, id)).map((m) => m.user_id);
    if (memberIds !== undefined) await replaceMembers(tx, ctx.agency.id, id, memberIds);
    await recordAudit(tx, ctx, {
      action: 'project.updated',
      entityType: 'project',
      entityId: id,
      before: { ...current, member_ids: beforeMembers },
      after: { ...current, ...patch, member_ids: memberIds ?? beforeMembers },
    });
  });
}
