// The quarterly QA report as a ReportDocument (so it renders to CSV, XLSX and PDF and can be scheduled): each
// measure's latest value by the end of the quarter against its goal and the federal thresholds, civicdesk's own
// indicators over the quarter against their targets, the action plans as they stood at its end, response-review
// results by unit and by worker, and training completion of each required course. A month (what a monthly schedule
// asks for) is widened to its quarter up to that month's end, so the report sent after a quarter's last month covers
// the whole quarter.
import type { CommandContext } from '../../context.ts';
import type { ReportColumn, ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { parsePeriod, periodInstants, type ReportPeriod } from '../../../shared/report-periods.ts';
import type { ReportRequest } from '../report-request.ts';
import { listGoals, listMeasures, listValues } from '../../repositories/quality-measures.ts';
import { presentValue } from '../../queries/quality-measures.ts';
import { trainingMatrix } from '../../queries/training.ts';
import { computeIndicators } from '../indicators.ts';
import { formatMeasureValue, parseMeasurePeriod, type MeasureUnit } from '../../../domain/measures.ts';
import { completionsInPeriod, plansOfPeriod, reviewsOfPeriod, type ReviewOfPeriod } from './quality-report-queries.ts';
import { requireQualityReader } from '../../policies/quality.ts';

const text = (key: string, label: string): ReportColumn => ({ key, label, format: 'text' });
const count = (key: string, label: string): ReportColumn => ({ key, label, format: 'count' });
const percent = (key: string, label: string): ReportColumn => ({ key, label, format: 'percent' });
const number = (key: string, label: string): ReportColumn => ({ key, label });

/** The period the QA report covers: a month becomes its quarter up to the month's end; other periods stay. */
export function qualityReportPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind !== 'month') return period;
  const [year, month] = period.key.split('-').map(Number) as [number, number];
  const quarter = parsePeriod(`${year}-Q${Math.ceil(month / 3)}`);
  if (quarter.to === period.to) return quarter;
  return {
    ...quarter,
    kind: 'range',
    key: `${quarter.from}..${period.to}`,
    label: `${quarter.label} to ${period.label}`,
    to: period.to,
  };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : null);

/** Each measure's latest value whose period ended by the end of the report's period, against goal and thresholds. */
async function measuresTable(ctx: CommandContext, period: ReportPeriod): Promise<ReportTable> {
  const measures = await listMeasures(ctx.db, ctx.agency.id);
  const ids = measures.map((m) => m.id);
  const [values, goals] = await Promise.all([
    listValues(ctx.db, ctx.agency.id, ids),
    listGoals(ctx.db, ctx.agency.id, ids),
  ]);
  const rows: ReportTable['rows'] = [];
  for (const measure of measures) {
    const own = values.filter((v) => v.measureId === measure.id && v.periodTo <= period.to);
    const latest = own[own.length - 1];
    const show = (value: number | null) => (value === null ? null : formatMeasureValue(value, measure.unit));
    if (!latest) {
      rows.push({ measure: measure.name, source: measure.source, period: null, value: null, shown: 'no value' });
      continue;
    }
    const year = parseMeasurePeriod(latest.periodKey).goalYear;
    const goal = goals.find((g) => g.measureId === measure.id && g.year === year)?.goal;
    const presented = presentValue(measure, latest, goal, own.length > 1 ? own[own.length - 2]!.value : null);
    rows.push({
      measure: measure.name,
      source: measure.source,
      period: presented.periodLabel,
      value: round(presented.value ?? 0, 4),
      shown: show(presented.value),
      goal: show(presented.goal),
      meetsGoal: presented.meetsGoal === null ? null : presented.meetsGoal ? 'yes' : 'no',
      fullCredit: show(presented.thresholds?.fullCredit ?? null),
      noCredit: show(presented.thresholds?.noCredit ?? null),
      penaltyFloor: show(presented.thresholds?.penaltyFloor ?? null),
      credit: presented.assessment.credit,
      penalty: presented.assessment.penalty === null ? null : presented.assessment.penalty ? 'yes' : 'no',
      reliable: latest.reliable ? 'yes' : 'no',
    });
  }
  return {
    name: 'Measures',
    title: 'Measures against goals and thresholds',
    description: `Each measure's latest value for a period ended by ${period.to}, with the goal of its year and the federal full-credit, no-credit and penalty thresholds.`,
    columns: [
      text('measure', 'Measure'),
      text('source', 'Source'),
      text('period', 'Period'),
      number('value', 'Value (ratio)'),
      text('shown', 'Value'),
      text('goal', 'Goal'),
      text('meetsGoal', 'Meets goal'),
      text('fullCredit', 'Full credit at'),
      text('noCredit', 'No credit below'),
      text('penaltyFloor', 'Penalty below'),
      text('credit', 'Incentive credit'),
      text('penalty', 'Penalty'),
      text('reliable', 'Reliable data'),
    ],
    rows,
  };
}

