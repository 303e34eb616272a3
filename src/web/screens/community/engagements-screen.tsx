// The engagements calendar: a month grid or a list of the month's advocate meetings, presentations, workshops,
// outreach events and forums; a form to plan one; and, for the chosen engagement, the issues raised — each
// subject-coded, made into a case (through intake) or a procedure change request with one click, and followed up
// to closure. The month can be subscribed to as an iCalendar file.
import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api, queryString } from '../../api/client.ts';
import type {
  EngagementList,
  EngagementSummaryView,
  EngagementView,
  OrganizationList,
} from '../../../shared/community.ts';
import { useSubjects } from '../../api/reference.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, fromLocalInputValue, humanize, languageName, toLocalInputValue } from '../../format.ts';
import { addLocalDays, weekdayOf } from '../../../shared/local-time.ts';
import { engagementKindLabel, engagementKindOptions } from './community-options.ts';
import { useAnnounce } from '../../components/announcer.tsx';

type Engagements = Static<typeof EngagementList>;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const localDay = (iso: string) => toLocalInputValue(new Date(iso)).slice(0, 10);
const monthOf = (day: string) => day.slice(0, 7);
const monthName = (month: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const lastDay = (month: string) => addLocalDays(`${shiftMonth(month, 1)}-01`, -1);

/** The calendar screen. */
export function EngagementsScreen() {
  const [month, setMonth] = useState(() => monthOf(localDay(new Date().toISOString())));
  const [view, setView] = useState<'list' | 'month'>('list');
  const [selected, setSelected] = useState<number | null>(null);
  const [planning, setPlanning] = useState(false);
  const range = { from: `${month}-01`, to: lastDay(month) };
  const list = useQuery({
    queryKey: ['engagements', range],
    queryFn: () => api<Engagements>('GET', `/engagements${queryString(range)}`),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <div className="section-heading">
        <PageHeading>Engagements</PageHeading>
        <div className="actions">
          <a href={`/api/v1/engagements.ics${queryString({ from: range.from })}`} download="engagements.ics">
            Download calendar (.ics)
          </a>
          <button
            type="button"
            className="button-primary"
            aria-expanded={planning}
            onClick={() => setPlanning((p) => !p)}
          >
            Plan an engagement
          </button>
        </div>
      </div>
      {planning && (
        <NewEngagementForm
          onCreated={(id, startsAt) => {
            setPlanning(false);
            setMonth(monthOf(localDay(startsAt)));
            setSelected(id);
          }}
        />
      )}
      <div className="section-heading">
        <h2 id="month-heading">{monthName(month)}</h2>
        <div className="actions" role="group" aria-label="Month and view">
          <button type="button" onClick={() => setMonth((m) => shiftMonth(m, -1))}>
            Previous month
          </button>
          <button type="button" onClick={() => setMonth((m) => shiftMonth(m, 1))}>
            Next month
          </button>
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
            List
          </button>
          <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
            Month
          </button>
        </div>
      </div>
      <p role="status" className="result-count">
        {list.isPending ? 'Loading…' : `${items.length} engagement${items.length === 1 ? '' : 's'} this month.`}
      </p>
      <FormError error={list.error} />
      {view === 'list' ? (
        <EngagementTable items={items} onOpen={setSelected} />
      ) : (
        <MonthGrid month={month} items={items} onOpen={setSelected} />
      )}
      {selected !== null && <EngagementPanel id={selected} />}
    </>
  );
}

function EngagementTable({ items, onOpen }: { items: EngagementSummaryView[]; onOpen: (id: number) => void }) {
  if (items.length === 0) return <p>Nothing on the calendar this month.</p>;
  return (
    <TableWrap label="Engagements this month">
      <table className="data-table">
        <caption className="visually-hidden">Engagements this month</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Engagement</th>
            <th scope="col">Kind</th>
            <th scope="col">Organisations</th>
            <th scope="col">Issues open</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.startsAt)}</td>
              <th scope="row" dir="auto">
                <button type="button" className="link-button" onClick={() => onOpen(e.id)}>
                  {e.title}
                </button>
                {e.status === 'cancelled' && <span className="badge">Cancelled</span>}
              </th>
              <td>{engagementKindLabel(e.kind)}</td>
              <td>{e.organizations.map((o) => o.name).join(', ') || '—'}</td>
              <td>
                {e.openIssueCount} of {e.issueCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function MonthGrid({
  month,
  items,
  onOpen,
}: {
  month: string;
  items: EngagementSummaryView[];
  onOpen: (id: number) => void;
}) {
  const weeks = useMemo(() => {
    const first = `${month}-01`;
    let day = addLocalDays(first, -weekdayOf(first));
    const rows: string[][] = [];
    while (rows.length < 6 && (rows.length === 0 || monthOf(day) === month)) {
      const week: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        week.push(day);
        day = addLocalDays(day, 1);
      }
      rows.push(week);
    }
    return rows;
  }, [month]);
  const byDay = new Map<string, EngagementSummaryView[]>();
  for (const e of items) byDay.set(localDay(e.startsAt), [...(byDay.get(localDay(e.startsAt)) ?? []), e]);
  return (
    <TableWrap label="Month calendar">
      <table className="data-table month-grid">
        <caption className="visually-hidden">{monthName(month)}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td key={day} className={monthOf(day) === month ? undefined : 'other-month'}>
                  <span className="day-number">{Number(day.slice(8))}</span>
                  {(byDay.get(day) ?? []).map((e) => (
                    <button
                      key={e.id}
                      type="button"
                      className="link-button calendar-entry"
                      onClick={() => onOpen(e.id)}
                    >
                      {e.title}
                    </button>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function NewEngagementForm({ onCreated }: { onCreated: (id: number, startsAt: string) => void }) {
  const queryClient = useQueryClient();
  const organizations = useQuery({
    queryKey: ['organizations', { all: true }],
    queryFn: () => api<Static<typeof OrganizationList>>('GET', '/organizations?limit=200'),
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<EngagementView>('POST', '/engagements', body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['engagements'] });
      onCreated(created.id, created.startsAt);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const attendance = value('attendance');
    create.mutate({
      kind: value('kind'),
      title: value('title'),
      startsAt: fromLocalInputValue(value('startsAt')) ?? value('startsAt'),
      endsAt: fromLocalInputValue(value('endsAt')) ?? value('endsAt'),
      ...(value('location') ? { location: value('location') } : {}),
      ...(value('audience') ? { audience: value('audience') } : {}),
      ...(attendance ? { attendance: Number(attendance) } : {}),
      organizationIds: form.getAll('organizationIds').map(Number),
    });
  };
  return (
    <form className="panel form-grid" aria-label="Plan an engagement" onSubmit={submit}>
      <h2>Plan an engagement</h2>
      <FormError error={create.error} />
      <SelectField
        label="Kind"
        name="kind"
        required
        options={engagementKindOptions}
        field="kind"
        error={create.error}
      />
      <TextField label="Title" name="title" required field="title" error={create.error} />
      <TextField label="Starts" name="startsAt" type="datetime-local" required field="startsAt" error={create.error} />
      <TextField label="Ends" name="endsAt" type="datetime-local" required field="endsAt" error={create.error} />
      <TextField label="Place" name="location" />
      <TextField label="Audience and target groups" name="audience" />
      <TextField
        label="Expected attendance"
        name="attendance"
        type="number"
        min={0}
        field="attendance"
        error={create.error}
      />
      <fieldset className="checkbox-group">
        <legend>Organisations taking part</legend>
        {(organizations.data?.items ?? []).map((o) => (
          <label key={o.id} className="checkbox-inline">
            <input type="checkbox" name="organizationIds" value={o.id} /> {o.name}
          </label>
        ))}
        {organizations.data?.items.length === 0 && <p>No organisations in the directory yet.</p>}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save engagement
        </button>
      </div>
    </form>
  );
}

function EngagementPanel({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const subjects = useSubjects();
  const engagement = useQuery({
    queryKey: ['engagement', id],
    queryFn: () => api<EngagementView>('GET', `/engagements/${id}`),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['engagement', id] });
    await queryClient.invalidateQueries({ queryKey: ['engagements'] });
  };
  const announce = useAnnounce();
  const action = useMutation({
    mutationFn: ({ path, body, method = 'POST' }: { path: string; body?: unknown; method?: string }) =>
      api<{ trackingNumber?: string }>(method, `/engagements/${id}${path}`, body ?? {}),
    onSuccess: async (result, variables) => {
      announce(
        result.trackingNumber
          ? `Case ${result.trackingNumber} created.`
          : variables.path === '/issues'
            ? 'Issue recorded.'
            : 'Saved.',
      );
      await refresh();
    },
  });
  const raise = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    action.mutate(
      {
        path: '/issues',
        body: { description: String(form.get('description') ?? ''), subject: String(form.get('subject') ?? '') },
      },
      { onSuccess: () => formElement.reset() },
    );
  };
  const e = engagement.data;
  if (engagement.error) return <FormError error={engagement.error} />;
  if (!e) return <p role="status">Loading…</p>;
  const subjectOptions = (subjects.data ?? []).filter((s) => s.active).map((s) => ({ value: s.code, label: s.name }));
  return (
    <section className="panel" aria-labelledby="engagement-title">
      <h2 id="engagement-title" dir="auto">
        {e.title}
      </h2>
      <p>
        {engagementKindLabel(e.kind)} · {formatDateTime(e.startsAt)} to {formatDateTime(e.endsAt)}
        {e.location && ` · ${e.location}`} · {humanize(e.status)}
      </p>
      {e.organizations.length > 0 && <p>Organisations: {e.organizations.map((o) => o.name).join(', ')}</p>}
      {e.languages.length > 0 && <p>Languages: {e.languages.map(languageName).join(', ')}</p>}
      {e.attendance !== null && <p>Attendance: {e.attendance}</p>}
      <h3>Issues raised</h3>
      <FormError error={action.error} />
      {e.issues.length === 0 ? (
        <p>No issues recorded.</p>
      ) : (
        <ul className="plain-list stack">
          {e.issues.map((issue) => (
            <li key={issue.id} className="issue-item">
              <p dir="auto">
                <strong>{issue.subjectName ?? issue.subject}:</strong> {issue.description}
              </p>
              <p>
                Follow-up: {humanize(issue.followUpStatus)}
                {issue.caseTrackingNumber && (
                  <>
                    {' · case '}
                    <Link to="/cases/$trackingNumber" params={{ trackingNumber: issue.caseTrackingNumber }}>
                      {issue.caseTrackingNumber}
                    </Link>
                  </>
                )}
                {issue.followUps.map((f) => ` · ${humanize(f.kind)} request (${f.status})`).join('')}
                {issue.reportedBackAt && ' · reported back'}
              </p>
              <div className="actions">
                {!issue.caseTrackingNumber && issue.outcome !== 'case' && (
                  <button type="button" onClick={() => action.mutate({ path: `/issues/${issue.id}/case` })}>
                    Make a case
                  </button>
                )}
                {!issue.followUps.some((f) => f.kind === 'procedure_change') && (
                  <button
                    type="button"
                    onClick={() =>
                      action.mutate({ path: `/issues/${issue.id}/follow-ups`, body: { kind: 'procedure_change' } })
                    }
                  >
                    Request a procedure change
                  </button>
                )}
                {issue.followUpStatus !== 'closed' && (
                  <button
                    type="button"
                    onClick={() =>
                      action.mutate({
                        method: 'PATCH',
                        path: `/issues/${issue.id}`,
                        body: { followUpStatus: 'closed', reportedBack: true },
                      })
                    }
                  >
                    Close and mark reported back
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="form-grid" aria-label="Record an issue raised" onSubmit={raise}>
        <TextAreaField
          label="Issue raised"
          name="description"
          rows={2}
          required
          field="description"
          error={action.error}
        />
        <SelectField
          label="Subject"
          name="subject"
          required
          placeholder="Choose a subject"
          options={subjectOptions}
          field="subject"
          error={action.error}
        />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={action.isPending}>
            Record issue
          </button>
        </div>
      </form>
    </section>
  );
}
