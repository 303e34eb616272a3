// The dashboard: cases received by channel, time to first response and its spread, the backlog week by week, unit
// workload now and the busiest subjects by week — each chart with its table and a CSV download. Period and filters
// live in the URL, so a view can be bookmarked or sent to a colleague (who sees the cases they may see).
import type { FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import {
  channelFilterOptions,
  subjectOptions,
  unitOptions,
  useChannels,
  useSubjects,
  useUnits,
} from '../../api/reference.ts';
import { formatDateTime } from '../../format.ts';
import { ChartPanel, formatCell } from '../../components/charts/chart-panel.tsx';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { LineChart } from '../../components/charts/line-chart.tsx';
import { HorizontalBarChart } from '../../components/charts/horizontal-bar-chart.tsx';
import { HeatMap } from '../../components/charts/heat-map.tsx';
import { seriesColor } from '../../components/charts/chart-scale.ts';
import type { Series } from '../../components/charts/chart-svg.tsx';
import type { Dashboard, DashboardChart } from '../../../shared/reports.ts';
import { lastMonth } from './report-parts.tsx';

const reportSectionRoute = getRouteApi('/reports/$section');

const FILTER_KEYS = ['period', 'channel', 'unit', 'subject'] as const;
/** The order the charts are laid out in; the wide ones take the whole row. */
const LAYOUT: { name: DashboardChart['name']; wide?: boolean }[] = [
  { name: 'volumes', wide: true },
  { name: 'response-times' },
  { name: 'response-distribution' },
  { name: 'backlog' },
  { name: 'unit-workload' },
  { name: 'subjects-by-week', wide: true },
];

/** The filters in the URL; without a period the dashboard opens on the last full month, not a month half over. */
function filtersOf(search: ReportSearch): Record<(typeof FILTER_KEYS)[number], string | undefined> {
  return {
    period: search.period || lastMonth().key,
    channel: search.channel,
    unit: search.unit,
    subject: search.subject,
  };
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

function seriesOf(chart: DashboardChart): Series[] {
  return chart.valueColumns.map((key, i) => ({
    name: chart.table.columns.find((c) => c.key === key)?.label ?? key,
    values: chart.table.rows.map((row) => numberOrNull(row[key])),
    color: seriesColor(chart.kind === 'grouped-bar' && i === 1 ? 4 : i),
  }));
}

/** A sentence for screen readers: the largest value of the first series and where it is. */
function summary(chart: DashboardChart, labels: string[], series: Series[]): string {
  const first = series[0];
  if (!first || labels.length === 0) return `${chart.description} Nothing to count for these filters.`;
  let best = -1;
  first.values.forEach((v, i) => {
    if (v !== null && (best < 0 || v > first.values[best]!)) best = i;
  });
  const labelColumn = chart.table.columns.find((c) => c.key === chart.labelColumn);
  const where = best >= 0 ? formatCell(labels[best]!, labelColumn?.format) : '';
  return best >= 0
    ? `${chart.description} Highest ${first.name.toLowerCase()}: ${first.values[best]} (${where}). The table view lists every value.`
    : chart.description;
}

function ChartDrawing({ chart }: { chart: DashboardChart }) {
  const labels = chart.table.rows.map((row) => String(row[chart.labelColumn] ?? ''));
  if (labels.length === 0) return <p className="muted">Nothing to count for these filters.</p>;
  if (chart.kind === 'heat-map') {
    const values = chart.table.rows.map((row) => chart.valueColumns.map((key) => numberOrNull(row[key]) ?? 0));
    const columnLabels = chart.valueColumns.map((key) => chart.table.columns.find((c) => c.key === key)?.label ?? key);
    const desc = `${chart.description} ${labels.length} subjects over ${columnLabels.length} weeks; the table view lists every value.`;
    return <HeatMap title={chart.title} desc={desc} rowLabels={labels} columnLabels={columnLabels} values={values} />;
  }
  const series = seriesOf(chart);
  const desc = summary(chart, labels, series);
  if (chart.kind === 'stacked-bar') return <BarChart title={chart.title} desc={desc} labels={labels} series={series} />;
  if (chart.kind === 'line') return <LineChart title={chart.title} desc={desc} labels={labels} series={series} />;
  return <HorizontalBarChart title={chart.title} desc={desc} labels={labels} series={series} />;
}

function DashboardFilters(props: { search: ReportSearch; error: unknown; onApply(next: ReportSearch): void }) {
  const units = useUnits();
  const subjects = useSubjects();
  const channels = useChannels();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    props.onApply(Object.fromEntries(FILTER_KEYS.map((key) => [key, value(key)])));
  };
  return (
    <form className="filters" aria-label="Dashboard filters" onSubmit={submit} key={JSON.stringify(props.search)}>
      <TextField
        label="Period"
        name="period"
        field="period"
        error={props.error}
        defaultValue={props.search.period ?? ''}
        placeholder={lastMonth().key}
        hint="2026-10, 2026-Q3, FY2027 or 2026-01-01..2026-03-31"
      />
      <SelectField
        label="Channel"
        name="channel"
        defaultValue={props.search.channel ?? ''}
        placeholder="Any"
        options={channelFilterOptions(channels.data)}
      />
      <SelectField
        label="Unit"
        name="unit"
        defaultValue={props.search.unit ?? ''}
        placeholder="Any"
        options={unitOptions(units.data)}
      />
      <SelectField
        label="Subject"
        name="subject"
        defaultValue={props.search.subject ?? ''}
        placeholder="Any"
        options={subjectOptions(subjects.data)}
      />
      <div className="filter-buttons">
        <button type="submit" className="button-primary">
          Show
        </button>
        <button type="button" onClick={() => props.onApply({})}>
          Clear
        </button>
      </div>
    </form>
  );
}

/** The dashboard screen. */
export function DashboardScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const filters = filtersOf(search);
  const dashboard = useQuery({
    queryKey: ['dashboard', filters],
    queryFn: () => api<Dashboard>('GET', `/reports/dashboard${queryString(filters)}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = dashboard.isError ? undefined : dashboard.data;
  const apply = (next: ReportSearch) =>
    void navigate({ to: '/reports/$section', params: { section: 'dashboard' }, search: filtersOf(next) });
  const download = (chart: string) => `/api/v1/reports/dashboard${queryString({ ...filters, format: 'csv', chart })}`;

  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <p>
        Volumes, response times, backlog and workload of the cases you may see. Restricted cases count only for members
        of their unit.
      </p>
      <DashboardFilters search={search} error={dashboard.error} onApply={apply} />
      <FormError error={dashboard.error} />
      {dashboard.isFetching && <p role="status">Loading the dashboard…</p>}
      {data && (
        <>
          <p className="result-count">
            {data.period.label} ({formatCell(data.period.from, 'date')} – {formatCell(data.period.to, 'date')}), as of{' '}
            {formatDateTime(data.asOf)}.
          </p>
          <div className="chart-grid">
            {LAYOUT.map(({ name, wide }) => {
              const chart = data.charts.find((c) => c.name === name);
              if (!chart) return null;
              return (
                <ChartPanel
                  key={name}
                  title={chart.title}
                  description={chart.description}
                  notes={chart.notes}
                  table={chart.table}
                  downloadHref={download(name)}
                  wide={wide}
                >
                  <ChartDrawing chart={chart} />
                </ChartPanel>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
