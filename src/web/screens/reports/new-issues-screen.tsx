// New issues: the alerts raised when a subject, facility, unit or subject at a facility drew many more cases than its
// last 12 weeks predicted. Each alert shows its sentence, observed against expected, a small chart of the weeks (or
// days) before it with the same numbers in text, the cases behind it and — for a manager of its unit, a supervisor
// or an administrator — an Acknowledge button. Status and period live in the URL.
import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { CaseList, CaseRecord } from '../../api/types.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  RecordRows,
  byTrackingNumber,
  trackingNumberColumn,
  type RecordColumn,
} from '../../components/record-rows.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { IssueAlertView } from '../../../shared/reports.ts';
import type { DetectionRun } from '../../../shared/reports.ts';

const reportSectionRoute = getRouteApi('/reports/$section');

const DIMENSION_NAMES: Record<IssueAlertView['dimension'], string> = {
  subject: 'Subject',
  facility: 'Facility',
  unit: 'Unit',
  subject_facility: 'Subject at a facility',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local date (YYYY-MM-DD) as "4 Mar 2026". */
function shortDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function windowText(alert: IssueAlertView): string {
  return alert.window === 'week'
    ? `the 7 days ${shortDate(alert.from)} – ${shortDate(alert.to)}`
    : `the day ${shortDate(alert.to)}`;
}

function chanceText(probability: number): string {
  if (probability < 1e-6) return 'less than 1 in a million';
  return `about 1 in ${Math.round(1 / probability).toLocaleString('en-US')}`;
}

/** The counts of the windows before the alert and of its own, drawn small; the numbers are in the title too. */
function Sparkline({ values, unit, label }: { values: number[]; unit: string; label: string }) {
  const titleId = useId();
  const descId = useId();
  const width = 160;
  const height = 36;
  const pad = 3;
  const max = Math.max(1, ...values);
  const x = (i: number) => pad + (values.length > 1 ? (i * (width - 2 * pad)) / (values.length - 1) : 0);
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
    >
      <title id={titleId}>{label}</title>
      <desc
        id={descId}
      >{`Cases per ${unit}, oldest first: ${values.join(', ')}. The last ${unit} is the one alerted.`}</desc>
      <polyline points={points} fill="none" stroke="#0b57a4" strokeWidth="1.5" />
      {last >= 0 && <circle cx={x(last)} cy={y(values[last]!)} r="3" fill="#b91c1c" />}
    </svg>
  );
}

const CASE_COLUMNS: RecordColumn<CaseRecord>[] = [
  trackingNumberColumn,
  { label: 'Received', cell: (c) => formatDateTime(c.receivedAt) },
  { label: 'Subject', cell: (c) => c.subjectName ?? 'Not coded' },
  { label: 'Facility', cell: (c) => c.facility ?? '—' },
  { label: 'Unit', cell: (c) => c.unitName ?? c.unit ?? '—' },
  { label: 'Status', cell: (c) => humanize(c.status) },
];

function AlertCases({ alert }: { alert: IssueAlertView }) {
  const cases = useQuery({
    queryKey: ['new-issue-cases', alert.id],
    queryFn: () => api<CaseList>('GET', `/cases${queryString({ ...alert.cases, limit: 100 })}`),
  });
  if (cases.isError) return <FormError error={cases.error} />;
  if (!cases.data) return <p aria-live="polite">Loading the cases…</p>;
  const { items, total } = cases.data;
  return (
    <TableWrap label={`Cases behind: ${alert.sentence}`}>
      <table>
        <caption>
          {total.toLocaleString('en-US')} {total === 1 ? 'case' : 'cases'} you may see
          {total > items.length ? `, the first ${items.length} listed` : ''} (restricted cases you may see are listed
          but not counted in the alert)
        </caption>
        <RecordRows columns={CASE_COLUMNS} items={items} rowKey={byTrackingNumber} />
      </table>
    </TableWrap>
  );
}

