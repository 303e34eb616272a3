// The customer-service indicators of the Mayor's Management Report for any month, quarter, fiscal year or range:
// one table with each indicator's value, target, numerator, late, denominator, pending and excluded items and the
// same period a year earlier. Every number opens the list of cases or calls behind it; downloads give the same
// table as CSV, XLSX or PDF. Period, moment and open list live in the URL, so a view can be bookmarked and shared.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import { parsePeriod, type ReportPeriod } from '../../../shared/report-periods.ts';
import { indicatorDefinition, type IndicatorGroup } from '../../../shared/indicator-definitions.ts';
import type { Indicator, IndicatorsResult } from '../../../shared/reports.ts';
import { PeriodPicker } from './indicator-period-picker.tsx';
import { DownloadLinks, lastMonth, useAnnounceReady } from './report-parts.tsx';
import { GROUP_LABELS, IndicatorDrillPanel } from './indicator-drill-panel.tsx';

const reportSectionRoute = getRouteApi('/reports/$section');

function readPeriod(text: string | undefined): { period: ReportPeriod; problem?: string } {
  if (!text) return { period: lastMonth() };
  try {
    return { period: parsePeriod(text) };
  } catch (error) {
    return {
      period: lastMonth(),
      problem: `The period “${text}” in the address cannot be read: ${(error as Error).message}.`,
    };
  }
}

/** A value as a person reads it: 87.5%, 24.9 s, 1,234. */
function formatValue(unit: Indicator['unit'], value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'seconds') return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  return value.toLocaleString('en-US');
}

const count = (n: number) => n.toLocaleString('en-US');

function targetStatus(indicator: Indicator): string | null {
  if (indicator.target === undefined || indicator.value === null) return null;
  const met = indicator.better === 'higher' ? indicator.value >= indicator.target : indicator.value <= indicator.target;
  return met ? 'met' : 'missed';
}

interface DrillTarget {
  indicator: Indicator;
  group: IndicatorGroup;
  /** The period of the list when it is not the table's (the year-earlier column). */
  drillPeriod?: string;
}

/** A number of the table as a link to the items behind it (or a dash when the indicator has no such group). */
function NumberLink(props: {
  text: string;
  target: DrillTarget;
  search: ReportSearch;
  asOf: string;
  periodLabel: string;
}) {
  const { indicator, group, drillPeriod } = props.target;
  const groups = indicatorDefinition(indicator.key)?.groups ?? [];
  if (!groups.includes(group) || props.text === '—') return <>{props.text}</>;
  return (
    <Link
      to="/reports/$section"
      params={{ section: 'indicators' }}
      search={{ ...props.search, asOf: props.asOf, drill: indicator.key, group, drillPeriod }}
      aria-label={`${props.text}: ${indicator.name}, ${props.periodLabel}, ${GROUP_LABELS[group]} — list them`}
    >
      {props.text}
    </Link>
  );
}

function IndicatorRow(props: { indicator: Indicator; result: IndicatorsResult; search: ReportSearch }) {
  const { indicator: i, result, search } = props;
  const status = targetStatus(i);
  const link = (text: string, group: IndicatorGroup, previous = false) => (
    <NumberLink
      text={text}
      target={{ indicator: i, group, ...(previous ? { drillPeriod: result.previousYearPeriod.key } : {}) }}
      search={search}
      asOf={result.asOf}
      periodLabel={previous ? result.previousYearPeriod.label : result.period.label}
    />
  );
  const rate = i.unit === 'percent';
  const mainGroup: IndicatorGroup = i.unit === 'count' ? 'numerator' : 'denominator';
  return (
    <tr>
      <th scope="row">{i.name}</th>
      <td data-label="Value">{link(formatValue(i.unit, i.value), mainGroup)}</td>
      <td data-label="Target">
        {i.target === undefined ? '—' : formatValue(i.unit, i.target)}
        {status && ` (${status})`}
      </td>
      <td data-label="Numerator">
        {link(i.unit === 'seconds' ? formatValue('seconds', i.numerator) : count(i.numerator), 'numerator')}
      </td>
      <td data-label="Late">{rate ? link(count(i.denominator! - i.numerator), 'late') : '—'}</td>
      <td data-label="Denominator">{i.denominator === null ? '—' : link(count(i.denominator), 'denominator')}</td>
      <td data-label="Pending">{i.pending === undefined ? '—' : link(count(i.pending), 'pending')}</td>
      <td data-label="Excluded">{i.excluded === undefined ? '—' : link(count(i.excluded), 'excluded')}</td>
      <td data-label={`${result.previousYearPeriod.label}`}>
        {link(formatValue(i.unit, i.previousYear.value), mainGroup, true)}
      </td>
    </tr>
  );
}

