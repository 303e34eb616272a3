// The customer-service indicators as a ReportDocument (one table: each indicator with its numbers, target and the
// same period a year earlier), so CSV, XLSX and PDF show the numbers the screen and the API show.
import type { CommandContext } from '../context.ts';
import type { ReportDocument } from '../../shared/report-document.ts';
import type { ReportRequest } from './report-request.ts';
import { computeIndicators, type IndicatorsResult } from './indicators.ts';
import { localParts } from '../../shared/local-time.ts';

const UNIT_LABELS = { percent: '%', seconds: 'seconds', count: 'count' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

function localStamp(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${timeZone})`;
}

/** The indicators of one agency and period as a document with one table. */
export function indicatorsDocument(result: IndicatorsResult, agencyName: string): ReportDocument {
  const { period, previousYearPeriod } = result;
  return {
    title: "Customer-service indicators (Mayor's Management Report)",
    subtitle: [
      agencyName,
      `${period.label} (${period.from} to ${period.to}), compared with ${previousYearPeriod.label}`,
      `As of ${localStamp(result.asOf, result.timeZone)}`,
    ],
    tables: [
      {
        name: 'indicators',
        title: 'Indicators',
        description:
          'Value = numerator ÷ denominator (percent, one decimal) or the mean wait in seconds or a count. Pending ' +
          'e-mails and letters are still inside their 14 days; excluded items have no deadline (cases) or were ' +
          'neither answered nor abandoned (calls).',
        columns: [
          { key: 'key', label: 'Key', format: 'text' },
          { key: 'name', label: 'Indicator', format: 'text' },
          { key: 'unit', label: 'Unit', format: 'text' },
          // Values mix percents, seconds and counts (see Unit), so they carry no single number format.
          { key: 'value', label: 'Value' },
          { key: 'numerator', label: 'Numerator' },
          { key: 'denominator', label: 'Denominator', format: 'count' },
          { key: 'pending', label: 'Pending', format: 'count' },
          { key: 'excluded', label: 'Excluded', format: 'count' },
          { key: 'target', label: 'Target' },
          { key: 'previous_year_value', label: `${previousYearPeriod.label} value` },
        ],
        rows: result.indicators.map((i) => ({
          key: i.key,
          name: i.name,
          unit: UNIT_LABELS[i.unit],
          value: i.value,
          numerator: i.numerator,
          denominator: i.denominator,
          pending: i.pending ?? null,
          excluded: i.excluded ?? null,
          target: i.target ?? null,
          previous_year_value: i.previousYear.value,
        })),
      },
    ],
  };
}

/** The "mmr" report kind: the indicators the reader may see, for the requested period and moment. */
export async function buildIndicatorsReport(ctx: CommandContext, request: ReportRequest): Promise<ReportDocument> {
  const result = await computeIndicators(ctx, { period: request.period, asOf: request.asOf });
  return indicatorsDocument(result, ctx.agency.name);
}
