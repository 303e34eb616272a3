// Scheduled reports: reports emailed each month (e.g. the commissioner's monthly report on the first business day at
// 08:00) as PDF, XLSX or CSV. Administrators and supervisors list them with their next delivery, add and edit them,
// see each one's delivery history (with the reason a sending failed) and send a month now. The report counts the
// cases its owner may see, and whoever saves a schedule becomes its owner — the screen says so before saving.
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { getRouteApi } from '@tanstack/react-router';
import { useUser } from '../../session.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useSavedReports } from './saved-reports-panel.tsx';
import { lastMonth } from './report-parts.tsx';
import { MONTH_NAMES } from '../../../shared/report-periods.ts';

const reportSectionRoute = getRouteApi('/reports/$section');

const SCHEDULES_KEY = ['report-schedules'] as const;

type Format = 'pdf' | 'xlsx' | 'csv';

interface Delivery {
  id: number;
  periodKey: string;
  status: 'queued' | 'sent' | 'failed';
  trigger: 'schedule' | 'send_now';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

interface Schedule {
  id: number;
  name: string;
  reportKind: string;
  savedReportId: number | null;
  formats: Format[];
  recipients: string[];
  runOn: string;
  runAtLocal: string;
  active: boolean;
  ownerUserId: number;
  ownerName: string;
  version: number;
  nextRun: { periodKey: string; periodLabel: string; at: string } | null;
  deliveries: Delivery[];
}

interface ScheduleList {
  schedules: Schedule[];
  reportKinds: string[];
  formats: Format[];
}

type ScheduleInput = Omit<
  Schedule,
  'id' | 'ownerUserId' | 'ownerName' | 'version' | 'nextRun' | 'deliveries' | 'savedReportId'
> & { savedReportId: number | null };

const KIND_NAMES: Record<string, string> = {
  monthly: 'Commissioner’s monthly report',
  mmr: 'MMR customer-service indicators',
  saved: 'A saved cross-tab',
  ombudsperson: 'Ombudsperson’s periodic report',
};
const FORMAT_NAMES: Record<Format, string> = {
  pdf: 'PDF (with charts)',
  xlsx: 'XLSX (one sheet per table)',
  csv: 'CSV',
};
const STATUS_NAMES: Record<Delivery['status'], string> = { queued: 'Being sent', sent: 'Sent', failed: 'Failed' };

const kindName = (kind: string) => KIND_NAMES[kind] ?? humanize(kind);

/** "First business day, 08:00" / "Day 15, 06:30" (the last day in shorter months). */
function runText(s: Pick<Schedule, 'runOn' | 'runAtLocal'>): string {
  const day = /^day_of_month:(\d+)$/.exec(s.runOn)?.[1];
  return `${day ? `Day ${day} of the month` : 'First business day'}, ${s.runAtLocal}`;
}

/** "2026-10" → "October 2026"; other period keys as they are. */
function periodText(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : key;
}

/** Server messages for a field and its items ("recipients", "recipients[2]"), in one sentence. */
function messagesFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.details.filter((d) => d.field === field || d.field.startsWith(`${field}[`));
  return found.length ? found.map((d) => d.message).join('; ') : undefined;
}

/** A fieldset of checkboxes whose error (from the server) is read with the group. */
function FormatChoices(props: { value: Format[]; error: unknown }) {
  const errorId = useId();
  const message = messagesFor(props.error, 'formats');
  return (
    <fieldset aria-describedby={message ? errorId : undefined}>
      <legend>Formats</legend>
      {(Object.keys(FORMAT_NAMES) as Format[]).map((f) => (
        <CheckboxField
          key={f}
          label={FORMAT_NAMES[f]}
          name="formats"
          value={f}
          defaultChecked={props.value.includes(f)}
        />
      ))}
      {message && (
        <p className="field-error" id={errorId}>
          {message}
        </p>
      )}
    </fieldset>
  );
}

