// The ombudsperson's periodic report (DOMAIN.md §4, issue 12): inquiries received and closed, repeat contacts,
// complaints received and resolved, by category and channel, timeliness against the resolution clock and its
// extension, extensions and transfers, hearings requested, eligible, held, decided with their outcomes per issue, and
// compliance reports due and filed on time. A ReportDocument, so CSV, XLSX, PDF and schedules work as for the
// others (kind "ombudsperson"); counts come from src/domain/ombudsperson-report.ts.
import type { CommandContext } from '../../context.ts';
import type { ReportRequest } from '../report-builders.ts';
import type { ReportColumn, ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { periodInstants } from '../../../shared/report-periods.ts';
import { localDate } from '../../../shared/local-time.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import { ombudsCounts, type OmbudsCounts } from '../../../domain/ombudsperson-report.ts';
import { reportComplaints, reportHearings, reportInquiries } from '../../repositories/ombudsperson-report.ts';

const text = (key: string, label: string): ReportColumn => ({ key, label, format: 'text' });
const count = (key: string, label: string): ReportColumn => ({ key, label, format: 'count' });
const human = (code: string) => code.replace(/_/g, ' ');

/** The counts of the period for the reader (only records they may see). */
export async function ombudspersonCounts(ctx: CommandContext, request: ReportRequest): Promise<OmbudsCounts> {
  const { period } = request;
  const timeZone = ctx.agency.timeZone;
  const [inquiries, complaints, hearings] = await Promise.all([
    reportInquiries(ctx, { ...periodInstants(period, timeZone), from: period.from, to: period.to }),
    reportComplaints(ctx, period),
    reportHearings(ctx, period),
  ]);
  return ombudsCounts(
    { from: period.from, to: period.to, today: localDate(request.asOf, timeZone) },
    inquiries.map((i) => ({
      receivedOn: localDate(i.received_at, timeZone),
      closedOn: i.closed_on,
      satisfied: i.satisfied,
      repeat: i.repeat_action !== null,
    })),
    complaints.map((c) => ({
      receivedVia: c.received_via,
      receiptDate: c.receipt_date,
      filedLate: c.filed_late,
      extended: c.extensions > 0,
      extendedOn: c.extended_on,
      resolvedOn: c.resolved_on,
      resolutionDueOn: c.resolution_due_on,
      transferredOn: c.transferred_on,
      categories: c.categories,
    })),
    hearings.map((h) => ({
      requestedOn: h.requested_on,
      eligible: h.eligible,
      hearingOn: h.hearing_on,
      dismissed: h.dismissal_notice_on !== null,
      decisionAdoptedOn: h.decision_adopted_on,
      outcomes: h.decision_outcomes ?? [],
      complianceReportDueOn: h.compliance_report_due_on,
      complianceReportFiledOn: h.compliance_report_filed_on,
    })),
  );
}

const measures = (name: string, title: string, description: string, rows: [string, number | null][]): ReportTable => ({
  name,
  title,
  description,
  columns: [text('measure', 'Measure'), count('value', 'Value')],
  rows: rows.map(([measure, value]) => ({ measure, value })),
});

/** The counts as a document with one table per part of the report. */
export function ombudspersonDocument(counts: OmbudsCounts, agencyName: string, periodLine: string): ReportDocument {
  const { inquiries: i, complaints: c, hearings: h } = counts;
  return {
    title: "Ombudsperson's report",
    subtitle: [agencyName, periodLine],
    tables: [
      measures('Inquiries', 'Inquiries', 'Inquiries received and closed in the period.', [
        ['Inquiries received', i.received],
        ['Repeat contacts (same person, same subject, within 90 days)', i.repeatContacts],
        ['Inquiries closed', i.closed],
        ['Closed, participant satisfied', i.satisfied],
        ['Closed, participant dissatisfied', i.dissatisfied],
      ]),
      measures(
        'Complaints',
        'Complaints',
        'Complaints by receipt date; resolutions, extensions and transfers by the day they happened.',
        [
          ['Complaints received', c.received],
          ['Filed after the filing window', c.filedLate],
          ['Complaints resolved', c.resolved],
          ['Resolved within 30 days', c.withinClock],
          ['Resolved within the extension', c.withinExtension],
          ['Resolved after the due date', c.late],
          ['Resolved within 30 days (%)', c.withinClockPercent],
          ['Resolved within 30 days or the extension (%)', c.withinDeadlinePercent],
          ['Extensions granted', c.extensions],
          ['Transfers to another county', c.transfers],
        ],
      ),
      {
        name: 'By category',
        title: 'Complaints received by category',
        description:
          'Each issue category raised in a complaint received in the period (a complaint may raise several).',
        columns: [text('category', 'Category'), count('count', 'Complaints')],
        rows: c.byCategory.map((r) => ({
          category: complaintCategory(r.category)?.name ?? r.category,
          count: r.count,
        })),
      },
      {
        name: 'By channel',
        title: 'Complaints received by channel',
        columns: [text('channel', 'Received via'), count('count', 'Complaints')],
        rows: c.byChannel.map((r) => ({ channel: human(r.channel), count: r.count })),
      },
      measures(
        'Hearings',
        'State hearings',
        'Requests by request date; hearings, decisions and reports by their day.',
        [
          ['Hearings requested', h.requested],
          ['Requests eligible', h.eligible],
          ['Hearings held', h.held],
          ['Requests dismissed', h.dismissed],
          ['Decisions adopted', h.decided],
          ['Compliance reports due', h.complianceDue],
          ['Compliance reports filed on time', h.complianceOnTime],
          ['Compliance reports filed late', h.complianceLate],
          ['Compliance reports not filed', h.complianceOutstanding],
        ],
      ),
      {
        name: 'Outcomes',
        title: 'Hearing outcomes by issue',
        description: 'The outcome of each issue in the decisions adopted in the period.',
        columns: [text('category', 'Issue'), count('granted', 'Granted'), count('denied', 'Denied')],
        rows: h.outcomes.map((r) => ({
          category: complaintCategory(r.category)?.name ?? r.category,
          granted: r.granted,
          denied: r.denied,
        })),
      },
    ],
  };
}

/** The report builder of kind "ombudsperson" (exports, schedules). */
export async function buildOmbudspersonReport(ctx: CommandContext, request: ReportRequest): Promise<ReportDocument> {
  const counts = await ombudspersonCounts(ctx, request);
  const { period } = request;
  return ombudspersonDocument(counts, ctx.agency.name, `${period.label} (${period.from} to ${period.to})`);
}
