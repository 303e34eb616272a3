// Staff accounts: who they are, their role and units, and whether they are locked out. Create an account with a role
// and units (a generated password is shown once), switch accounts off or on, unlock, and change role or units.
import { useState, type FormEvent } from 'react';
import { useUnits, useStaffAccounts } from '../../api/reference.ts';
import type { StaffUser } from '../../api/types.ts';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { humanize } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const ROLES = ['administrator', 'supervisor', 'caseworker', 'unit_liaison', 'auditor'].map((r) => ({
  value: r,
  label: humanize(r),
}));

function UnitChoices({ chosen }: { chosen: number[] }) {
  const units = useUnits();
  return (
    <fieldset>
      <legend>Units</legend>
      <div className="checkbox-group">
        {(units.data ?? [])
          .filter((u) => u.active)
          .map((u) => (
            <CheckboxField
              key={u.id}
              label={u.code}
              name="unitIds"
              value={String(u.id)}
              defaultChecked={chosen.includes(u.id)}
            />
          ))}
      </div>
    </fieldset>
  );
}

const unitIdsOf = (form: FormData) => form.getAll('unitIds').map(Number);

/** The users screen. */
export function UsersScreen() {
  const staff = useStaffAccounts();
  const units = useUnits();
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const [created, setCreated] = useState<{ email: string; temporaryPassword?: string } | null>(null);
  const create = useAdminMutation<Record<string, unknown>>(
    (body) => ({ method: 'POST', path: '/users', body }),
    [['users'], ['units'], ['staff']],
    (input) => `Account for ${String(input.email)} created.`,
  );
  const update = useAdminMutation<{ user: StaffUser; patch: Record<string, unknown>; what: string }>(
    ({ user, patch }) => ({ method: 'PATCH', path: `/users/${user.id}`, body: patch }),
    [['users'], ['units'], ['staff']],
    ({ user, what }) => `${user.name}: ${what}.`,
  );
  const unitCode = (id: number) => units.data?.find((u) => u.id === id)?.code ?? String(id);

  const submitCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const password = String(form.get('password') ?? '');
    create.mutate(
      {
        name: String(form.get('name') ?? '').trim(),
        email: String(form.get('email') ?? '').trim(),
        role: String(form.get('role')),
        unitIds: unitIdsOf(form),
        ...(password ? { password } : {}),
      },
      {
        onSuccess: (answer) => {
          const user = answer as StaffUser;
          setCreated({
            email: user.email,
            ...(user.temporaryPassword ? { temporaryPassword: user.temporaryPassword } : {}),
          });
          target.reset();
        },
      },
    );
  };

  const submitEdit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editing) return;
    const form = new FormData(event.currentTarget);
    update.mutate(
      {
        user: editing,
        patch: { role: String(form.get('role')), unitIds: unitIdsOf(form) },
        what: 'role and units saved',
      },
      { onSuccess: () => setEditing(null) },
    );
  };

  return (
    <>
      <PageHeading>Users</PageHeading>
      <FormError error={staff.error ?? (editing ? null : update.error)} />
      <TableWrap label="Staff accounts">
        <table className="data-table">
          <caption className="visually-hidden">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Units</th>
              <th scope="col">State</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(staff.data ?? []).map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.email}</td>
                <td>{humanize(u.role)}</td>
                <td>{u.unitIds.map(unitCode).join(', ') || '—'}</td>
                <td>
                  {u.active ? 'Active' : 'Switched off'}
                  {u.locked && <span className="badge priority-urgent">Locked</span>}
                  {u.mustChangePassword && <span className="block muted">Must change password</span>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setEditing(u)} aria-label={`Edit role and units of ${u.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        update.mutate({
                          user: u,
                          patch: { active: !u.active },
                          what: u.active ? 'switched off' : 'switched on',
                        })
                      }
                      aria-label={`${u.active ? 'Switch off' : 'Switch on'} ${u.name}`}
                    >
                      {u.active ? 'Switch off' : 'Switch on'}
                    </button>
                    {u.locked && (
                      <button
                        type="button"
                        onClick={() => update.mutate({ user: u, patch: { unlock: true }, what: 'unlocked' })}
                      >
                        Unlock
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <form className="panel" aria-labelledby="add-user-heading" onSubmit={submitCreate}>
        <h2 id="add-user-heading">Create an account</h2>
        {created && (
          <p className="notice" role="status">
            Account {created.email} created.
            {created.temporaryPassword && (
              <>
                {' '}
                Temporary password (shown once): <code>{created.temporaryPassword}</code>
              </>
            )}
          </p>
        )}
        <div className="field-row">
          <TextField label="Name" name="name" required field="name" error={create.error} />
          <TextField label="Email" name="email" type="email" required field="email" error={create.error} />
          <SelectField
            label="Role"
            name="role"
            defaultValue="caseworker"
            options={ROLES}
            field="role"
            error={create.error}
          />
          <TextField
            label="Password (optional)"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="Leave empty to generate one; they change it at first sign-in."
            field="password"
            error={create.error}
          />
        </div>
        <UnitChoices chosen={[]} />
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create account
        </button>
      </form>

      <ModalDialog
        open={editing !== null}
        title={`Role and units of ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <form onSubmit={submitEdit}>
            <SelectField
              label="Role"
              name="role"
              defaultValue={editing.role}
              options={ROLES}
              field="role"
              error={update.error}
            />
            <UnitChoices chosen={editing.unitIds} />
            <FormError error={update.error} />
            <div className="actions">
              <button type="submit" className="button-primary">
                Save
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </ModalDialog>
    </>
  );
}
