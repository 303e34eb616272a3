// The monthly report as a ReportDocument: one table per section (volumes by each dimension, backlog by age and by
// unit, response times, escalations, elected officials, repeat contacts, survey results, new issues) with real
// numbers, and bar charts of volume by channel, backlog by age and new issues. render/ turns it into CSV, XLSX or PDF.
import type { ReportChart, ReportColumn, ReportDocument, ReportTable } from '../../shared/report-document.ts';
import type { CommandContext } from '../context.ts';
import type { ReportRequest } from './report-request.ts';
import { roundTo } from './report-numbers.ts';
import { buildMonthlyReport, type MonthlyReport, type VolumeRow } from './monthly-report.ts';
import { communityMonthTables } from './community-report.ts';

const count = (key: string, label: string): ReportColumn => ({ key, label, format: 'count' });
const percent = (key: string, label: string): ReportColumn => ({ key, label, format: 'percent' });
const days = (key: string, label: string): ReportColumn => ({ key, label, format: 'days' });
const text = (key: string, label: string): ReportColumn => ({ key, label, format: 'text' });

function volumeTable(name: string, title: string, dimension: string, rows: VolumeRow[], report: MonthlyReport) {
  const withLevel = rows.some((r) => r.level !== undefined);
  const table: ReportTable = {
    name,
    title,
    description: `Cases received in ${report.period.label} by ${dimension}, against ${report.previousMonth.label} and ${report.yearEarlier.label}; merged duplicates left out.`,
    columns: [
      text('key', 'Code'),
      text(
        'label',
        title.replace(/^Volume by /, '').replace(/^./, (c) => c.toUpperCase()),
      ),
      ...(withLevel ? [count('level', 'Level')] : []),
      count('thisMonth', report.period.label),
      count('previousMonth', report.previousMonth.label),
      count('changeFromPrevious', 'Change'),
      percent('changeFromPreviousPercent', 'Change %'),
      count('yearEarlier', report.yearEarlier.label),
      count('changeFromYearEarlier', 'Change on a year'),
      percent('changeFromYearEarlierPercent', 'Change on a year %'),
    ],
    rows: rows.map((r) => ({
      key: r.key,
      label: r.level === 2 ? `  ${r.label}` : r.label,
      ...(withLevel ? { level: r.level ?? null } : {}),
      thisMonth: r.thisMonth.count,
      previousMonth: r.previousMonth.count,
      changeFromPrevious: r.changeFromPreviousMonth.absolute,
      changeFromPreviousPercent: r.changeFromPreviousMonth.percent,
      yearEarlier: r.yearEarlier.count,
      changeFromYearEarlier: r.changeFromYearEarlier.absolute,
      changeFromYearEarlierPercent: r.changeFromYearEarlier.percent,
    })),
  };
  return table;
}

function summaryTable(report: MonthlyReport): ReportTable {
  const rows: [string, number | null][] = [
    ['Cases received', report.volume.total.thisMonth.count],
    [`Received in ${report.previousMonth.label}`, report.volume.total.previousMonth.count],
    [`Received in ${report.yearEarlier.label}`, report.volume.total.yearEarlier.count],
    ['Open backlog', report.backlog.total.count],
    ['Escalations', report.escalations.total.count],
    ["Elected officials' items received", report.electedOfficials.received.count],
    ['Repeat contacts', report.repeatContacts.count.count],
    ['Survey answers', report.survey.responses.count],
    ['New issues', report.newIssues.length],
  ];
  return {
    name: 'Summary',
    title: 'Summary',
    description: `The month at a glance; the backlog is taken at ${report.backlog.at} (ages to ${report.backlog.asOfDate}).`,
    columns: [text('measure', 'Measure'), count('value', 'Value')],
    rows: rows.map(([measure, value]) => ({ measure, value })),
  };
}

function backlogTables(report: MonthlyReport): ReportTable[] {
  const bandColumns = report.backlog.bands.map((b) => count(`band_${b.band}`, b.label));
  return [
    {
      name: 'Backlog by age',
      title: 'Open backlog by age',
      description: `Cases received before ${report.backlog.at} and not closed by then, by calendar days since the day of receipt (counted to ${report.backlog.asOfDate}).`,
      columns: [text('band', 'Age'), count('open', 'Open cases')],
      rows: report.backlog.bands.map((b) => ({ band: b.label, open: b.open.count })),
    },
    {
      name: 'Backlog by unit',
      title: 'Open backlog by unit and age',
      description: 'The same open cases by the unit they are routed to.',
      columns: [text('unit', 'Unit'), count('total', 'Open cases'), ...bandColumns],
      rows: report.backlog.byUnit.map((u) => ({
        unit: u.label,
        total: u.total.count,
        ...Object.fromEntries(report.backlog.bands.map((b, i) => [`band_${b.band}`, u.bands[i]?.count ?? 0])),
      })),
    },
  ];
}

