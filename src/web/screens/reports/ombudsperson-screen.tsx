// The ombudsperson's periodic report: a month, quarter, federal fiscal year (FFY2026, October–September) or range of
// days, kept in the address; every table of the report document with CSV, XLSX and PDF downloads of the same numbers.
// Every count is a link that opens the records behind it (`drill` in the address) in a panel above the tables.
import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { ombudsCellKey, type OmbudspersonReport } from '../../../shared/ombudsperson-report.ts';
import { OmbudsDrillPanel } from './ombuds-drill-panel.tsx';
import { formatValue } from '../../../shared/value-format.ts';
import { DownloadLinks, lastMonth, useAnnounceReady } from './report-parts.tsx';

const reportSectionRoute = getRouteApi('/reports/$section');

function cellText(value: string | number | null | undefined, format: string | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && format === 'percent') return formatValue(value, 'percent');
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return value;
}

/** A count as a link to the records behind it; any other cell as text. */
function CountLink(props: {
  text: string;
  cell: string | null;
  label: string;
  search: Record<string, string | undefined>;
}) {
  if (!props.cell) return <>{props.text}</>;
  return (
    <Link
      to="/reports/$section"
      params={{ section: 'ombudsperson' }}
      search={{ ...props.search, drill: props.cell }}
      aria-label={`${props.text}: ${props.label} — list them`}
    >
      {props.text}
    </Link>
  );
}

/** The ombudsperson's report screen. */
export function OmbudspersonScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const periodKey = search.period || lastMonth().key;
  const [draft, setDraft] = useState(periodKey);
  const inputId = useId();
  const report = useQuery({
    queryKey: ['ombudsperson-report', periodKey],
    queryFn: () => api<OmbudspersonReport>('GET', `/reports/ombudsperson${queryString({ period: periodKey })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const result = report.isError ? undefined : report.data;
  useAnnounceReady(report, () => `Ombudsperson's report for ${periodKey} ready.`);
  const download = (format: 'csv' | 'xlsx' | 'pdf') =>
    `/api/v1/reports/ombudsperson${queryString({ period: periodKey, format })}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ to: '/reports/$section', params: { section: 'ombudsperson' }, search: { period: draft.trim() } });
  };

  return (
    <>
      <PageHeading>Ombudsperson&apos;s report</PageHeading>
      <p>
        Inquiries and repeat contacts, complaints received and resolved by category and channel, resolutions within 30
        days and within the extension, extensions, transfers, state hearings and their outcomes, and compliance reports,
        over the records you may see.
      </p>
      <form aria-label="Choose the period" onSubmit={submit} className="form-grid">
        <div className="field">
          <label htmlFor={inputId}>Period</label>
          <input
            id={inputId}
            name="period"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={`${inputId}-hint`}
          />
          <p className="hint" id={`${inputId}-hint`}>
            A month (2026-06), a quarter (2026-Q2), a federal fiscal year (FFY2026, October–September) or a range of
            days (2026-01-01..2026-03-31).
          </p>
        </div>
        <div className="actions">
          <button type="submit">Show the report</button>
        </div>
      </form>
      <FormError error={report.error} />
      {report.isFetching && <p role="status">Counting…</p>}
      {result && (
        <section aria-labelledby="ombudsperson-result">
          <div className="section-heading">
            <h2 id="ombudsperson-result">{result.subtitle.slice(1).join(' · ')}</h2>
            <DownloadLinks formats={['csv', 'xlsx', 'pdf']} href={download} />
          </div>
          {search.drill && <OmbudsDrillPanel cell={search.drill} period={periodKey} search={search} />}
          {result.tables.map((table) => (
            <section key={table.name} aria-labelledby={`ombuds-${table.name.replace(/\W+/g, '-')}`}>
              <h3 id={`ombuds-${table.name.replace(/\W+/g, '-')}`}>{table.title}</h3>
              {table.description && <p className="muted">{table.description}</p>}
              {table.rows.length === 0 ? (
                <p>None in this period.</p>
              ) : (
                <TableWrap label={table.title}>
                  <table className="data-table card-table">
                    <caption className="visually-hidden">{table.title}</caption>
                    <thead>
                      <tr>
                        {table.columns.map((column) => (
                          <th key={column.key} scope="col">
                            {column.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {table.rows.map((row, index) => (
                        <tr key={index}>
                          {table.columns.map((column, c) =>
                            c === 0 ? (
                              <th key={column.key} scope="row">
                                {cellText(row[column.key], column.format)}
                              </th>
                            ) : (
                              <td key={column.key} data-label={column.label}>
                                <CountLink
                                  text={cellText(row[column.key], column.format)}
                                  cell={row[column.key] === null ? null : ombudsCellKey(row, column)}
                                  label={`${String(row[table.columns[0]!.key])}${column.label === 'Value' ? '' : `, ${column.label}`}`}
                                  search={{ ...search, period: periodKey }}
                                />
                              </td>
                            ),
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </section>
          ))}
        </section>
      )}
    </>
  );
}
