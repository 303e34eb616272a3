// Actions on the selected cases at once: assign, route to a unit, answer by email (bulk-respond.tsx), or close. When the
// selected cases share a unit, its members are offered first as assignees.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseRecord } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { assigneeOptions, unitOptions, useColleagues, useUnits } from '../../api/reference.ts';
import { SelectField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { useUser } from '../../session.tsx';
import { BulkRespond, type BulkResult } from './bulk-respond.tsx';

/** The bulk action bar for the selected cases. */
export function BulkActions({ cases, onDone }: { cases: CaseRecord[]; onDone(): void }) {
  const user = useUser();
  const units = useUnits();
  const colleagues = useColleagues();
  const selected = cases.map((c) => c.trackingNumber);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);

  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<BulkResult>('POST', '/cases/bulk', { trackingNumbers: selected, ...body }),
    onSuccess: (result, body) => {
      const refused = result.results.filter((r) => !r.ok);
      announce(
        `${String(body.action).replace(/^./, (c) => c.toUpperCase())}: ${result.succeeded} case${result.succeeded === 1 ? '' : 's'} done` +
          (refused.length ? `, ${refused.length} refused.` : '.'),
      );
      setError(
        refused.length
          ? new Error(
              `Refused: ${refused.map((r) => `${r.trackingNumber} (${r.error?.message ?? 'refused'})`).join('; ')}`,
            )
          : null,
      );
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      if (!refused.length) onDone();
    },
    onError: setError,
  });

  const value = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? '');

  const unitCodes = new Set(cases.map((c) => c.unit));
  const sharedUnit = unitCodes.size === 1 ? units.data?.find((u) => u.code === cases[0]?.unit) : undefined;
  const assignees = assigneeOptions(colleagues.data, user, sharedUnit, 'Nobody (unassign)');

  return (
    <section className="bulk-actions" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading" className="bulk-heading">
        {selected.length} selected
      </h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const id = value(e, 'assignee');
          mutation.mutate({ action: 'assign', assigneeId: id === 'none' ? null : Number(id) });
        }}
      >
        <SelectField label="Assign to" name="assignee" options={assignees} />
        <button type="submit" disabled={mutation.isPending}>
          Assign
        </button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate({ action: 'route', unit: value(e, 'unit') });
        }}
      >
        <SelectField label="Route to unit" name="unit" options={unitOptions(units.data)} />
        <button type="submit" disabled={mutation.isPending}>
          Route
        </button>
      </form>
      <BulkRespond
        trackingNumbers={selected}
        idPrefix="queue-bulk"
        onDone={(result) => {
          if (!result.failed) onDone();
        }}
      />
      <div className="inline-form">
        <button type="button" disabled={mutation.isPending} onClick={() => mutation.mutate({ action: 'close' })}>
          Close selected
        </button>
      </div>
      <FormError error={error} />
    </section>
  );
}
