// The engagements calendar: a month grid, a week of days (arrow keys move between days) or a list of the advocate
// meetings, presentations, workshops, outreach events and forums, a recurring one at each of its meetings; a form to
// plan one, once or repeating; and, for the chosen engagement, the issues raised — each subject-coded, made into a
// case (through intake), a procedure change (a draft version of a chosen procedure) or an action-plan action with
// one click, and followed up to closure. The calendar can be subscribed to as an iCalendar file.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api, queryString } from '../../api/client.ts';
import type {
  EngagementList,
  EngagementSummaryView,
  EngagementView,
  OrganizationList,
  RecurrenceView,
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
import { usePlans, useProcedures } from '../quality/use-quality.ts';
import { EngagementFeedbackPanel } from './engagement-feedback-panel.tsx';
import { useAgency } from '../admin/use-agency.ts';

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
const weekStartOf = (day: string) => addLocalDays(day, -weekdayOf(day));
const dayLabel = (day: string, weekday: 'long' | 'short' = 'long') =>
  new Intl.DateTimeFormat('en-US', { weekday, month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
const timeOf = (iso: string) => toLocalInputValue(new Date(iso)).slice(11, 16);

type CalendarView = 'list' | 'week' | 'month';

/** One meeting on the calendar: a single engagement once, a recurring one at each of its meetings in the range. */
interface Meeting {
  engagement: EngagementSummaryView;
  startsAt: string;
  endsAt: string;
}

/** The meetings of the listed engagements, in time order. */
function meetingsOf(items: EngagementSummaryView[]): Meeting[] {
  return items
    .flatMap((engagement) =>
      engagement.recurrence && engagement.occurrences
        ? engagement.occurrences.map((o) => ({ engagement, startsAt: o.startsAt, endsAt: o.endsAt }))
        : [{ engagement, startsAt: engagement.startsAt, endsAt: engagement.endsAt }],
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A recurrence rule in words ("Every 2 weeks on Monday, Thursday, 6 meetings"). */
export function describeRecurrence(rule: RecurrenceView): string {
  const unit = rule.frequency === 'weekly' ? 'week' : 'month';
  const every = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
  const on =
    rule.frequency === 'weekly'
      ? rule.weekdays?.length
        ? ` on ${rule.weekdays.map((d) => WEEKDAY_NAMES[d]).join(', ')}`
        : ''
      : rule.weekOfMonth !== undefined
        ? ` on the ${ORDINALS[rule.weekOfMonth]} weekday of the first meeting`
        : '';
  const end = rule.until ? `, until ${rule.until}` : rule.count ? `, ${rule.count} meetings` : '';
  return `${every}${on}${end}`;
}

/** The calendar screen. */
export function EngagementsScreen() {
  const [anchor, setAnchor] = useState(() => localDay(new Date().toISOString()));
  const [view, setView] = useState<CalendarView>('list');
  const [selected, setSelected] = useState<number | null>(null);
  const [planning, setPlanning] = useState(false);
  const [area, setArea] = useState('');
  const month = monthOf(anchor);
  const weekStart = weekStartOf(anchor);
  const range =
    view === 'week' ? { from: weekStart, to: addLocalDays(weekStart, 6) } : { from: `${month}-01`, to: lastDay(month) };
  const period = view === 'week' ? 'week' : 'month';
  const shift = (by: number) =>
    setAnchor((day) => (view === 'week' ? addLocalDays(day, 7 * by) : `${shiftMonth(monthOf(day), by)}-01`));
  const filter = { ...range, ...(area ? { area } : {}) };
  const list = useQuery({
    queryKey: ['engagements', filter],
    queryFn: () => api<Engagements>('GET', `/engagements${queryString(filter)}`),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const meetings = meetingsOf(items);

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
            setAnchor(localDay(startsAt));
            setSelected(id);
          }}
        />
      )}
      <div className="section-heading">
        <h2 id="month-heading">
          {view === 'week'
            ? `Week of ${dayLabel(weekStart)} – ${dayLabel(addLocalDays(weekStart, 6))}`
            : monthName(month)}
        </h2>
        <div className="actions" role="group" aria-label="Period and view">
          <button type="button" onClick={() => shift(-1)}>
            Previous {period}
          </button>
          <button type="button" onClick={() => setAnchor(localDay(new Date().toISOString()))}>
            Today
          </button>
          <button type="button" onClick={() => shift(1)}>
            Next {period}
          </button>
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
            List
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
            Week
          </button>
          <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
            Month
          </button>
        </div>
      </div>
      <form
        className="inline-form"
        role="search"
        aria-label="Filter by area"
        onSubmit={(event) => {
          event.preventDefault();
          setArea(String(new FormData(event.currentTarget).get('area') ?? '').trim());
        }}
      >
        <TextField label="Area" name="area" defaultValue={area} hint="A borough, district or ZIP code." />
        <button type="submit">Filter</button>
      </form>
      <p role="status" className="result-count">
        {list.isPending
          ? 'Loading…'
          : `${meetings.length} meeting${meetings.length === 1 ? '' : 's'} this ${period}${area ? ` in ${area}` : ''}.`}
      </p>
      <FormError error={list.error} />
      {view === 'list' ? (
        <EngagementTable meetings={meetings} period={period} onOpen={setSelected} />
      ) : view === 'week' ? (
        <WeekView
          start={weekStart}
          anchor={anchor}
          meetings={meetings}
          onOpen={setSelected}
          onMove={(day) => setAnchor(day)}
        />
      ) : (
        <MonthGrid month={month} meetings={meetings} onOpen={setSelected} />
      )}
      {selected !== null && <EngagementPanel id={selected} />}
    </>
  );
}

function EngagementTable({
  meetings,
  period,
  onOpen,
}: {
  meetings: Meeting[];
  period: string;
  onOpen: (id: number) => void;
}) {
  if (meetings.length === 0) return <p>Nothing on the calendar this {period}.</p>;
  return (
    <TableWrap label={`Engagements this ${period}`}>
      <table className="data-table">
        <caption className="visually-hidden">Engagements this {period}</caption>
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
          {meetings.map(({ engagement: e, startsAt }) => (
            <tr key={`${e.id}-${startsAt}`}>
              <td>{formatDateTime(startsAt)}</td>
              <th scope="row" dir="auto">
                <button type="button" className="link-button" onClick={() => onOpen(e.id)}>
                  {e.title}
                </button>
                {e.status === 'cancelled' && <span className="badge">Cancelled</span>}
                {e.recurrence && <span className="badge">Repeats</span>}
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

function MonthGrid({ month, meetings, onOpen }: { month: string; meetings: Meeting[]; onOpen: (id: number) => void }) {
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
  const byDay = meetingsByDay(meetings);
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
                  {(byDay.get(day) ?? []).map(({ engagement: e, startsAt }) => (
                    <button
                      key={`${e.id}-${startsAt}`}
                      type="button"
                      className="link-button calendar-entry"
                      dir="auto"
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

function meetingsByDay(meetings: Meeting[]): Map<string, Meeting[]> {
  const byDay = new Map<string, Meeting[]>();
  for (const m of meetings) byDay.set(localDay(m.startsAt), [...(byDay.get(localDay(m.startsAt)) ?? []), m]);
  return byDay;
}

/**
 * Seven days side by side (stacked on a narrow screen). One day at a time is in the tab order; the arrow keys move
 * to the day before or after (mirrored when the page reads right to left), Home and End to the week's ends, Page Up
 * and Page Down a week back or on; moving past either end turns the week.
 */
function WeekView({
  start,
  anchor,
  meetings,
  onOpen,
  onMove,
}: {
  start: string;
  anchor: string;
  meetings: Meeting[];
  onOpen: (id: number) => void;
  onMove: (day: string) => void;
}) {
  const days = Array.from({ length: 7 }, (_, i) => addLocalDays(start, i));
  const today = localDay(new Date().toISOString());
  const byDay = meetingsByDay(meetings);
  const dayElements = useRef(new Map<string, HTMLDivElement>());
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (pendingFocus.current && dayElements.current.has(pendingFocus.current)) {
      dayElements.current.get(pendingFocus.current)?.focus();
      pendingFocus.current = null;
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, day: string) => {
    if (event.target !== event.currentTarget) return;
    const rightToLeft = getComputedStyle(event.currentTarget).direction === 'rtl';
    const next: Record<string, string> = {
      ArrowRight: addLocalDays(day, rightToLeft ? -1 : 1),
      ArrowLeft: addLocalDays(day, rightToLeft ? 1 : -1),
      ArrowDown: addLocalDays(day, 1),
      ArrowUp: addLocalDays(day, -1),
      Home: start,
      End: addLocalDays(start, 6),
      PageUp: addLocalDays(day, -7),
      PageDown: addLocalDays(day, 7),
    };
    const target = next[event.key];
    if (!target) return;
    event.preventDefault();
    pendingFocus.current = target;
    if (days.includes(target)) dayElements.current.get(target)?.focus();
    onMove(target);
  };
  return (
    <div className="week-view">
      <p id="week-keys" className="visually-hidden">
        Arrow keys move to the day before or after; Page Up and Page Down move a week.
      </p>
      <ol className="week-days" aria-label="Days of the week">
        {days.map((day) => {
          const dayMeetings = byDay.get(day) ?? [];
          return (
            <li key={day}>
              <div
                role="group"
                className={`week-day${day === today ? ' today' : ''}`}
                tabIndex={day === anchor || (!days.includes(anchor) && day === start) ? 0 : -1}
                aria-labelledby={`week-day-${day}`}
                aria-describedby="week-keys"
                ref={(element) => {
                  if (element) dayElements.current.set(day, element);
                  else dayElements.current.delete(day);
                }}
                onFocus={(event) => {
                  if (event.target === event.currentTarget && day !== anchor) onMove(day);
                }}
                onKeyDown={(event) => onKeyDown(event, day)}
              >
                <h3 id={`week-day-${day}`}>
                  {dayLabel(day)}
                  {day === today && <span className="badge">Today</span>}
                </h3>
                {dayMeetings.length === 0 ? (
                  <p className="muted">Nothing planned.</p>
                ) : (
                  <ul className="plain-list">
                    {dayMeetings.map(({ engagement: e, startsAt, endsAt }) => (
                      <li key={`${e.id}-${startsAt}`}>
                        <button type="button" className="link-button calendar-entry" onClick={() => onOpen(e.id)}>
                          <span className="entry-time" dir="ltr">
                            {timeOf(startsAt)}–{timeOf(endsAt)}
                          </span>{' '}
                          <bdi>{e.title}</bdi>
                        </button>
                        <span className="entry-kind">{engagementKindLabel(e.kind)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function NewEngagementForm({ onCreated }: { onCreated: (id: number, startsAt: string) => void }) {
  const queryClient = useQueryClient();
  const areas = useAgency().data?.areas ?? [];
  const organizations = useQuery({
    queryKey: ['organizations', { all: true }],
    queryFn: () => api<Static<typeof OrganizationList>>('GET', '/organizations?limit=200'),
  });
  const [repeats, setRepeats] = useState<'' | RecurrenceView['frequency']>('');
  const [ends, setEnds] = useState<'until' | 'count'>('count');
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
      ...(value('area') ? { area: value('area') } : {}),
      ...(value('audience') ? { audience: value('audience') } : {}),
      ...(attendance ? { attendance: Number(attendance) } : {}),
      organizationIds: form.getAll('organizationIds').map(Number),
      ...(repeats ? { recurrence: recurrenceFrom(form, repeats, ends) } : {}),
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
      <TextField
        label="Area served"
        name="area"
        maxLength={100}
        list={areas.length ? 'agency-areas' : undefined}
        autoComplete="off"
        hint={
          areas.length ? "One of the agency's areas (type to choose)." : 'A borough, community district or ZIP code.'
        }
        field="area"
        error={create.error}
      />
      {areas.length > 0 && (
        <datalist id="agency-areas">
          {areas.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      )}
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
      <fieldset className="recurrence-fields">
        <legend>Repeats</legend>
        <SelectField
          label="How often"
          name="frequency"
          value={repeats}
          onChange={(event) => setRepeats(event.currentTarget.value as typeof repeats)}
          options={[
            { value: '', label: 'Does not repeat' },
            { value: 'weekly', label: 'Weekly' },
            { value: 'monthly', label: 'Monthly, on the same weekday of the month' },
          ]}
          field="recurrence.frequency"
          error={create.error}
        />
        {repeats && (
          <>
            <TextField
              label={repeats === 'weekly' ? 'Every how many weeks' : 'Every how many months'}
              name="interval"
              type="number"
              min={1}
              max={12}
              defaultValue={1}
              required
              field="recurrence.interval"
              error={create.error}
            />
            {repeats === 'weekly' ? (
              <fieldset className="checkbox-group">
                <legend>On these days (the first meeting&apos;s day when none is ticked)</legend>
                {WEEKDAY_NAMES.map((name, index) => (
                  <label key={name} className="checkbox-inline">
                    <input type="checkbox" name="weekdays" value={index} /> {name}
                  </label>
                ))}
              </fieldset>
            ) : (
              <SelectField
                label="Week of the month"
                name="weekOfMonth"
                options={[
                  { value: '', label: "As the first meeting's" },
                  { value: '1', label: 'First' },
                  { value: '2', label: 'Second' },
                  { value: '3', label: 'Third' },
                  { value: '4', label: 'Fourth' },
                  { value: '-1', label: 'Last' },
                ]}
                field="recurrence.weekOfMonth"
                error={create.error}
              />
            )}
            <fieldset className="checkbox-group">
              <legend>Ends</legend>
              <label className="checkbox-inline">
                <input
                  type="radio"
                  name="ends"
                  value="count"
                  checked={ends === 'count'}
                  onChange={() => setEnds('count')}
                />{' '}
                After a number of meetings
              </label>
              <label className="checkbox-inline">
                <input
                  type="radio"
                  name="ends"
                  value="until"
                  checked={ends === 'until'}
                  onChange={() => setEnds('until')}
                />{' '}
                On a date
              </label>
            </fieldset>
            {ends === 'count' ? (
              <TextField
                label="Number of meetings"
                name="count"
                type="number"
                min={1}
                max={520}
                required
                field="recurrence.count"
                error={create.error}
              />
            ) : (
              <TextField
                label="Last date"
                name="until"
                type="date"
                required
                field="recurrence.until"
                error={create.error}
              />
            )}
          </>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save engagement
        </button>
      </div>
    </form>
  );
}

/** The recurrence the planning form describes. */
function recurrenceFrom(
  form: FormData,
  frequency: RecurrenceView['frequency'],
  ends: 'until' | 'count',
): RecurrenceView {
  const value = (name: string) => String(form.get(name) ?? '').trim();
  const weekdays = form.getAll('weekdays').map(Number);
  return {
    frequency,
    interval: Number(value('interval') || 1),
    ...(frequency === 'weekly' && weekdays.length ? { weekdays } : {}),
    ...(frequency === 'monthly' && value('weekOfMonth') ? { weekOfMonth: Number(value('weekOfMonth')) } : {}),
    ...(ends === 'count' ? { count: Number(value('count')) } : { until: value('until') }),
  };
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
    mutationFn: ({
      path,
      body,
      method = 'POST',
    }: {
      path: string;
      body?: unknown;
      method?: string;
      /** Clears the form that sent it, before the refresh shows the result (so nothing typed meanwhile is lost). */
      clearForm?: () => void;
    }) => api<{ trackingNumber?: string }>(method, `/engagements/${id}${path}`, body ?? {}),
    onSuccess: async (result, variables) => {
      variables.clearForm?.();
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
    action.mutate({
      path: '/issues',
      body: { description: String(form.get('description') ?? ''), subject: String(form.get('subject') ?? '') },
      clearForm: () => formElement.reset(),
    });
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
        {e.location && ` · ${e.location}`}
        {e.area && ` · area: ${e.area}`} · {humanize(e.status)}
      </p>
      {e.organizations.length > 0 && <p>Organisations: {e.organizations.map((o) => o.name).join(', ')}</p>}
      {e.languages.length > 0 && <p>Languages: {e.languages.map(languageName).join(', ')}</p>}
      {e.attendance !== null && <p>Attendance: {e.attendance}</p>}
      {e.recurrence && (
        <p>
          Repeats: {describeRecurrence(e.recurrence)}{' '}
          <button
            type="button"
            onClick={() =>
              action.mutate({ method: 'PATCH', path: '', body: { recurrence: null, expectedVersion: e.version } })
            }
          >
            Stop repeating (keep the first meeting)
          </button>
        </p>
      )}
      <EngagementFeedbackPanel engagementId={e.id} />
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
                {issue.reportedBackAt && ' · reported back'}
              </p>
              {issue.followUps.length > 0 && (
                <ul className="plain-list">
                  {issue.followUps.map((f) => (
                    <li key={f.id}>
                      {humanize(f.kind)} ({f.status === 'done' ? 'done' : 'open'})
                      {f.linkedType === 'procedure' && f.linkedId !== null && (
                        <>
                          {' · '}
                          <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(f.linkedId) }}>
                            draft procedure version
                          </Link>
                        </>
                      )}
                      {f.linkedType === 'action_plan' && f.linkedId !== null && (
                        <>
                          {' · '}
                          <Link to="/quality/plans/$planId" params={{ planId: String(f.linkedId) }}>
                            action plan
                          </Link>
                        </>
                      )}{' '}
                      {f.status === 'open' && (
                        <button
                          type="button"
                          onClick={() =>
                            action.mutate({
                              method: 'PATCH',
                              path: `/issues/${issue.id}/follow-ups/${f.id}`,
                              body: { status: 'done' },
                            })
                          }
                        >
                          Mark done
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <div className="actions">
                {!issue.caseTrackingNumber && issue.outcome !== 'case' && (
                  <button type="button" onClick={() => action.mutate({ path: `/issues/${issue.id}/case` })}>
                    Make a case
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
              {issue.followUpStatus !== 'closed' && (
                <FollowUpForm
                  issueId={issue.id}
                  pending={action.isPending}
                  onSubmit={(body) => action.mutate({ path: `/issues/${issue.id}/follow-ups`, body })}
                />
              )}
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

/**
 * Turns an issue into a procedure change (a draft version of the chosen procedure, or a request only) or an action of
 * an open action plan, with one button.
 */
function FollowUpForm({
  issueId,
  pending,
  onSubmit,
}: {
  issueId: number;
  pending: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const [kind, setKind] = useState<'procedure_change' | 'action_plan_action'>('procedure_change');
  const procedures = useProcedures('');
  const plans = usePlans();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    onSubmit(
      kind === 'procedure_change'
        ? { kind, ...(value('procedureId') ? { procedureId: Number(value('procedureId')) } : {}) }
        : {
            kind,
            actionPlanId: Number(value('actionPlanId')),
            ...(value('dueOn') ? { dueOn: value('dueOn') } : {}),
          },
    );
  };
  const openPlans = (plans.data ?? []).filter((p) => p.status === 'open');
  return (
    <form className="follow-up-form" aria-label={`Follow up issue ${issueId}`} onSubmit={submit}>
      <SelectField
        label="Follow up as"
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as typeof kind)}
        options={[
          { value: 'procedure_change', label: 'A procedure change' },
          { value: 'action_plan_action', label: 'An action-plan action' },
        ]}
      />
      {kind === 'procedure_change' ? (
        <SelectField
          label="Procedure to change"
          name="procedureId"
          placeholder="None yet (a request only)"
          options={(procedures.data ?? []).map((p) => ({ value: String(p.id), label: p.title }))}
        />
      ) : (
        <>
          <SelectField
            label="Action plan"
            name="actionPlanId"
            required
            placeholder="Choose a plan"
            options={openPlans.map((p) => ({ value: String(p.id), label: p.title }))}
          />
          <TextField label="Due" name="dueOn" type="date" hint="30 days on when left empty." />
        </>
      )}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {kind === 'procedure_change' ? 'Request the procedure change' : 'Add the action'}
        </button>
      </div>
    </form>
  );
}
