// The ombudsperson's periodic report (DOMAIN.md §4, issue 12): inquiries received and closed, repeat contacts,
// complaints received and resolved, by category and channel, timeliness against the resolution clock and its
// extension, extensions and transfers, hearings requested, eligible, held, decided with their outcomes per issue, and
// compliance reports due and filed on time. A ReportDocument, so CSV, XLSX, PDF and schedules work as for the
// others (kind "ombudsperson"); counts come from src/domain/ombudsperson-report.ts.
import type { CommandContext } from '../../context.ts';
import type { ReportRequest } from '../report-request.ts';
import type { ReportColumn, ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { periodInstants } from '../../../shared/report-periods.ts';
import { localDate } from '../../../shared/local-time.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import {
  ombudsCellKind,
  ombudsCountsOf,
  ombudsMembers,
  type OmbudsCounts,
} from '../../../domain/ombudsperson-report.ts';
import { ombudsCellKey, type OmbudspersonItems } from '../../../shared/ombudsperson-report.ts';
import { invalid } from '../../errors.ts';
import { reportComplaints, reportHearings, reportInquiries } from '../../repositories/ombudsperson-report.ts';

const text = (key: string, label: string): ReportColumn => ({ key, label, format: 'text' });
const count = (key: string, label: string): ReportColumn => ({ key, label, format: 'count' });
const human = (code: string) => code.replace(/_/g, ' ');