/** civicdesk's own indicators over the period against their targets (through the indicators pipeline). */
async function indicatorsTable(ctx: CommandContext, period: ReportPeriod, asOf: Date): Promise<ReportTable> {
  const result = await computeIndicators(ctx, { period, asOf });
  const shown = (value: number | null | undefined, unit: string) =>
    value === null || value === undefined
      ? null
      : formatMeasureValue(unit === 'percent' ? value / 100 : value, unit as MeasureUnit);
  return {
    name: 'Indicators',
    title: 'Customer-service indicators',
    description: `civicdesk's indicators over ${period.label}, counted from the cases you may see, against their targets.`,
    columns: [
      text('indicator', 'Indicator'),
      text('value', 'Value'),
      text('target', 'Target'),
      text('meetsTarget', 'Meets target'),
    ],
    rows: result.indicators.map((i) => ({
      indicator: i.name,
      value: shown(i.value, i.unit),
      target: shown(i.target, i.unit),
      meetsTarget:
        i.value === null || i.target === undefined
          ? null
          : (i.better === 'higher' ? i.value >= i.target : i.value <= i.target)
            ? 'yes'
            : 'no',
    })),
  };
}

function reviewTable(
  name: string,
  title: string,
  reviews: ReviewOfPeriod[],
  key: (r: ReviewOfPeriod) => string,
  label: string,
  period: ReportPeriod,
): ReportTable {
  const groups = new Map<string, ReviewOfPeriod[]>();
  for (const r of reviews) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const criteria = [...new Set(reviews.flatMap((r) => Object.keys(r.scores)))].sort();
  return {
    name,
    title,
    description: `Response reviews made in ${period.label}: how many, their mean score and the mean of each criterion.`,
    columns: [
      text('group', label),
      count('reviews', 'Reviews'),
      number('average', 'Mean score'),
      ...criteria.map((c) => number(c, c.replace(/_/g, ' '))),
    ],
    rows: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, list]) => ({
        group,
        reviews: list.length,
        average: mean(list.map((r) => r.average)),
        ...Object.fromEntries(
          criteria.map((c) => [c, mean(list.map((r) => r.scores[c]).filter((s): s is number => s !== undefined))]),
        ),
      })),
  };
}

/** Builds the QA report of a quarter (or of the period asked for) for the reader in ctx. */
export async function buildQualityReport(ctx: CommandContext, request: ReportRequest): Promise<ReportDocument> {
  requireQualityReader(ctx, 'read the QA report');
  const period = qualityReportPeriod(request.period);
  const { start, end } = periodInstants(period, ctx.agency.timeZone);
  const [measures, indicators, plans, reviews, matrix, completions] = await Promise.all([
    measuresTable(ctx, period),
    indicatorsTable(ctx, period, request.asOf),
    plansOfPeriod(ctx, period),
    reviewsOfPeriod(ctx, start, end),
    trainingMatrix(ctx, period.to),
    completionsInPeriod(ctx, period),
  ]);
  const planTable: ReportTable = {
    name: 'Action plans',
    title: 'Action plans',
    description: `Plans open during ${period.label}, with their actions as they stood on ${period.to}; an action is overdue when its due date has passed and it was not completed by then.`,
    columns: [
      text('plan', 'Plan'),
      text('measure', 'Measure'),
      text('owner', 'Owner'),
      text('status', 'Status'),
      count('actions', 'Actions'),
      count('completed', 'Completed'),
      count('completedInPeriod', 'Completed in the period'),
      count('overdue', 'Overdue'),
      percent('percentComplete', 'Complete'),
    ],
    rows: plans.map((p) => ({
      plan: p.title,
      measure: p.measureKey,
      owner: p.ownerName,
      status: p.status,
      actions: p.actions,
      completed: p.completed,
      completedInPeriod: p.completedInPeriod,
      overdue: p.overdue,
      percentComplete: p.actions ? round((p.completed / p.actions) * 100, 1) : null,
    })),
  };
  const trainingTable: ReportTable = {
    name: 'Training',
    title: 'Training completion',
    description: `Each course's standing on ${period.to} among the staff it is required of, and completions in ${period.label}.`,
    columns: [
      text('course', 'Course'),
      count('required', 'Required of'),
      count('current', 'Current'),
      count('dueSoon', 'Due soon'),
      count('overdue', 'Overdue'),
      count('never', 'Never taken'),
      percent('percentCurrent', 'Current %'),
      count('completedInPeriod', 'Completions in the period'),
    ],
    rows: matrix.courses.map((course) => {
      const cells = matrix.staff.map((s) => s.courses.find((c) => c.courseId === course.id)!).filter((c) => c.required);
      const tally = (status: string) => cells.filter((c) => c.status === status).length;
      const upToDate = tally('current') + tally('due_soon');
      return {
        course: course.title,
        required: cells.length,
        current: tally('current'),
        dueSoon: tally('due_soon'),
        overdue: tally('overdue'),
        never: tally('never'),
        percentCurrent: cells.length ? round((upToDate / cells.length) * 100, 1) : null,
        completedInPeriod: completions.get(course.id) ?? 0,
      };
    }),
  };
  return {
    title: `Quality assurance report — ${period.label}`,
    subtitle: [ctx.agency.name, `${period.from} to ${period.to}`, `Made ${request.asOf.toISOString()}`],
    tables: [
      measures,
      indicators,
      planTable,
      reviewTable(
        'Reviews by unit',
        'Response reviews by unit',
        reviews,
        (r) => r.unitName ?? 'No unit',
        'Unit',
        period,
      ),
      reviewTable(
        'Reviews by worker',
        'Response reviews by worker',
        reviews,
        (r) => r.workerName ?? 'Nobody assigned',
        'Worker',
        period,
      ),
      trainingTable,
    ],
    charts: [
      {
        kind: 'bar',
        title: 'Mean review score by unit',
        table: 'Reviews by unit',
        labelColumn: 'group',
        valueColumns: ['average'],
      },
    ],
  };
}
