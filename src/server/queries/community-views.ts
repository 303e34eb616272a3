// Read models of community and communications: organisations, engagements with their issues, media inquiries, in
// the shapes of src/shared/community.ts. Everything is read within the caller's agency; the cases behind issues
// through visibleCasesFilter.
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type {
  EngagementIssueView,
  MediaInquiryStatus,
  EngagementSummaryView,
  EngagementView,
  MediaInquiryView,
  OrganizationSummaryView,
  OrganizationView,
} from '../../shared/community.ts';
import { deadlineClock } from '../../domain/media-desk.ts';
import {
  getOrganization,
  listOrganizationContacts,
  organizationLinks,
  type OrganizationRow,
} from '../repositories/organizations.ts';
import {
  engagementExtras,
  getEngagement,
  listFollowUps,
  listIssues,
  type EngagementExtras,
  type EngagementRow,
  type FollowUpRow,
  type IssueViewRow,
} from '../repositories/engagements.ts';
import { getMediaInquiryView, type MediaInquiryViewRow } from '../repositories/media-inquiries.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

/** An organisation as the list shows it. */
export function presentOrganization(row: OrganizationRow): OrganizationSummaryView {
  return {
    id: row.id,
    name: row.name,
    type: row.type as OrganizationSummaryView['type'],
    languages: row.languages,
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    notes: row.notes,
    active: row.active,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** One organisation with its contacts and everything linked to it; 404 outside the agency. */
export async function organizationView(ctx: CommandContext, id: number): Promise<OrganizationView> {
  const row = await getOrganization(ctx.db, ctx.agency.id, id);
  if (!row) throw notFound(`Organisation ${id}`);
  const [contacts, links] = await Promise.all([
    listOrganizationContacts(ctx.db, ctx.agency.id, id),
    organizationLinks(ctx, id),
  ]);
  return {
    ...presentOrganization(row),
    contacts: contacts.map((c) => ({
      personId: c.person_id,
      name: `${c.first_name} ${c.last_name}`.trim(),
      role: c.role,
      email: c.email,
      phone: c.phone,
    })),
    engagements: links.engagements.map((e) => ({
      id: e.id,
      kind: e.kind as EngagementView['kind'],
      title: e.title,
      startsAt: iso(e.starts_at),
    })),
    mediaInquiries: links.inquiries.map((m) => ({
      id: m.id,
      topic: m.topic,
      status: m.status as MediaInquiryView['status'],
      deadlineAt: iso(m.deadline_at),
    })),
    cases: links.cases.map((c) => ({ trackingNumber: c.tracking_number, status: c.status, issueId: c.issue_id })),
  };
}

/** An engagement as the calendar shows it. */
export function presentEngagement(row: EngagementRow, extras: EngagementExtras | undefined): EngagementSummaryView {
  const organizations = (extras?.organizations ?? []).map((o) => ({
    ...o,
    type: o.type as OrganizationSummaryView['type'],
  }));
  return {
    id: row.id,
    kind: row.kind as EngagementSummaryView['kind'],
    title: row.title,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    location: row.location,
    link: row.link,
    audience: row.audience,
    languages: row.languages,
    interpretation: row.interpretation,
    attendance: row.attendance,
    agenda: row.agenda,
    minutes: row.minutes,
    status: row.status as EngagementSummaryView['status'],
    organizations,
    organizationIds: organizations.map((o) => o.id),
    issueCount: extras?.issueCount ?? 0,
    openIssueCount: extras?.openIssueCount ?? 0,
    recurrence: row.recurrence,
    area: row.area,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function presentIssue(row: IssueViewRow, followUps: FollowUpRow[]): EngagementIssueView {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    description: row.description,
    subject: row.subject_code,
    subjectName: row.subject_name,
    outcome: row.outcome as EngagementIssueView['outcome'],
    caseTrackingNumber: row.tracking_number,
    caseStatus: row.case_status,
    followUpStatus: row.follow_up_status as EngagementIssueView['followUpStatus'],
    followUpNote: row.follow_up_note,
    reportedBackAt: isoOrNull(row.reported_back_at),
    closedAt: isoOrNull(row.closed_at),
    followUps: followUps.map((f) => ({
      id: f.id,
      kind: f.kind as EngagementIssueView['followUps'][number]['kind'],
      description: f.description,
      status: f.status as 'open' | 'done',
      linkedType: f.linked_type as EngagementIssueView['followUps'][number]['linkedType'],
      linkedId: f.linked_id,
      createdAt: iso(f.created_at),
      doneAt: isoOrNull(f.done_at),
    })),
    version: row.version,
    createdAt: iso(row.created_at),
  };
}

/** Issues with their follow-ups. */
async function issueViews(ctx: CommandContext, rows: IssueViewRow[]): Promise<EngagementIssueView[]> {
  const followUps = await listFollowUps(
    ctx.db,
    ctx.agency.id,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    presentIssue(
      row,
      followUps.filter((f) => f.issue_id === row.id),
    ),
  );
}

/** One issue as the API answers it. */
export async function issueView(ctx: CommandContext, issueId: number): Promise<EngagementIssueView> {
  const [view] = await issueViews(ctx, await listIssues(ctx, { issueIds: [issueId] }));
  if (!view) throw notFound(`Issue ${issueId}`);
  return view;
}

/** One engagement with its organisations and issues; 404 outside the agency. */
export async function engagementView(ctx: CommandContext, id: number): Promise<EngagementView> {
  const row = await getEngagement(ctx.db, ctx.agency.id, id);
  if (!row) throw notFound(`Engagement ${id}`);
  const [extras, issues] = await Promise.all([
    engagementExtras(ctx.db, ctx.agency.id, [id]),
    listIssues(ctx, { engagementIds: [id] }),
  ]);
  return { ...presentEngagement(row, extras.get(id)), issues: await issueViews(ctx, issues) };
}

/** A media inquiry with its clock at `now`. */
export function presentMediaInquiry(row: MediaInquiryViewRow, now: Date): MediaInquiryView {
  const status = row.status as MediaInquiryStatus;
  return {
    id: row.id,
    outlet: row.outlet,
    outletOrganizationId: row.outlet_organization_id,
    reporter: row.reporter,
    reporterContact: row.reporter_contact,
    topic: row.topic,
    deadlineAt: iso(row.deadline_at),
    receivedAt: iso(row.received_at),
    status,
    spokesperson:
      row.spokesperson_user_id !== null ? { id: row.spokesperson_user_id, name: row.spokesperson_name ?? '' } : null,
    draftAnswer: row.draft_answer,
    draftedAt: isoOrNull(row.drafted_at),
    draftedBy: row.drafted_by_name,
    approvedAt: isoOrNull(row.approved_at),
    approvedBy: row.approved_by_name,
    releasedText: row.released_text,
    releasedAt: isoOrNull(row.released_at),
    coverageUrl: row.coverage_url,
    clock: deadlineClock(
      {
        status,
        deadlineAt: new Date(row.deadline_at),
        releasedAt: row.released_at ? new Date(row.released_at) : null,
      },
      now,
    ),
    version: row.version,
    createdAt: iso(row.created_at),
  };
}

/** One media inquiry; 404 outside the agency. */
export async function mediaInquiryView(ctx: CommandContext, id: number): Promise<MediaInquiryView> {
  const row = await getMediaInquiryView(ctx.db, ctx.agency.id, id);
  if (!row) throw notFound(`Media inquiry ${id}`);
  return presentMediaInquiry(row, new Date());
}
