// Escalation levels: the ladder an overdue case climbs (level 1, 2, 3, …), each with a name and whom it notifies.
import { useState, type FormEvent } from 'react';
import type { AgencySettings } from '../../api/types.ts';
import { FormError } from '../../components/form-error.tsx';
import { humanize } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';
import { AGENCY_KEY, useAgency } from './use-agency.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const NOTIFY = ['assignee', 'supervisor', 'unit_manager', 'administrator'];
type Level = AgencySettings['escalationLevels'][number];

function LevelsForm({ agency }: { agency: AgencySettings }) {
  const [levels, setLevels] = useState<Level[]>(agency.escalationLevels);
  const save = useAdminMutation<Level[]>(
    (escalationLevels) => ({
      method: 'PATCH',
      path: '/agency',
      body: { escalationLevels, expectedVersion: agency.version },
    }),
    [AGENCY_KEY],
    () => 'Escalation levels saved.',
  );
  const change = (index: number, patch: Partial<Level>) =>
    setLevels((list) => list.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(levels.map((l, i) => ({ ...l, level: i + 1 })));
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="levels-heading">
      <h2 id="levels-heading">Levels</h2>
      <TableWrap label="Escalation levels">
        <table className="data-table">
          <caption className="visually-hidden">Escalation levels, lowest first</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Name</th>
              <th scope="col">Notifies</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>
                  <input
                    value={l.name}
                    aria-label={`Name of level ${i + 1}`}
                    onChange={(e) => change(i, { name: e.target.value })}
                    required
                  />
                </td>
                <td>
                  <select
                    value={l.notifyRole}
                    aria-label={`Whom level ${i + 1} notifies`}
                    onChange={(e) => change(i, { notifyRole: e.target.value })}
                  >
                    {NOTIFY.map((n) => (
                      <option key={n} value={n}>
                        {humanize(n)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove level ${i + 1}`}
                    onClick={() => setLevels((list) => list.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <FormError error={save.error} />
      <div className="actions">
        <button
          type="button"
          onClick={() => setLevels((list) => [...list, { level: list.length + 1, name: '', notifyRole: 'supervisor' }])}
        >
          Add a level
        </button>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save levels
        </button>
      </div>
    </form>
  );
}

/** The escalation levels screen. */
export function EscalationScreen() {
  const agency = useAgency();
  return (
    <>
      <PageHeading>Escalation levels</PageHeading>
      <p>When a case passes its deadline it climbs these levels, and each level notifies the people named.</p>
      <FormError error={agency.error} />
      {agency.data && <LevelsForm key={agency.data.version} agency={agency.data} />}
    </>
  );
}