function responseTimeTable(report: MonthlyReport): ReportTable {
  return {
    name: 'Response times',
    title: 'Time to first response and to close',
    description: `Median and 90th percentile in days, over the cases received in ${report.period.label} that have a first response (or are closed); cases still waiting are not in these figures.`,
    columns: [
      text('channel', 'Channel'),
      count('received', 'Received'),
      count('responded', 'With a first response'),
      days('responseMedian', 'First response, median days'),
      days('responseP90', 'First response, 90th percentile days'),
      count('closed', 'Closed'),
      days('closeMedian', 'Close, median days'),
      days('closeP90', 'Close, 90th percentile days'),
    ],
    rows: report.responseTimes.map((r) => ({
      channel: r.label,
      received: r.received.count,
      responded: r.firstResponse.cases.count,
      responseMedian: r.firstResponse.medianDays,
      responseP90: r.firstResponse.p90Days,
      closed: r.close.cases.count,
      closeMedian: r.close.medianDays,
      closeP90: r.close.p90Days,
    })),
  };
}

function escalationTables(report: MonthlyReport): ReportTable[] {
  const description = `Cases whose latest escalation happened in ${report.period.label}`;
  return [
    {
      name: 'Escalations by level',
      title: 'Escalations by level',
      description: `${description}, by the level reached.`,
      columns: [text('level', 'Level'), count('cases', 'Cases')],
      rows: [
        ...report.escalations.byLevel.map((l) => ({ level: `${l.key} ${l.label}`, cases: l.count.count })),
        { level: 'Total', cases: report.escalations.total.count },
      ],
    },
    {
      name: 'Escalations by unit',
      title: 'Escalations by unit',
      description: `${description}, by unit.`,
      columns: [text('unit', 'Unit'), count('cases', 'Cases')],
      rows: report.escalations.byUnit.map((u) => ({ unit: u.label, cases: u.count.count })),
    },
  ];
}

function electedTable(report: MonthlyReport): ReportTable {
  const e = report.electedOfficials;
  return {
    name: 'Elected officials',
    title: "Elected officials' items",
    description: `Items from elected officials' offices received in ${report.period.label}; "within standard" means a first response by its due time, as a percent of those received; open is at the backlog time.`,
    columns: [
      count('received', 'Received'),
      count('answered', 'Answered'),
      count('withinStandard', 'Answered within standard'),
      percent('withinStandardPercent', 'Within standard %'),
      count('open', 'Open'),
    ],
    rows: [
      {
        received: e.received.count,
        answered: e.answered.count,
        withinStandard: e.answeredWithinStandard.count,
        withinStandardPercent: e.withinStandardPercent,
        open: e.openAtBacklogTime.count,
      },
    ],
  };
}

function repeatTable(report: MonthlyReport): ReportTable {
  const r = report.repeatContacts;
  return {
    name: 'Repeat contacts',
    title: 'Repeat contacts',
    description: `Cases received in ${report.period.label} whose person had another case with the same subject received in the ${r.windowDays} days before; top subjects.`,
    columns: [text('subject', 'Subject'), count('cases', 'Repeat contacts'), percent('percent', '% of received')],
    rows: [
      { subject: 'All subjects', cases: r.count.count, percent: r.percentOfReceived },
      ...r.topSubjects.map((s) => ({ subject: s.label, cases: s.count.count, percent: null })),
    ],
  };
}

function surveyTable(report: MonthlyReport): ReportTable {
  const s = report.survey;
  return {
    name: 'Survey results',
    title: 'Satisfaction survey',
    description: `Answers given in ${report.period.label}: mean satisfaction on a scale of 1 to 5; resolved is the share of yes among those who answered that question.`,
    columns: [
      count('responses', 'Answers'),
      count('satisfaction', 'Mean satisfaction (1–5)'),
      count('resolvedAnswered', 'Answered "resolved?"'),
      count('resolvedYes', 'Resolved: yes'),
      percent('resolvedPercent', 'Resolved %'),
    ],
    rows: [
      {
        responses: s.responses.count,
        satisfaction: s.meanSatisfaction,
        resolvedAnswered: s.resolvedAnswered,
        resolvedYes: s.resolvedYes,
        resolvedPercent: s.resolvedYesPercent,
      },
    ],
  };
}

