// The business calendar deadlines count in: working hours per weekday, holidays, and holiday presets (New York
// City, California, US federal) loaded for a span of years.
import { useState, type FormEvent } from 'react';
import type { AgencySettings } from '../../api/types.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAdminMutation } from './admin-helpers.ts';
import { AGENCY_KEY, useAgency } from './use-agency.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const PRESETS = [
  { value: 'nyc', label: 'New York City' },
  { value: 'california', label: 'California' },
  { value: 'us-federal', label: 'US federal' },
];

function WorkingHours({ agency }: { agency: AgencySettings }) {
  const save = useAdminMutation<AgencySettings['calendar']['workingHours']>(
    (workingHours) => ({
      method: 'PUT',
      path: '/agency/calendar',
      body: { workingHours, holidays: agency.calendar.holidays, expectedVersion: agency.version },
    }),
    [AGENCY_KEY],
    () => 'Working hours saved.',
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours = Object.fromEntries(
      WEEKDAYS.map((_, day) => [
        String(day),
        form.get(`open.${day}`) === 'on'
          ? { start: String(form.get(`start.${day}`)), end: String(form.get(`end.${day}`)) }
          : null,
      ]),
    );
    save.mutate(hours);
  };
  return (
    <form className="panel" aria-labelledby="hours-heading" onSubmit={submit} key={agency.version}>
      <h2 id="hours-heading">Working hours</h2>
      <TableWrap label="Working hours">
        <table className="data-table">
          <caption className="visually-hidden">Working hours per weekday, in {agency.timeZone}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Open</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((name, day) => {
              const hours = agency.calendar.workingHours[String(day)] ?? null;
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <input
                      type="checkbox"
                      name={`open.${day}`}
                      defaultChecked={hours !== null}
                      aria-label={`Open on ${name}`}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      name={`start.${day}`}
                      defaultValue={hours?.start ?? '09:00'}
                      aria-label={`${name} opens at`}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      name={`end.${day}`}
                      defaultValue={hours?.end ?? '17:00'}
                      aria-label={`${name} closes at`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">Times are in the agency's time zone, {agency.timeZone}.</p>
      <FormError error={save.error} />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        Save working hours
      </button>
    </form>
  );
}

function Holidays({ agency }: { agency: AgencySettings }) {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const put = useAdminMutation<{ holidays: AgencySettings['calendar']['holidays']; message: string }>(
    ({ holidays }) => ({
      method: 'PUT',
      path: '/agency/calendar',
      body: { workingHours: agency.calendar.workingHours, holidays, expectedVersion: agency.version },
    }),
    [AGENCY_KEY],
    ({ message }) => message,
  );
  const preset = useAdminMutation<{ preset: string; fromYear: number; toYear: number }>(
    (body) => ({ method: 'POST', path: '/agency/calendar/preset', body: { ...body, expectedVersion: agency.version } }),
    [AGENCY_KEY],
    ({ fromYear, toYear }) => `Holidays for ${fromYear}–${toYear} loaded from the preset.`,
  );
  const shown = agency.calendar.holidays.filter((h) => h.date.startsWith(year));
  const years = [
    ...new Set([String(new Date().getFullYear()), ...agency.calendar.holidays.map((h) => h.date.slice(0, 4))]),
  ].sort();
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const holiday = { date: String(form.get('date')), name: String(form.get('name') ?? '').trim() };
    put.mutate(
      { holidays: [...agency.calendar.holidays, holiday], message: `Holiday ${holiday.name} added.` },
      { onSuccess: () => target.reset() },
    );
  };
  const applyPreset = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    preset.mutate({
      preset: String(form.get('preset')),
      fromYear: Number(form.get('fromYear')),
      toYear: Number(form.get('toYear')),
    });
  };
  return (
    <section className="panel" aria-labelledby="holidays-heading">
      <h2 id="holidays-heading">Holidays</h2>
      <SelectField
        label="Year"
        value={year}
        onChange={(e) => setYear(e.target.value)}
        options={years.map((y) => ({ value: y, label: y }))}
      />
      {shown.length === 0 ? (
        <p>No holidays in {year}.</p>
      ) : (
        <ul className="plain-list">
          {shown.map((h) => (
            <li key={`${h.date}-${h.name}`} className="subject-row">
              <span>
                <time dateTime={h.date}>{h.date}</time> {h.name}
              </span>
              <button
                type="button"
                aria-label={`Remove ${h.name} on ${h.date}`}
                onClick={() =>
                  put.mutate({
                    holidays: agency.calendar.holidays.filter((x) => x !== h),
                    message: `Holiday ${h.name} removed.`,
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={put.error} />
      <form onSubmit={add} aria-labelledby="add-holiday-heading">
        <h3 id="add-holiday-heading">Add a holiday</h3>
        <div className="field-row">
          <TextField label="Date" name="date" type="date" required field="holidays" error={put.error} />
          <TextField label="Name" name="name" required />
        </div>
        <button type="submit" disabled={put.isPending}>
          Add holiday
        </button>
      </form>
      <form onSubmit={applyPreset} aria-labelledby="preset-heading">
        <h3 id="preset-heading">Apply a preset</h3>
        <p className="muted">Replaces the holidays of those years with the preset's.</p>
        <div className="field-row">
          <SelectField
            label="Preset"
            name="preset"
            defaultValue={agency.calendar.preset ?? 'nyc'}
            options={PRESETS}
            field="preset"
            error={preset.error}
          />
          <TextField
            label="From year"
            name="fromYear"
            type="number"
            defaultValue={new Date().getFullYear()}
            field="fromYear"
            error={preset.error}
          />
          <TextField
            label="To year"
            name="toYear"
            type="number"
            defaultValue={new Date().getFullYear() + 1}
            field="toYear"
            error={preset.error}
          />
        </div>
        <FormError error={preset.error} />
        <button type="submit" disabled={preset.isPending}>
          Apply preset
        </button>
      </form>
    </section>
  );
}

/** The business calendar screen. */
export function CalendarScreen() {
  const agency = useAgency();
  return (
    <>
      <PageHeading>Business calendar</PageHeading>
      <FormError error={agency.error} />
      {agency.data && (
        <>
          <WorkingHours agency={agency.data} />
          <Holidays agency={agency.data} />
        </>
      )}
    </>
  );
}