/** The records touching the period that the reader may see, and which of them each number counts. */
export async function ombudspersonRecords(ctx: CommandContext, request: ReportRequest) {
  const { period } = request;
  const timeZone = ctx.agency.timeZone;
  const [inquiries, complaints, hearings] = await Promise.all([
    reportInquiries(ctx, { ...periodInstants(period, timeZone), from: period.from, to: period.to }),
    reportComplaints(ctx, period),
    reportHearings(ctx, period),
  ]);
  const members = ombudsMembers(
    { from: period.from, to: period.to, today: localDate(request.asOf, timeZone) },
    inquiries.map((i) => ({
      ref: i.tracking_number,
      receivedOn: localDate(i.received_at, timeZone),
      closedOn: i.closed_on,
      satisfied: i.satisfied,
      repeat: i.repeat_action !== null,
    })),
    complaints.map((c) => ({
      ref: c.complaint_number,
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
      ref: String(h.id),
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
  return { inquiries, complaints, hearings, members };
}

/** The counts of the period for the reader (only records they may see). */
export async function ombudspersonCounts(ctx: CommandContext, request: ReportRequest): Promise<OmbudsCounts> {
  return ombudsCountsOf((await ombudspersonRecords(ctx, request)).members);
}

const percent = (key: string, label: string): ReportColumn => ({ key, label, format: 'percent' });

/** A row of measures: its label, its number, the cell listing the records behind it, and a share (0–100). */
type MeasureRow = [measure: string, value: number | null, drill: string, share?: number | null];

const measures = (name: string, title: string, description: string, rows: MeasureRow[]): ReportTable => {
  const shares = rows.some((row) => row.length > 3);
  return {
    name,
    title,
    description,
    columns: [
      text('measure', 'Measure'),
      count('value', 'Value'),
      ...(shares ? [percent('share', 'Share of resolved')] : []),
    ],
    rows: rows.map(([measure, value, drill, share]) => ({
      measure,
      value,
      ...(shares ? { share: share ?? null } : {}),
      drill,
    })),
  };
};

/**
 * The counts as a document with one table per part of the report. Each row names in `drill` the cell key of the
 * records behind its numbers (not a column, so no file shows it; `ombudsCellKey` reads it).
 */
export function ombudspersonDocument(counts: OmbudsCounts, agencyName: string, periodLine: string): ReportDocument {
  const { inquiries: i, complaints: c, hearings: h } = counts;
  return {
    title: "Ombudsperson's report",
    subtitle: [agencyName, periodLine],
    tables: [
      measures('Inquiries', 'Inquiries', 'Inquiries received and closed in the period.', [
        ['Inquiries received', i.received, 'inquiries.received'],
        ['Repeat contacts (same person, same subject, within 90 days)', i.repeatContacts, 'inquiries.repeatContacts'],
        ['Inquiries closed', i.closed, 'inquiries.closed'],
        ['Closed, participant satisfied', i.satisfied, 'inquiries.satisfied'],
        ['Closed, participant dissatisfied', i.dissatisfied, 'inquiries.dissatisfied'],
      ]),
      measures(
        'Complaints',
        'Complaints',
        'Complaints by receipt date; resolutions, extensions and transfers by the day they happened. ' +
          'Shares are of the complaints resolved in the period.',
        [
          ['Complaints received', c.received, 'complaints.received'],
          ['Filed after the filing window', c.filedLate, 'complaints.filedLate'],
          ['Complaints resolved', c.resolved, 'complaints.resolved'],
          ['Resolved within 30 days', c.withinClock, 'complaints.withinClock', c.withinClockPercent],
          ['Resolved within the extension', c.withinExtension, 'complaints.withinExtension'],
          [
            'Resolved within 30 days or the extension',
            c.withinClock + c.withinExtension,
            'complaints.onTime',
            c.withinDeadlinePercent,
          ],
          ['Resolved after the due date', c.late, 'complaints.late'],
          ['Extensions granted', c.extensions, 'complaints.extensions'],
          ['Transfers to another county', c.transfers, 'complaints.transfers'],
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
          drill: `complaints.category:${r.category}`,
        })),
      },
      {
        name: 'By channel',
        title: 'Complaints received by channel',
        columns: [text('channel', 'Received via'), count('count', 'Complaints')],
        rows: c.byChannel.map((r) => ({
          channel: human(r.channel),
          count: r.count,
          drill: `complaints.channel:${r.channel}`,
        })),
      },
      measures(
        'Hearings',
        'State hearings',
        'Requests by request date; hearings, decisions and reports by their day.',
        [
          ['Hearings requested', h.requested, 'hearings.requested'],
          ['Requests eligible', h.eligible, 'hearings.eligible'],
          ['Hearings held', h.held, 'hearings.held'],
          ['Requests dismissed', h.dismissed, 'hearings.dismissed'],
          ['Decisions adopted', h.decided, 'hearings.decided'],
          ['Compliance reports due', h.complianceDue, 'hearings.complianceDue'],
          ['Compliance reports filed on time', h.complianceOnTime, 'hearings.complianceOnTime'],
          ['Compliance reports filed late', h.complianceLate, 'hearings.complianceLate'],
          ['Compliance reports not filed', h.complianceOutstanding, 'hearings.complianceOutstanding'],
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
          drill: `hearings.outcome:${r.category}`,
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

/** What a cell of the document is called: its table, its row and, for a table of several numbers, its column. */
function cellLabel(doc: ReportDocument, cell: string): string | null {
  for (const table of doc.tables) {
    const counts = table.columns.filter((column) => column.format === 'count');
    for (const row of table.rows) {
      const column = counts.find((c) => ombudsCellKey(row, c) === cell);
      if (!column) continue;
      const name = String(row[table.columns[0]!.key]);
      return counts.length > 1 ? `${table.title}: ${name}, ${column.label.toLowerCase()}` : `${table.title}: ${name}`;
    }
  }
  return null;
}

/**
 * The records behind one number of the report, read from the same rows with the same rules and the same policies as
 * the report, so `total` is the number the report shows for that cell.
 */
export async function ombudspersonItems(
  ctx: CommandContext,
  request: ReportRequest & { cell: string },
): Promise<OmbudspersonItems> {
  const kind = ombudsCellKind(request.cell);
  if (!kind) throw invalid('cell', "is not a number of the ombudsperson's report");
  const records = await ombudspersonRecords(ctx, request);
  const refs = new Set(records.members[request.cell] ?? []);
  const { period } = request;
  const doc = ombudspersonDocument(ombudsCountsOf(records.members), ctx.agency.name, period.label);
  const timeZone = ctx.agency.timeZone;
  return {
    cell: request.cell,
    label: cellLabel(doc, request.cell) ?? human(request.cell.replace(/[.:]/g, ' ')),
    period: period.key,
    periodLabel: period.label,
    asOf: request.asOf.toISOString(),
    kind,
    total: refs.size,
    inquiries:
      kind !== 'inquiries'
        ? []
        : records.inquiries
            .filter((i) => refs.has(i.tracking_number))
            .map((i) => ({
              trackingNumber: i.tracking_number,
              receivedOn: localDate(i.received_at, timeZone),
              closedOn: i.closed_on,
              satisfied: i.satisfied,
              repeatContact: i.repeat_action !== null,
            })),
    complaints:
      kind !== 'complaints'
        ? []
        : records.complaints
            .filter((c) => refs.has(c.complaint_number))
            .map((c) => ({
              complaintNumber: c.complaint_number,
              receivedVia: c.received_via,
              receiptDate: c.receipt_date,
              filedLate: c.filed_late,
              resolutionDueOn: c.resolution_due_on,
              resolvedOn: c.resolved_on,
              extendedOn: c.extended_on,
              transferredOn: c.transferred_on,
              categories: c.categories,
            })),
    hearings:
      kind !== 'hearings'
        ? []
        : records.hearings
            .filter((h) => refs.has(String(h.id)))
            .map((h) => ({
              id: h.id,
              complaintNumber: h.complaint_number,
              requestedOn: h.requested_on,
              eligible: h.eligible,
              hearingOn: h.hearing_on,
              dismissed: h.dismissal_notice_on !== null,
              decisionAdoptedOn: h.decision_adopted_on,
              complianceReportDueOn: h.compliance_report_due_on,
              complianceReportFiledOn: h.compliance_report_filed_on,
            })),
  };
}
