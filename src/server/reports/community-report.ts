// The community report (kind "community"): outreach reach by kind, audience and language; issues raised and their
// follow-up; media turnaround against the reporter's deadline; and the projects' status — as a ReportDocument that
// render/ turns into CSV, XLSX or PDF and schedules can send. Its month's engagements and media tables also close the
// commissioner's monthly report.
import type { ReportDocument, ReportTable } from '../../shared/report-document.ts';
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import { addLocalDays, localDate, startOfLocalDay } from '../../shared/local-time.ts';
import { ENGAGEMENT_KIND_LABELS, type EngagementKind } from '../../shared/community.ts';
import { PROJECT_HEALTH_LABELS, type ProjectHealth } from '../../shared/projects.ts';
import { listProjectSummaries } from '../repositories/projects.ts';
import type { ReportRequest } from './report-request.ts';
import { roundTo } from './report-numbers.ts';
import {
  engagementFeedbackTotals,
  issuesRaised,
  mediaTurnaround,
  outreachReach,
  type PeriodInstants,
} from './community-queries.ts';

function instants(period: ReportPeriod, timeZone: string): PeriodInstants {
  return { from: startOfLocalDay(period.from, timeZone), until: startOfLocalDay(addLocalDays(period.to, 1), timeZone) };
}

const reachColumns = (label: string) => [
  { key: 'key', label, format: 'text' as const },
  { key: 'engagements', label: 'Engagements', format: 'count' as const },
  { key: 'attendance', label: 'People reached', format: 'count' as const },
];

/** The month's engagements and media inquiries: the tables the monthly report adds. */
export async function communityMonthTables(ctx: CommandContext, period: ReportPeriod): Promise<ReportTable[]> {
  const range = instants(period, ctx.agency.timeZone);
  const reach = await outreachReach(ctx.db, ctx.agency.id, range);
  const media = await mediaTurnaround(ctx.db, ctx.agency.id, range);
  return [
    {
      name: 'Engagements',
      title: 'Engagements',
      description: `Engagements held or planned in ${period.label} (cancelled left out) by kind, with the attendance recorded.`,
      columns: reachColumns('Kind'),
      rows: reach.byKind.map((r) => ({
        ...r,
        key: ENGAGEMENT_KIND_LABELS[r.key as EngagementKind] ?? r.key,
      })),
    },
    {
      name: 'Media inquiries',
      title: 'Media inquiries',
      description: `Media inquiries received in ${period.label}: answered (released) by the reporter's deadline, and the median hours from receipt to release.`,
      columns: [
        { key: 'received', label: 'Received', format: 'count' },
        { key: 'released', label: 'Released', format: 'count' },
        { key: 'onTime', label: 'Released by the deadline', format: 'count' },
        { key: 'declined', label: 'Declined', format: 'count' },
        { key: 'medianHours', label: 'Median hours to release', format: 'days' },
      ],
      rows: [{ ...media, medianHours: media.medianHours === null ? null : roundTo(Number(media.medianHours), 1) }],
    },
  ];
}

