// A project's progress: milestones added and completed (or opened again), status reports (on track / at risk /
// late, the latest setting the project's health) and links to cases, procedures, action plans and engagements.
// Each is one transaction with one audit event.
import type { CommandContext } from '../../context.ts';
import { invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteLink,
  findLinkTarget,
  getMilestoneForUpdate,
  getProject,
  insertLink,
  insertMilestone,
  insertStatusReport,
  setMilestoneCompleted,
  updateProject,
} from '../../repositories/projects.ts';
import { authorizeProjectChange } from '../../policies/projects.ts';
import { FieldProblems, cleanName } from '../common.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';
import { PROJECT_LINK_LABELS, type LinkInput, type ProjectLinkType } from '../../../shared/projects.ts';

async function lockedProject(ctx: CommandContext, tx: CommandContext['db'], id: number) {
  const project = await getProject(tx, ctx.agency.id, id, { forUpdate: true });
  if (!project) throw notFound(`Project ${id}`);
  return project;
}

/** Adds a milestone with its due date (a local date of the agency). */
export async function addMilestone(
  ctx: CommandContext,
  projectId: number,
  input: { title: string; dueOn: string },
): Promise<number> {
  authorizeProjectChange(ctx, 'plan milestones');
  const problems = new FieldProblems();
  const title = cleanName(problems, 'title', input.title)!;
  if (!isCalendarDate(input.dueOn)) problems.add('dueOn', 'must be a date written YYYY-MM-DD');
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    await lockedProject(ctx, tx, projectId);
    const id = await insertMilestone(tx, ctx.agency.id, { project_id: projectId, title, due_on: input.dueOn });
    await updateProject(tx, ctx.agency.id, projectId, {});
    await recordAudit(tx, ctx, {
      action: 'project.milestone_added',
      entityType: 'project',
      entityId: projectId,
      after: { milestone_id: id, title, due_on: input.dueOn },
    });
    return id;
  });
}

/** Marks a milestone done now, or open again. */
export async function completeMilestone(
  ctx: CommandContext,
  projectId: number,
  milestoneId: number,
  completed: boolean,
): Promise<void> {
  authorizeProjectChange(ctx, 'complete milestones');
  await ctx.db.transaction().execute(async (tx) => {
    await lockedProject(ctx, tx, projectId);
    const milestone = await getMilestoneForUpdate(tx, ctx.agency.id, projectId, milestoneId);
    if (!milestone) throw notFound(`Milestone ${milestoneId} of project ${projectId}`);
    if ((milestone.completed_at !== null) === completed) return;
    await setMilestoneCompleted(
      tx,
      ctx.agency.id,
      milestoneId,
      completed ? { at: new Date(), by: ctx.actor.userId || null } : null,
    );
    await updateProject(tx, ctx.agency.id, projectId, {});
    await recordAudit(tx, ctx, {
      action: completed ? 'project.milestone_completed' : 'project.milestone_reopened',
      entityType: 'project',
      entityId: projectId,
      before: { milestone_id: milestoneId, completed_at: milestone.completed_at },
      after: { milestone_id: milestoneId, completed: completed },
    });
  });
}

/** Records a status report; its health becomes the project's. */
export async function reportProjectStatus(
  ctx: CommandContext,
  projectId: number,
  input: { health: string; summary: string },
): Promise<number> {
  authorizeProjectChange(ctx, 'report on projects');
  const problems = new FieldProblems();
  const summary = cleanName(problems, 'summary', input.summary)!;
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const project = await lockedProject(ctx, tx, projectId);
    const id = await insertStatusReport(tx, ctx.agency.id, {
      project_id: projectId,
      health: input.health,
      summary,
      reported_by_user_id: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'project.status_reported',
      entityType: 'project',
      entityId: projectId,
      before: { health: project.health },
      after: { health: input.health, report_id: id },
    });
    return id;
  });
}

/** Links a case (by tracking number or id), procedure, action plan or engagement; linking twice changes nothing. */
export async function linkToProject(ctx: CommandContext, projectId: number, input: LinkInput): Promise<void> {
  authorizeProjectChange(ctx, 'link records to projects');
  const type = input.type as ProjectLinkType;
  const targetId = await findLinkTarget(ctx, type, input.id);
  if (targetId === undefined) {
    throw invalid('id', `there is no ${PROJECT_LINK_LABELS[type].toLowerCase()} ${input.id} you can link`);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await lockedProject(ctx, tx, projectId);
    if (!(await insertLink(tx, ctx.agency.id, projectId, { type, id: targetId }))) return;
    await recordAudit(tx, ctx, {
      action: 'project.linked',
      entityType: 'project',
      entityId: projectId,
      after: { linked_type: type, linked_id: targetId },
    });
  });
}

/** Removes a link; 404 when there is none. */
export async function unlinkFromProject(
  ctx: CommandContext,
  projectId: number,
  link: { type: string; id: number },
): Promise<void> {
  authorizeProjectChange(ctx, 'unlink records from projects');
  await ctx.db.transaction().execute(async (tx) => {
    await lockedProject(ctx, tx, projectId);
    if (!(await deleteLink(tx, ctx.agency.id, projectId, link))) {
      throw notFound(`A ${link.type.replace('_', ' ')} ${link.id} linked to project ${projectId}`);
    }
    await recordAudit(tx, ctx, {
      action: 'project.unlinked',
      entityType: 'project',
      entityId: projectId,
      before: { linked_type: link.type, linked_id: link.id },
    });
  });
}
