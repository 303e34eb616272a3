// Units: the teams cases are routed to. Add one, and switch one off or on (a unit that active rules route to
// cannot be switched off; the server says which rules).
import type { FormEvent } from 'react';
import { useUnits } from '../../api/reference.ts';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAdminMutation } from './admin-helpers.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

/** The units screen. */
export function UnitsScreen() {
  const units = useUnits();
  const create = useAdminMutation<{ code: string; name: string }>(
    (body) => ({ method: 'POST', path: '/units', body }),
    [['units']],
    (input) => `Unit ${input.code.toUpperCase()} added.`,
  );
  const toggle = useAdminMutation<{ id: number; code: string; active: boolean }>(
    ({ id, active }) => ({ method: 'PATCH', path: `/units/${id}`, body: { active } }),
    [['units']],
    (input) => `Unit ${input.code} ${input.active ? 'switched on' : 'switched off'}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    create.mutate(
      { code: String(form.get('code') ?? '').trim(), name: String(form.get('name') ?? '').trim() },
      { onSuccess: () => target.reset() },
    );
  };
  return (
    <>
      <PageHeading>Units</PageHeading>
      <FormError error={units.error ?? toggle.error} />
      <TableWrap label="Units">
        <table className="data-table">
          <caption className="visually-hidden">Units, by code</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Members</th>
              <th scope="col">State</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(units.data ?? []).map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.code}</th>
                <td>{u.name}</td>
                <td>{u.memberCount ?? 0}</td>
                <td>{u.active ? 'Active' : 'Switched off'}</td>
                <td>
                  <button
                    type="button"
                    disabled={toggle.isPending}
                    onClick={() => toggle.mutate({ id: u.id, code: u.code, active: !u.active })}
                    aria-label={`${u.active ? 'Switch off' : 'Switch on'} ${u.name}`}
                  >
                    {u.active ? 'Switch off' : 'Switch on'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <form className="panel" aria-labelledby="add-unit-heading" onSubmit={submit}>
        <h2 id="add-unit-heading">Add a unit</h2>
        <div className="field-row">
          <TextField
            label="Code"
            name="code"
            required
            hint="A-Z, 0-9, _ and -; never changes."
            field="code"
            error={create.error}
          />
          <TextField label="Name" name="name" required field="name" error={create.error} />
        </div>
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Add unit
        </button>
      </form>
    </>
  );
}
