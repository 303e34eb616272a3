// Route to a unit, assign to a person, and move the status (only to the statuses allowed next). Each change sends
// the version the caseworker saw, so a change made meanwhile by someone else is refused, not overwritten. Anyone may
// assign to a colleague; the members of the case's unit are offered first.
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { assigneeOptions, unitOptions, useColleagues, useUnits } from '../../api/reference.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import { caseKeys, useCaseAction } from './use-case-action.ts';

const formValue = (event: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(event.currentTarget).get(name) ?? '').trim();

/** The actions tab. */
export function CaseActionsTab({ current: c }: { current: CaseRecord }) {
  const user = useUser();
  const units = useUnits();
  const colleagues = useColleagues();
  const tn = c.trackingNumber;
  const allowed = useQuery({
    queryKey: [...caseKeys.part(tn, 'allowed-statuses'), c.status],
    queryFn: () => api<string[]>('GET', `/cases/${encodeURIComponent(tn)}/allowed-statuses`),
  });

  const route = useCaseAction<{ unit: string; reason?: string }>(
    tn,
    (input) => ({ path: '/route', body: { ...input, expectedVersion: c.version } }),
    (input) => `Routed to ${input.unit}.`,
  );
  const assign = useCaseAction<{ assigneeId: number | null }>(
    tn,
    (input) => ({ path: '/assign', body: { ...input, expectedVersion: c.version } }),
    (input) => (input.assigneeId === null ? 'Unassigned.' : 'Assigned.'),
  );
  const status = useCaseAction<{ status: string; reason?: string }>(
    tn,
    (input) => ({ path: '/status', body: { ...input, expectedVersion: c.version } }),
    (input) => `Status changed to ${humanize(input.status)}.`,
  );

  const caseUnit = units.data?.find((u) => u.code === c.unit);
  const assignees = assigneeOptions(colleagues.data, user, caseUnit, 'Nobody (back to the unit)');

  return (
    <div className="action-grid">
      <h2 className="visually-hidden">Route, assign, status</h2>
      <form
        className="panel"
        aria-labelledby="route-heading"
        onSubmit={(e) => {
          e.preventDefault();
          const reason = formValue(e, 'reason');
          route.mutate({ unit: formValue(e, 'unit'), ...(reason ? { reason } : {}) });
        }}
      >
        <h3 id="route-heading">Route to a unit</h3>
        <SelectField
          label="Unit"
          name="unit"
          defaultValue={c.unit ?? ''}
          options={unitOptions(units.data)}
          field="unit"
          error={route.error}
        />
        <TextField label="Reason (optional)" name="reason" field="reason" error={route.error} />
        <FormError error={route.error} />
        <button type="submit" className="button-primary" disabled={route.isPending}>
          Route
        </button>
      </form>

      <form
        className="panel"
        aria-labelledby="assign-heading"
        onSubmit={(e) => {
          e.preventDefault();
          const id = formValue(e, 'assignee');
          assign.mutate({ assigneeId: id === 'none' ? null : Number(id) });
        }}
      >
        <h3 id="assign-heading">Assign</h3>
        <SelectField
          label="Assign to"
          name="assignee"
          defaultValue={c.assignee ? String(c.assignee.id) : String(user.id)}
          options={assignees}
          field="assigneeId"
          error={assign.error}
        />
        <FormError error={assign.error} />
        <button type="submit" className="button-primary" disabled={assign.isPending}>
          Assign
        </button>
      </form>

      <form
        className="panel"
        aria-labelledby="status-heading"
        onSubmit={(e) => {
          e.preventDefault();
          const reason = formValue(e, 'reason');
          status.mutate({ status: formValue(e, 'status'), ...(reason ? { reason } : {}) });
        }}
      >
        <h3 id="status-heading">Change status</h3>
        <p>
          Now: <strong>{humanize(c.status)}</strong>
        </p>
        <SelectField
          label="New status"
          name="status"
          options={(allowed.data ?? []).map((s) => ({ value: s, label: humanize(s) }))}
          field="status"
          error={status.error}
          hint="Only the statuses this case may move to next."
        />
        <TextField label="Reason (optional)" name="reason" field="reason" error={status.error} />
        <FormError error={status.error} />
        <button type="submit" className="button-primary" disabled={status.isPending || !allowed.data?.length}>
          Change status
        </button>
      </form>
    </div>
  );
}