function newIssuesTable(report: MonthlyReport): ReportTable {
  return {
    name: 'New issues',
    title: 'New issues',
    description:
      'Subjects, facilities and units whose daily or weekly count rose well above what their history predicts.',
    columns: [
      text('dimension', 'Kind'),
      text('label', 'What'),
      text('window', 'Window'),
      text('from', 'From'),
      text('to', 'To'),
      count('observed', 'Observed'),
      count('expected', 'Expected'),
      text('sentence', 'In a sentence'),
    ],
    rows: report.newIssues.map((i) => ({
      dimension: i.dimension,
      label: i.label,
      window: i.window,
      from: i.from,
      to: i.to,
      observed: i.observed,
      expected: roundTo(i.expected, 1),
      sentence: i.sentence,
    })),
  };
}

/** The monthly report as a document: tables for every section and three bar charts. */
function actionPlansTable(report: MonthlyReport): ReportTable {
  return {
    name: 'Action plans',
    title: 'Improvement action plans',
    description: `Plans open during ${report.period.label}, with their actions as they stood on ${report.period.to}; an action is overdue when its due date has passed and it was not completed by then.`,
    columns: [
      text('plan', 'Plan'),
      text('measure', 'Measure'),
      text('owner', 'Owner'),
      text('status', 'Status'),
      count('actions', 'Actions'),
      count('completed', 'Completed'),
      count('completedInPeriod', 'Completed in the month'),
      count('overdue', 'Overdue'),
    ],
    rows: report.actionPlans.map((p) => ({
      plan: p.title,
      measure: p.measureKey,
      owner: p.ownerName,
      status: p.status,
      actions: p.actions,
      completed: p.completed,
      completedInPeriod: p.completedInPeriod,
      overdue: p.overdue,
    })),
  };
}

export function monthlyReportDocument(report: MonthlyReport, agencyName: string): ReportDocument {
  const v = report.volume;
  const tables: ReportTable[] = [
    summaryTable(report),
    volumeTable('Volume by channel', 'Volume by channel', 'channel', v.byChannel, report),
    volumeTable(
      'Volume by subject',
      'Volume by subject',
      'subject (top level, then its sub-subjects)',
      v.bySubject,
      report,
    ),
    volumeTable('Volume by unit', 'Volume by unit', 'unit', v.byUnit, report),
    volumeTable('Volume by facility', 'Volume by facility', 'facility', v.byFacility, report),
    volumeTable('Volume by language', 'Volume by language', 'language', v.byLanguage, report),
    volumeTable('Volume by writer type', 'Volume by writer type', 'who wrote', v.byWriterType, report),
    ...backlogTables(report),
    responseTimeTable(report),
    ...escalationTables(report),
    electedTable(report),
    repeatTable(report),
    surveyTable(report),
    newIssuesTable(report),
    actionPlansTable(report),
  ];
  const charts: ReportChart[] = [
    {
      kind: 'bar',
      title: `Cases received by channel: ${report.period.label}, the month before and a year earlier`,
      table: 'Volume by channel',
      labelColumn: 'label',
      valueColumns: ['thisMonth', 'previousMonth', 'yearEarlier'],
    },
    {
      kind: 'bar',
      title: `Open backlog by age at ${report.backlog.asOfDate}`,
      table: 'Backlog by age',
      labelColumn: 'band',
      valueColumns: ['open'],
    },
  ];
  if (report.newIssues.length) {
    charts.push({
      kind: 'bar',
      title: 'New issues: observed against expected',
      table: 'New issues',
      labelColumn: 'label',
      valueColumns: ['observed', 'expected'],
    });
  }
  return {
    title: `Monthly report: ${report.period.label}`,
    subtitle: [
      agencyName,
      `${report.period.label} (${report.period.from} to ${report.period.to}, ${report.agency.timeZone})`,
      `Made ${report.asOf}`,
      ...report.notes,
    ],
    tables,
    charts,
  };
}

/** The report builder of kind "monthly" (schedules, exports): the report for the reader, as a document. */
export async function buildMonthlyReportDocument(ctx: CommandContext, request: ReportRequest): Promise<ReportDocument> {
  const report = await buildMonthlyReport(ctx, { period: request.period, asOf: request.asOf });
  const document = monthlyReportDocument(report, ctx.agency.name);
  // The month's engagements and media inquiries close the report.
  return { ...document, tables: [...document.tables, ...(await communityMonthTables(ctx, request.period))] };
}