/** The recipients, one address per line (commas work too); each bad address is named under the box. */
function RecipientsField(props: { value: string[]; error: unknown }) {
  const id = useId();
  const message = messagesFor(props.error, 'recipients');
  return (
    <div className="field">
      <label htmlFor={id}>
        Recipients<span aria-hidden="true"> *</span>
      </label>
      <p className="hint" id={`${id}-hint`}>
        Email addresses, one per line. All of them receive the same email with the files attached.
      </p>
      <textarea
        id={id}
        name="recipients"
        rows={3}
        required
        defaultValue={props.value.join('\n')}
        aria-describedby={[`${id}-hint`, message ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={message ? true : undefined}
      />
      {message && (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

function ScheduleForm(props: {
  schedule: Partial<Schedule>;
  kinds: string[];
  error: unknown;
  busy: boolean;
  onSubmit(input: ScheduleInput): void;
  onCancel(): void;
}) {
  const s = props.schedule;
  const user = useUser();
  const saved = useSavedReports();
  const [kind, setKind] = useState(s.reportKind ?? props.kinds[0] ?? 'monthly');
  const initialDay = /^day_of_month:(\d+)$/.exec(s.runOn ?? '')?.[1];
  const [runOn, setRunOn] = useState(initialDay ? 'day_of_month' : 'first_business_day');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    props.onSubmit({
      name: text('name'),
      reportKind: kind,
      savedReportId: kind === 'saved' && text('savedReportId') ? Number(text('savedReportId')) : null,
      formats: form.getAll('formats').map(String) as Format[],
      recipients: text('recipients')
        .split(/[\n,;]+/)
        .map((r) => r.trim())
        .filter(Boolean),
      runOn: runOn === 'day_of_month' ? `day_of_month:${text('day')}` : 'first_business_day',
      runAtLocal: text('runAtLocal') || '08:00',
      active: form.get('active') === 'on',
    });
  };
  return (
    <form onSubmit={submit}>
      <TextField
        label="Name"
        name="name"
        required
        maxLength={200}
        defaultValue={s.name ?? ''}
        field="name"
        error={props.error}
      />
      <SelectField
        label="Report"
        name="reportKind"
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        options={props.kinds.map((k) => ({ value: k, label: kindName(k) }))}
        field="reportKind"
        error={props.error}
      />
      {kind === 'saved' && (
        <SelectField
          label="Saved cross-tab"
          name="savedReportId"
          required
          defaultValue={s.savedReportId ? String(s.savedReportId) : ''}
          placeholder="Choose a saved report"
          options={(saved.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          field="savedReportId"
          error={props.error}
        />
      )}
      <FormatChoices value={s.formats ?? ['pdf', 'xlsx']} error={props.error} />
      <RecipientsField value={s.recipients ?? []} error={props.error} />
      <fieldset>
        <legend>When</legend>
        <p className="hint">Each run sends the report of the month before, at this time in the agency’s time zone.</p>
        <div className="field-row">
          <SelectField
            label="Runs on"
            name="runOnKind"
            value={runOn}
            onChange={(e) => setRunOn(e.target.value)}
            options={[
              { value: 'first_business_day', label: 'First business day of the month' },
              { value: 'day_of_month', label: 'A day of the month' },
            ]}
            field="runOn"
            error={props.error}
          />
          {runOn === 'day_of_month' && (
            <TextField
              label="Day"
              name="day"
              type="number"
              min={1}
              max={31}
              required
              defaultValue={initialDay ?? '1'}
              hint="1–31; shorter months run on their last day."
            />
          )}
          <TextField
            label="Time"
            name="runAtLocal"
            type="time"
            required
            defaultValue={s.runAtLocal ?? '08:00'}
            hint={user.agency?.timeZone}
            field="runAtLocal"
            error={props.error}
          />
        </div>
      </fieldset>
      <CheckboxField label="Active" name="active" defaultChecked={s.active ?? true} />
      <p className="hint">
        The report counts only the cases you may see: saving makes you, {user.name}, the owner of this schedule.
      </p>
      <FormError error={props.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={props.busy}>
          Save schedule
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeliveryHistory({ schedule }: { schedule: Schedule }) {
  if (schedule.deliveries.length === 0) return <p>Nothing has been sent yet.</p>;
  return (
    <TableWrap label={`Deliveries of “${schedule.name}”`}>
      <table className="data-table">
        <caption className="visually-hidden">Deliveries of “{schedule.name}”, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
            <th scope="col">Tries</th>
            <th scope="col">How</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {schedule.deliveries.map((d) => (
            <tr key={d.id}>
              <th scope="row">{periodText(d.periodKey)}</th>
              <td>{STATUS_NAMES[d.status]}</td>
              <td>{d.sentAt ? formatDateTime(d.sentAt) : '—'}</td>
              <td>{d.attempts}</td>
              <td>{d.trigger === 'send_now' ? 'Sent on request' : 'On schedule'}</td>
              <td>{d.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function SendNowForm(props: { schedule: Schedule; onDone(): void }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const send = useMutation({
    mutationFn: (period: string) =>
      api<Delivery>('POST', `/reports/schedules/${props.schedule.id}/send-now`, { period }),
    onSuccess: (delivery) => {
      void queryClient.invalidateQueries({ queryKey: SCHEDULES_KEY });
      announce(`“${props.schedule.name}” for ${periodText(delivery.periodKey)} is being sent.`);
      props.onDone();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send.mutate(String(new FormData(event.currentTarget).get('period') ?? ''));
  };
  return (
    <form onSubmit={submit}>
      <p>
        Sends the report to {props.schedule.recipients.join(', ')} now, as{' '}
        {props.schedule.formats.map((f) => f.toUpperCase()).join(' and ')}. A month already sent is sent again.
      </p>
      <TextField
        label="Month"
        name="period"
        type="month"
        required
        defaultValue={lastMonth().key}
        hint="YYYY-MM"
        field="period"
        error={send.error}
      />
      <FormError error={send.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={send.isPending}>
          Send now
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Dialog =
  | { kind: 'edit'; schedule: Partial<Schedule> }
  | { kind: 'history'; schedule: Schedule }
  | { kind: 'send'; schedule: Schedule }
  | null;

function dialogTitle(dialog: Exclude<Dialog, null>): string {
  if (dialog.kind === 'history') return `Deliveries of “${dialog.schedule.name}”`;
  if (dialog.kind === 'send') return `Send “${dialog.schedule.name}” now`;
  return dialog.schedule.id ? `Edit “${dialog.schedule.name}”` : 'New scheduled report';
}

function SchedulesTable(props: { schedules: Schedule[]; onOpen(dialog: Dialog): void; onDelete(s: Schedule): void }) {
  if (props.schedules.length === 0) return <p>No reports are scheduled yet.</p>;
  return (
    <TableWrap label="Scheduled reports">
      <table className="data-table">
        <caption className="visually-hidden">Scheduled reports, by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Report</th>
            <th scope="col">Formats</th>
            <th scope="col">Recipients</th>
            <th scope="col">Runs</th>
            <th scope="col">Next delivery</th>
            <th scope="col">Last delivery</th>
            <th scope="col">Owner</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {props.schedules.map((s) => {
            const last = s.deliveries[0];
            return (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {!s.active && <span className="badge">Paused</span>}
                </th>
                <td>{kindName(s.reportKind)}</td>
                <td>{s.formats.map((f) => f.toUpperCase()).join(', ')}</td>
                <td>{s.recipients.join(', ')}</td>
                <td>{runText(s)}</td>
                <td>{s.nextRun ? `${formatDateTime(s.nextRun.at)} (${s.nextRun.periodLabel})` : '—'}</td>
                <td>{last ? `${periodText(last.periodKey)}: ${STATUS_NAMES[last.status]}` : '—'}</td>
                <td>{s.ownerName}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      onClick={() => props.onOpen({ kind: 'edit', schedule: s })}
                      aria-label={`Edit “${s.name}”`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() => props.onOpen({ kind: 'send', schedule: s })}
                      aria-label={`Send “${s.name}” now`}
                    >
                      Send now
                    </button>
                    <button
                      type="button"
                      onClick={() => props.onOpen({ kind: 'history', schedule: s })}
                      aria-label={`Deliveries of “${s.name}”`}
                    >
                      History
                    </button>
                    <button
                      type="button"
                      className="button-danger"
                      onClick={() => props.onDelete(s)}
                      aria-label={`Delete “${s.name}”`}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The scheduled reports screen. */
export function SchedulesScreen() {
  const user = useUser();
  const allowed = user.role === 'administrator' || user.role === 'supervisor';
  const search = reportSectionRoute.useSearch();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const list = useQuery({
    queryKey: SCHEDULES_KEY,
    queryFn: () => api<ScheduleList>('GET', '/reports/schedules'),
    enabled: allowed,
  });
  // "Schedule" on a saved cross-tab arrives here with ?kind=saved&savedReportId=…: open the form filled in.
  const [dialog, setDialog] = useState<Dialog>(() =>
    search.kind === 'saved' && search.savedReportId
      ? { kind: 'edit', schedule: { reportKind: 'saved', savedReportId: Number(search.savedReportId) } }
      : null,
  );
  const refresh = () => void queryClient.invalidateQueries({ queryKey: SCHEDULES_KEY });
  const save = useMutation({
    mutationFn: ({ input, current }: { input: ScheduleInput; current: Partial<Schedule> }) =>
      current.id
        ? api<Schedule>('PUT', `/reports/schedules/${current.id}`, { ...input, expectedVersion: current.version })
        : api<Schedule>('POST', '/reports/schedules', input),
    onSuccess: (schedule, { current }) => {
      refresh();
      announce(`Schedule “${schedule.name}” ${current.id ? 'saved' : 'added'}.`);
      setDialog(null);
    },
  });
  const remove = useMutation({
    mutationFn: (s: Schedule) => api<void>('DELETE', `/reports/schedules/${s.id}?expectedVersion=${s.version}`),
    onSuccess: (_answer, s) => {
      refresh();
      announce(`Schedule “${s.name}” deleted.`);
    },
    onError: refresh,
  });
  const open = (next: Dialog) => {
    save.reset();
    setDialog(next);
  };
  if (!allowed) {
    return (
      <>
        <PageHeading>Scheduled reports</PageHeading>
        <p>Administrators and supervisors schedule reports. Ask one of them to add you as a recipient.</p>
      </>
    );
  }
  const schedules = list.data?.schedules ?? [];
  return (
    <>
      <PageHeading>Scheduled reports</PageHeading>
      <p>
        Each schedule emails the report of the month before to its recipients, on its run day at its time (agency time).
        A report counts the cases its owner may see.
      </p>
      <FormError error={list.error ?? remove.error} />
      {list.isPending ? (
        <p role="status">Loading schedules…</p>
      ) : (
        <SchedulesTable schedules={schedules} onOpen={open} onDelete={(s) => remove.mutate(s)} />
      )}
      <p>
        <button
          type="button"
          className="button-primary"
          onClick={() => open({ kind: 'edit', schedule: {} })}
          disabled={!list.data}
        >
          Schedule a report
        </button>
      </p>
      <ModalDialog open={dialog !== null} title={dialog ? dialogTitle(dialog) : ''} onClose={() => setDialog(null)}>
        {dialog?.kind === 'edit' && list.data && (
          <ScheduleForm
            schedule={dialog.schedule}
            kinds={list.data.reportKinds}
            error={save.error}
            busy={save.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(input) => save.mutate({ input, current: dialog.schedule })}
          />
        )}
        {dialog?.kind === 'history' && (
          <DeliveryHistory schedule={schedules.find((s) => s.id === dialog.schedule.id) ?? dialog.schedule} />
        )}
        {dialog?.kind === 'send' && <SendNowForm schedule={dialog.schedule} onDone={() => setDialog(null)} />}
      </ModalDialog>
    </>
  );
}