function AlertItem({ alert, canAcknowledge }: { alert: IssueAlertView; canAcknowledge: boolean }) {
  const [showCases, setShowCases] = useState(false);
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const casesId = useId();
  const acknowledge = useMutation({
    mutationFn: () => api<IssueAlertView>('POST', `/reports/new-issues/${alert.id}/acknowledge`),
    onSuccess: async () => {
      announce(`Acknowledged: ${alert.sentence}.`);
      await queryClient.invalidateQueries({ queryKey: ['new-issues'] });
    },
  });
  const unit = alert.window === 'week' ? 'week' : 'day';
  return (
    <li className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{alert.sentence}</h2>
      <dl className="facts">
        <dt>Observed</dt>
        <dd>{alert.observed.toLocaleString('en-US')}</dd>
        <dt>Expected</dt>
        <dd>{alert.expected.toLocaleString('en-US', { maximumFractionDigits: 1 })}</dd>
        <dt>Counted over</dt>
        <dd>{windowText(alert)}</dd>
        <dt>Kind</dt>
        <dd>{DIMENSION_NAMES[alert.dimension]}</dd>
        <dt>Unit told</dt>
        <dd>{alert.unit?.name ?? 'No unit (its cases were not routed)'}</dd>
        <dt>Chance of so many by ordinary variation</dt>
        <dd>{chanceText(alert.probability)}</dd>
        <dt>Raised</dt>
        <dd>{formatDateTime(alert.createdAt)}</dd>
        {alert.acknowledged && (
          <>
            <dt>Acknowledged</dt>
            <dd>
              {alert.acknowledged.by}, {formatDateTime(alert.acknowledged.at)}
            </dd>
          </>
        )}
      </dl>
      {alert.history.length > 1 && (
        <p>
          <Sparkline
            values={alert.history}
            unit={unit}
            label={`${alert.label}: the last ${alert.history.length} ${unit}s`}
          />{' '}
          <span className="muted">
            Last {alert.history.length} {unit}s, oldest first: {alert.history.join(', ')}
          </span>
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button-quiet"
          aria-expanded={showCases}
          aria-controls={casesId}
          onClick={() => setShowCases((open) => !open)}
        >
          {showCases ? 'Hide the cases' : 'Show the cases'}
        </button>
        {canAcknowledge && !alert.acknowledged && (
          <button
            type="button"
            className="button-primary"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate()}
          >
            Acknowledge
          </button>
        )}
      </div>
      {acknowledge.isError && <FormError error={acknowledge.error} />}
      <div id={casesId}>{showCases && <AlertCases alert={alert} />}</div>
    </li>
  );
}

/** The new-issues screen. */
/** "Run now" (administrators): the daily detection at once, optionally from a past date (seeded or imported cases). */
function RunDetection() {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const run = useMutation({
    mutationFn: (from: string) => api<DetectionRun>('POST', '/reports/new-issues/run', from ? { from } : {}),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: ['new-issues'] });
      announce(
        `Detection ran for ${answer.days} ${answer.days === 1 ? 'day' : 'days'} to ${answer.asOf}: ` +
          `${answer.raised} new ${answer.raised === 1 ? 'alert' : 'alerts'}.`,
      );
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run.mutate(String(new FormData(event.currentTarget).get('from') ?? '').trim());
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="run-detection-heading">
      <h2 id="run-detection-heading">Run the detection now</h2>
      <p className="muted">
        Judges yesterday and every earlier day not judged yet, as the morning run does; the monthly report reads the
        same alerts. After seeding or importing older cases, give the first day to judge.
      </p>
      <TextField
        label="Judge from"
        name="from"
        type="date"
        hint="Empty: the last 92 days."
        field="from"
        error={run.error}
      />
      <FormError error={run.error} />
      <button type="submit" disabled={run.isPending}>
        {run.isPending ? 'Running…' : 'Run now'}
      </button>
    </form>
  );
}

export function NewIssuesScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const user = useUser();
  const status = search.status === 'all' ? 'all' : 'open';
  const period = search.period ?? '';
  const alerts = useQuery({
    queryKey: ['new-issues', status, period],
    queryFn: () =>
      api<{ items: IssueAlertView[] }>(
        'GET',
        `/reports/new-issues${queryString({ status, period: period || undefined })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void navigate({
      to: '/reports/$section',
      params: { section: 'new-issues' },
      search: {
        status: String(form.get('status') ?? 'open'),
        period: String(form.get('period') ?? '').trim() || undefined,
      },
    });
  };
  const items = alerts.isError ? [] : (alerts.data?.items ?? []);
  return (
    <>
      <PageHeading>New issues</PageHeading>
      <p>
        Every morning the day before (and any earlier day not judged yet) and the 7 days to it are compared, for each
        subject, facility, unit and subject at a facility, with what their last 12 weeks predict (weekday pattern and
        trend). A count that ordinary variation would almost never reach — and at least 5 cases, half as many again as
        expected — becomes an alert, emailed to the managers of the unit most of its cases went to. Restricted cases are
        never counted.
      </p>
      <form className="filters" onSubmit={apply} aria-label="Which alerts">
        <SelectField
          label="Show"
          name="status"
          defaultValue={status}
          options={[
            { value: 'open', label: 'Not yet acknowledged' },
            { value: 'all', label: 'All, acknowledged too' },
          ]}
        />
        <TextField
          label="Ending in"
          name="period"
          defaultValue={period}
          hint="A month (2026-03), quarter (2026-Q1), fiscal year (FY2026) or days (2026-03-01..2026-03-14); empty for any."
          field="period"
          error={alerts.error}
        />
        <div className="actions">
          <button type="submit" className="button-primary">
            Show
          </button>
        </div>
      </form>
      {alerts.isError && <FormError error={alerts.error} />}
      {alerts.isPending ? (
        <p aria-live="polite">Loading the alerts…</p>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {items.length === 0
              ? status === 'open'
                ? 'No open alerts.'
                : 'No alerts.'
              : `${items.length} ${items.length === 1 ? 'alert' : 'alerts'}`}
          </p>
          <ul className="plain-list stack">
            {items.map((alert) => (
              <AlertItem key={alert.id} alert={alert} canAcknowledge={user.role !== 'auditor'} />
            ))}
          </ul>
        </>
      )}
      {user.role === 'administrator' && <RunDetection />}
    </>
  );
}
