// How projects are answered: a summary per project (milestone counts, the next one, the latest report's health) for
// the list and the portfolio, and the whole project with team, milestones, reports and links.
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import {
  getProject,
  listLinks,
  listMembers,
  listMilestones,
  listProjectSummaries,
  listStatusReports,
  type ProjectSummaryRow,
} from '../repositories/projects.ts';
import { localDate } from '../../shared/local-time.ts';
import type { PortfolioView, ProjectSummaryView, ProjectView } from '../../shared/projects.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/** One project's line in the list and the portfolio. */
export function presentProjectSummary(row: ProjectSummaryRow): ProjectSummaryView {
  return {
    id: row.id,
    title: row.title,
    status: row.status as ProjectSummaryView['status'],
    health: row.health as ProjectSummaryView['health'],
    ownerId: row.owner_user_id,
    ownerName: row.owner_name,
    startsOn: row.starts_on,
    dueOn: row.due_on,
    milestonesTotal: row.milestones_total,
    milestonesDone: row.milestones_done,
    milestonesOverdue: row.milestones_overdue,
    nextMilestone: row.next_title && row.next_due_on ? { title: row.next_title, dueOn: row.next_due_on } : null,
    lastReportAt: row.last_report_at ? iso(row.last_report_at) : null,
    version: row.version,
  };
}

/** The agency's projects, filtered. */
export async function projectList(
  ctx: CommandContext,
  filter: { status?: string | undefined; health?: string | undefined },
): Promise<ProjectSummaryView[]> {
  const today = localDate(new Date(), ctx.agency.timeZone);
  return (await listProjectSummaries(ctx.db, ctx.agency.id, today, filter)).map(presentProjectSummary);
}

/** The director's portfolio: active projects first, with counts by health and overdue milestones. */
export async function portfolio(ctx: CommandContext): Promise<PortfolioView> {
  const items = await projectList(ctx, {});
  const active = items.filter((p) => p.status === 'active');
  return {
    items: [...active, ...items.filter((p) => p.status !== 'active')],
    counts: {
      active: active.length,
      onTrack: active.filter((p) => p.health === 'on_track').length,
      atRisk: active.filter((p) => p.health === 'at_risk').length,
      late: active.filter((p) => p.health === 'late').length,
      milestonesOverdue: active.reduce((sum, p) => sum + p.milestonesOverdue, 0),
    },
  };
}

/** The whole project; 404 when the agency has none with this id. */
export async function projectView(ctx: CommandContext, id: number): Promise<ProjectView> {
  const project = await getProject(ctx.db, ctx.agency.id, id);
  if (!project) throw notFound(`Project ${id}`);
  const today = localDate(new Date(), ctx.agency.timeZone);
  const [summary] = await listProjectSummaries(ctx.db, ctx.agency.id, today, { ids: [id] });
  const [members, milestones, reports, links] = await Promise.all([
    listMembers(ctx.db, ctx.agency.id, id),
    listMilestones(ctx.db, ctx.agency.id, [id]),
    listStatusReports(ctx.db, ctx.agency.id, id),
    listLinks(ctx, id),
  ]);
  return {
    ...presentProjectSummary(summary!),
    scope: project.scope,
    members: members.map((m) => ({ userId: m.user_id, name: m.name })),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      completedAt: m.completed_at ? iso(m.completed_at) : null,
      overdue: m.completed_at === null && m.due_on < today,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      health: r.health as ProjectView['health'],
      summary: r.summary,
      reportedBy: r.reported_by,
      reportedAt: iso(r.reported_at),
    })),
    links: links.map((l) => ({
      type: l.type as ProjectView['links'][number]['type'],
      id: l.id,
      label: l.label,
      ...(l.type === 'case' ? { trackingNumber: l.label } : {}),
    })),
    createdAt: iso(project.created_at),
    updatedAt: iso(project.updated_at),
  };
}
