// The commissioner's monthly report for a month: volumes by channel, subject, unit, facility, language and writer
// type against the month before and a year earlier; the open backlog by age; times to first response and to close;
// escalations; elected officials' items; repeat contacts; survey answers; new issues. Every count opens the case list
// with the filter behind it; downloads give the same numbers as PDF, XLSX or CSV. The month lives in the URL.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { QueueSearch } from '../../route-search.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import type { CaseCount, Change, KeyedCount, MonthlyReport, VolumeRow } from '../../../shared/monthly-report.ts';
import { DownloadLinks, lastMonth, useAnnounceReady } from './report-parts.tsx';

const reportSectionRoute = getRouteApi('/reports/$section');

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const number = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
const percent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(1)}%`);
const signed = (c: Change) => `${c.absolute > 0 ? '+' : ''}${c.absolute.toLocaleString('en-US')}`;

/** A count as a link to the cases behind it (the queue screen's "All" list with the report's filter). */
function CaseLink({ count, what }: { count: CaseCount; what: string }) {
  if (count.count === 0) return <>0</>;
  return (
    <Link
      to="/queues/$queue"
      params={{ queue: 'all' }}
      search={count.cases as QueueSearch}
      aria-label={`${number(count.count)} ${what}: list the cases`}
    >
      {number(count.count)}
    </Link>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{description}</p>
      {children}
    </section>
  );
}

function VolumeTable({ title, rows, report }: { title: string; rows: VolumeRow[]; report: MonthlyReport }) {
  const id = useId();
  if (!rows.length) return null;
  return (
    <>
      <h3 id={id}>{title}</h3>
      <TableWrap label={title}>
        <table className="data-table card-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{title.replace(/^By (.)/, (_, first: string) => first.toUpperCase())}</th>
              <th scope="col">{report.period.label}</th>
              <th scope="col">{report.previousMonth.label}</th>
              <th scope="col">Change</th>
              <th scope="col">{report.yearEarlier.label}</th>
              <th scope="col">Change on a year</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.level ?? 0}-${r.key ?? ''}`}>
                <th scope="row">{r.level === 2 ? `— ${r.label}` : r.label}</th>
                <td data-label={report.period.label}>
                  <CaseLink count={r.thisMonth} what={`${r.label}, ${report.period.label}`} />
                </td>
                <td data-label={report.previousMonth.label}>
                  <CaseLink count={r.previousMonth} what={`${r.label}, ${report.previousMonth.label}`} />
                </td>
                <td data-label="Change">
                  {signed(r.changeFromPreviousMonth)} ({percent(r.changeFromPreviousMonth.percent)})
                </td>
                <td data-label={report.yearEarlier.label}>
                  <CaseLink count={r.yearEarlier} what={`${r.label}, ${report.yearEarlier.label}`} />
                </td>
                <td data-label="Change on a year">
                  {signed(r.changeFromYearEarlier)} ({percent(r.changeFromYearEarlier.percent)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

/** Counts by one key; nothing when there are none (the section's total already says 0). */
function KeyedTable({ label, heading, rows }: { label: string; heading: string; rows: KeyedCount[] }) {
  if (!rows.length) return null;
  return (
    <TableWrap label={label}>
      <table className="data-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Cases</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key ?? ''}>
              <th scope="row">{r.label}</th>
              <td>
                <CaseLink count={r.count} what={`${label}: ${r.label}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function VolumeSection({ report }: { report: MonthlyReport }) {
  const v = report.volume;
  return (
    <Section
      id="monthly-volume"
      title="Volume"
      description={`Cases received: ${number(v.total.thisMonth.count)} in ${report.period.label}, ${signed(v.total.changeFromPreviousMonth)} on the month before, ${signed(v.total.changeFromYearEarlier)} on a year earlier.`}
    >
      <p>
        All cases: <CaseLink count={v.total.thisMonth} what={`cases received in ${report.period.label}`} />
      </p>
      <VolumeTable title="By channel" rows={v.byChannel} report={report} />
      <VolumeTable title="By subject" rows={v.bySubject} report={report} />
      <VolumeTable title="By unit" rows={v.byUnit} report={report} />
      <VolumeTable title="By facility" rows={v.byFacility} report={report} />
      <VolumeTable title="By language" rows={v.byLanguage} report={report} />
      <VolumeTable title="By writer type" rows={v.byWriterType} report={report} />
    </Section>
  );
}

function BacklogSection({ report }: { report: MonthlyReport }) {
  const b = report.backlog;
  return (
    <Section
      id="monthly-backlog"
      title="Open backlog"
      description={`Cases received before ${formatDateTime(b.at)} and not closed by then, by calendar days since receipt (to ${b.asOfDate}).`}
    >
      <p>
        Open: <CaseLink count={b.total} what="open cases" />
      </p>
      <TableWrap label="Open backlog by unit and age">
        <table className="data-table card-table">
          <caption className="visually-hidden">Open backlog by unit and age</caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">All ages</th>
              {b.bands.map((band) => (
                <th scope="col" key={band.band}>
                  {band.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">All units</th>
              <td data-label="All ages">
                <CaseLink count={b.total} what="open cases" />
              </td>
              {b.bands.map((band) => (
                <td key={band.band} data-label={band.label}>
                  <CaseLink count={band.open} what={`open cases aged ${band.label}`} />
                </td>
              ))}
            </tr>
            {b.byUnit.map((u) => (
              <tr key={u.key ?? ''}>
                <th scope="row">{u.label}</th>
                <td data-label="All ages">
                  <CaseLink count={u.total} what={`open cases of ${u.label}`} />
                </td>
                {u.bands.map((count, i) => (
                  <td key={b.bands[i]!.band} data-label={b.bands[i]!.label}>
                    <CaseLink count={count} what={`open cases of ${u.label} aged ${b.bands[i]!.label}`} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Section>
  );
}

function TimesSection({ report }: { report: MonthlyReport }) {
  return (
    <Section
      id="monthly-times"
      title="Time to first response and to close"
      description={`Median and 90th percentile in days, over the cases received in ${report.period.label} that have a first response (or are closed).`}
    >
      <TableWrap label="Time to first response and to close">
        <table className="data-table card-table">
          <caption className="visually-hidden">Time to first response and to close, by channel</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Channel
              </th>
              <th scope="col" rowSpan={2}>
                Received
              </th>
              <th scope="colgroup" colSpan={3}>
                First response
              </th>
              <th scope="colgroup" colSpan={3}>
                Closed
              </th>
            </tr>
            <tr>
              <th scope="col">Cases</th>
              <th scope="col">Median days</th>
              <th scope="col">90th percentile days</th>
              <th scope="col">Cases</th>
              <th scope="col">Median days</th>
              <th scope="col">90th percentile days</th>
            </tr>
          </thead>
          <tbody>
            {report.responseTimes.map((r) => (
              <tr key={r.key ?? 'all'}>
                <th scope="row">{r.label}</th>
                <td data-label="Received">
                  <CaseLink count={r.received} what={`received, ${r.label}`} />
                </td>
                <td data-label="With a first response">
                  <CaseLink count={r.firstResponse.cases} what={`with a first response, ${r.label}`} />
                </td>
                <td data-label="Median days to first response">{number(r.firstResponse.medianDays, 1)}</td>
                <td data-label="90th percentile days to first response">{number(r.firstResponse.p90Days, 1)}</td>
                <td data-label="Closed">
                  <CaseLink count={r.close.cases} what={`closed, ${r.label}`} />
                </td>
                <td data-label="Median days to close">{number(r.close.medianDays, 1)}</td>
                <td data-label="90th percentile days to close">{number(r.close.p90Days, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Section>
  );
}

function OtherSections({ report }: { report: MonthlyReport }) {
  const e = report.electedOfficials;
  const r = report.repeatContacts;
  const s = report.survey;
  return (
    <>
      <Section
        id="monthly-escalations"
        title="Escalations"
        description={`Cases whose latest escalation happened in ${report.period.label}.`}
      >
        <p>
          Escalated: <CaseLink count={report.escalations.total} what="escalated cases" />
        </p>
        <KeyedTable label="Escalations by level" heading="Level" rows={report.escalations.byLevel} />
        <KeyedTable label="Escalations by unit" heading="Unit" rows={report.escalations.byUnit} />
      </Section>
      <Section
        id="monthly-elected"
        title="Elected officials' items"
        description="Received in the month; within standard means a first response by its due time; open at the backlog time."
      >
        <ul>
          <li>
            Received: <CaseLink count={e.received} what="elected officials' items received" />
          </li>
          <li>
            Answered: <CaseLink count={e.answered} what="elected officials' items answered" />
          </li>
          <li>
            Answered within standard:{' '}
            <CaseLink count={e.answeredWithinStandard} what="elected officials' items answered within standard" /> (
            {percent(e.withinStandardPercent)} of those received)
          </li>
          <li>
            Open: <CaseLink count={e.openAtBacklogTime} what="elected officials' items open" />
          </li>
        </ul>
      </Section>
      <Section
        id="monthly-repeats"
        title="Repeat contacts"
        description={`Cases whose person had another case with the same subject received in the ${r.windowDays} days before.`}
      >
        <p>
          Repeat contacts: <CaseLink count={r.count} what="repeat contacts" /> ({percent(r.percentOfReceived)} of the
          cases received)
        </p>
        <KeyedTable label="Repeat contacts by subject" heading="Subject" rows={r.topSubjects} />
      </Section>
      <Section
        id="monthly-survey"
        title="Satisfaction survey"
        description="Answers given in the month; resolved is the share of yes among those who answered that question."
      >
        <ul>
          <li>
            Answers: <CaseLink count={s.responses} what="cases with a survey answer" />
          </li>
          <li>Mean satisfaction (1–5): {number(s.meanSatisfaction, 2)}</li>
          <li>
            Resolved: {percent(s.resolvedYesPercent)} ({number(s.resolvedYes)} of {number(s.resolvedAnswered)})
          </li>
        </ul>
      </Section>
      <Section
        id="monthly-new-issues"
        title="New issues"
        description="Subjects, facilities and units whose count rose well above what their history predicts."
      >
        {report.newIssues.length === 0 ? (
          <p>No new issues were detected in this month.</p>
        ) : (
          <ul>
            {report.newIssues.map((i) => (
              <li key={`${i.dimension}-${i.key}-${i.from}`}>
                <CaseLink
                  count={{ count: i.observed, cases: i.cases }}
                  what={`cases: ${i.label}, ${i.from} to ${i.to}`}
                />{' '}
                — {i.sentence}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function MonthPicker({ month, onChoose }: { month: string; onChoose(month: string): void }) {
  const [problem, setProblem] = useState<string>();
  const inputId = useId();
  const problemId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('month') ?? '').trim();
    if (!MONTH.test(value)) return setProblem('Choose a month (YYYY-MM).');
    setProblem(undefined);
    onChoose(value);
  };
  return (
    <form aria-label="Choose the month" onSubmit={submit} className="filters">
      <div className="field">
        <label htmlFor={inputId}>Month</label>
        <input
          id={inputId}
          name="month"
          type="month"
          defaultValue={month}
          required
          {...(problem ? { 'aria-invalid': true, 'aria-describedby': problemId } : {})}
        />
        {problem && (
          <p id={problemId} className="field-error">
            {problem}
          </p>
        )}
      </div>
      <div className="filter-buttons">
        <button type="submit" className="button-primary">
          Show
        </button>
      </div>
    </form>
  );
}

/** The monthly report screen. */
export function MonthlyScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const month = search.month && MONTH.test(search.month) ? search.month : lastMonth().key;
  const report = useQuery({
    queryKey: ['monthly-report', month],
    queryFn: () => api<MonthlyReport>('GET', `/reports/monthly${queryString({ month })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = report.isError ? undefined : report.data;
  useAnnounceReady(report, (report) => `Monthly report for ${report.period.label} ready.`);
  const download = (format: 'csv' | 'xlsx' | 'pdf') =>
    `/api/v1/reports/monthly${queryString({ month, asOf: data?.asOf, format })}`;

  return (
    <>
      <PageHeading>Monthly report</PageHeading>
      <p>
        The commissioner&apos;s monthly report over the cases you may see, merged duplicates left out. Every count opens
        the cases behind it.
      </p>
      {search.month && !MONTH.test(search.month) && (
        <FormError error={`The month “${search.month}” in the address cannot be read; showing ${month}.`} />
      )}
      <MonthPicker
        key={month}
        month={month}
        onChoose={(chosen) =>
          void navigate({ to: '/reports/$section', params: { section: 'monthly' }, search: { month: chosen } })
        }
      />
      <FormError error={report.error} />
      {report.isFetching && <p role="status">Counting…</p>}
      {data && (
        <>
          <div className="section-heading">
            <p className="muted">
              {data.period.label} ({data.period.from} to {data.period.to}), made {formatDateTime(data.asOf)}; compared
              with {data.previousMonth.label} and {data.yearEarlier.label}.
            </p>
            <DownloadLinks formats={['pdf', 'xlsx', 'csv']} href={download} />
          </div>
          <VolumeSection report={data} />
          <BacklogSection report={data} />
          <TimesSection report={data} />
          <OtherSections report={data} />
        </>
      )}
    </>
  );
}