/** The MMR indicators screen. */
export function IndicatorsScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const { period, problem } = readPeriod(search.period);
  const indicators = useQuery({
    queryKey: ['mmr-indicators', period.key, search.asOf ?? null],
    queryFn: () =>
      api<IndicatorsResult>('GET', `/reports/indicators${queryString({ period: period.key, asOf: search.asOf })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const result = indicators.isError ? undefined : indicators.data;
  useAnnounceReady(indicators, (data) => `Indicators for ${data.period.label} ready.`);
  const drilled = search.drill ? result?.indicators.find((i) => i.key === search.drill) : undefined;
  const download = (format: 'csv' | 'xlsx' | 'pdf') =>
    `/api/v1/reports/indicators${queryString({ period: period.key, asOf: result?.asOf, format })}`;

  return (
    <>
      <PageHeading>MMR indicators</PageHeading>
      <p>
        The customer-service indicators of the Mayor&apos;s Management Report, counted in the agency&apos;s time zone
        over the cases you may see. Every number opens the cases or calls behind it.
      </p>
      {problem && <FormError error={problem} />}
      <PeriodPicker
        key={period.key}
        period={period}
        busy={indicators.isFetching}
        onChoose={(key) =>
          void navigate({ to: '/reports/$section', params: { section: 'indicators' }, search: { period: key } })
        }
      />
      <FormError error={indicators.error} />
      {indicators.isFetching && <p role="status">Counting…</p>}
      {result && (
        <section aria-labelledby="indicators-result">
          <div className="section-heading">
            <h2 id="indicators-result">
              {result.period.label} ({result.period.from} to {result.period.to})
            </h2>
            <DownloadLinks formats={['csv', 'xlsx', 'pdf']} href={download} />
          </div>
          <p className="muted">
            As of {formatDateTime(result.asOf)}, compared with {result.previousYearPeriod.label}.{' '}
            {search.asOf && (
              <Link to="/reports/$section" params={{ section: 'indicators' }} search={{ period: period.key }}>
                Count again as of now
              </Link>
            )}
          </p>
          <TableWrap label="Indicators">
            <table className="data-table card-table">
              <caption className="visually-hidden">
                Customer-service indicators for {result.period.label}: value, target, numerator, late, denominator,
                pending, excluded, and the value for {result.previousYearPeriod.label}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Value</th>
                  <th scope="col">Target</th>
                  <th scope="col">Numerator</th>
                  <th scope="col">Late</th>
                  <th scope="col">Denominator</th>
                  <th scope="col">Pending</th>
                  <th scope="col">Excluded</th>
                  <th scope="col">{result.previousYearPeriod.label}</th>
                </tr>
              </thead>
              <tbody>
                {result.indicators.map((indicator) => (
                  <IndicatorRow key={indicator.key} indicator={indicator} result={result} search={search} />
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="hint">
            Pending: e-mails and letters still inside their 14 days with no response (in neither number). Excluded:
            cases closed without a resolution deadline, and calls neither answered nor abandoned.
          </p>
          {drilled && search.group && (
            <IndicatorDrillPanel
              indicatorKey={drilled.key}
              name={drilled.name}
              group={search.group}
              period={search.drillPeriod ?? period.key}
              periodLabel={
                search.drillPeriod === result.previousYearPeriod.key
                  ? result.previousYearPeriod.label
                  : result.period.label
              }
              asOf={result.asOf}
              search={search}
            />
          )}
        </section>
      )}
    </>
  );
}