/** The community report for a period, for the reader's agency. */
export async function buildCommunityReport(ctx: CommandContext, request: ReportRequest): Promise<ReportDocument> {
  const { period } = request;
  const range = instants(period, ctx.agency.timeZone);
  const reach = await outreachReach(ctx.db, ctx.agency.id, range);
  const issues = await issuesRaised(ctx.db, ctx.agency.id, range);
  const feedback = await engagementFeedbackTotals(ctx.db, ctx.agency.id, range);
  const [engagements, media] = await communityMonthTables(ctx, period);
  const today = localDate(request.asOf, ctx.agency.timeZone);
  const projects = await listProjectSummaries(ctx.db, ctx.agency.id, today);
  return {
    title: `Community and projects: ${period.label}`,
    subtitle: [
      ctx.agency.name,
      `${period.from} to ${period.to} (${ctx.agency.timeZone})`,
      `Made ${request.asOf.toISOString()}`,
    ],
    tables: [
      engagements!,
      {
        name: 'Reach by audience',
        title: 'Outreach reach by audience',
        description: 'Engagements in the period by the audience recorded on each, with the attendance recorded.',
        columns: reachColumns('Audience'),
        rows: reach.byAudience,
      },
      {
        name: 'Reach by area',
        title: 'Outreach reach by area',
        description:
          'Engagements in the period by the area each served (borough, district, ZIP code), with attendance.',
        columns: reachColumns('Area'),
        rows: reach.byArea,
      },
      {
        name: 'Reach by language',
        title: 'Outreach reach by language',
        description: 'Engagements in the period held in each language (an engagement in two languages counts in both).',
        columns: reachColumns('Language'),
        rows: reach.byLanguage,
      },
      {
        name: 'Issues raised',
        title: 'Issues raised and their follow-up',
        description: 'Issues raised at engagements in the period by subject: what they became, closed, reported back.',
        columns: [
          { key: 'subject', label: 'Subject', format: 'text' },
          { key: 'raised', label: 'Raised', format: 'count' },
          { key: 'cases', label: 'Became cases', format: 'count' },
          { key: 'procedureChanges', label: 'Procedure changes', format: 'count' },
          { key: 'planActions', label: 'Plan actions', format: 'count' },
          { key: 'closed', label: 'Follow-up closed', format: 'count' },
          { key: 'reportedBack', label: 'Reported back', format: 'count' },
        ],
        rows: issues,
      },
      {
        name: 'Feedback after engagements',
        title: 'Feedback from the public after engagements',
        description:
          "Answers to the feedback form of each engagement in the period (the portal survey's questions, anonymous): " +
          'satisfaction 1 (very dissatisfied) to 5 (very satisfied), issue resolved, comments. Engagements without answers are left out.',
        columns: [
          { key: 'title', label: 'Engagement', format: 'text' },
          { key: 'kind', label: 'Kind', format: 'text' },
          { key: 'date', label: 'Date', format: 'text' },
          { key: 'answers', label: 'Answers', format: 'count' },
          { key: 'average', label: 'Average satisfaction (1–5)', format: 'count' },
          { key: 'resolvedYes', label: 'Resolved: yes', format: 'count' },
          { key: 'resolvedNo', label: 'Resolved: no', format: 'count' },
          { key: 'comments', label: 'Comments', format: 'count' },
        ],
        rows: feedback.map((f) => ({
          title: f.title,
          kind: ENGAGEMENT_KIND_LABELS[f.kind as EngagementKind] ?? f.kind,
          date: localDate(new Date(f.startsAt), ctx.agency.timeZone),
          answers: f.answers,
          average: Number(f.average),
          resolvedYes: f.resolvedYes,
          resolvedNo: f.resolvedNo,
          comments: f.comments,
        })),
      },
      media!,
      {
        name: 'Projects',
        title: "Projects' status",
        description: `Every project with the health of its latest status report and its milestones at ${today}.`,
        columns: [
          { key: 'title', label: 'Project', format: 'text' },
          { key: 'owner', label: 'Owner', format: 'text' },
          { key: 'status', label: 'Status', format: 'text' },
          { key: 'health', label: 'Health', format: 'text' },
          { key: 'done', label: 'Milestones done', format: 'count' },
          { key: 'total', label: 'Milestones', format: 'count' },
          { key: 'overdue', label: 'Milestones overdue', format: 'count' },
          { key: 'dueOn', label: 'Due', format: 'text' },
        ],
        rows: projects.map((p) => ({
          title: p.title,
          owner: p.owner_name,
          status: p.status,
          health: PROJECT_HEALTH_LABELS[p.health as ProjectHealth] ?? p.health,
          done: p.milestones_done,
          total: p.milestones_total,
          overdue: p.milestones_overdue,
          dueOn: p.due_on,
        })),
      },
    ],
  };
}
