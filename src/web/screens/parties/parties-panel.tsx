// The parties of a case or a complaint: who they are, their role, their address unless a protective order keeps it
// from the reader, a representative's authorization and whether it has expired; add one from a person on file or a
// new one, change the authorization's expiry, remove one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { Colleague } from '../../../shared/auth.ts';
import type { Person } from '../../../shared/people.ts';
import { PARTY_ROLE_LABELS, PARTY_ROLES, type Party } from '../../../shared/parties.ts';
import { FormError } from '../../components/form-error.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { useAnnounce } from '../../components/announcer.tsx';

/** The parties panel of the record at `path` (e.g. `/cases/OCS-2026-000001` or `/complaints/CSO-C-2026-000001`). */
export function PartiesPanel({ path }: { path: string }) {
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const key = ['parties', path];
  const parties = useQuery({ queryKey: key, queryFn: () => api<Party[]>('GET', `${path}/parties`) });
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => api<Colleague[]>('GET', '/staff') });
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [role, setRole] = useState<string>('custodial_party');
  const [protectiveOrder, setProtectiveOrder] = useState(false);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const refresh = (list: Party[]) => queryClient.setQueryData(key, list);

  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Party[]>('POST', `${path}/parties`, body),
    onSuccess: (list, body) => {
      refresh(list);
      setFound(null);
      setSearch('');
      setProtectiveOrder(false);
      announce(`Party added as ${PARTY_ROLE_LABELS[body.role as Party['role']].toLowerCase()}.`);
    },
  });
  const remove = useMutation({
    mutationFn: (party: Party) => api<null>('DELETE', `${path}/parties/${party.id}`),
    onSuccess: (_, party) => {
      void queryClient.invalidateQueries({ queryKey: key });
      announce(`${party.firstName} ${party.lastName} removed from the parties.`);
    },
  });
  const renew = useMutation({
    mutationFn: ({ party, expiresOn }: { party: Party; expiresOn: string }) =>
      api<Party[]>('PATCH', `${path}/parties/${party.id}`, {
        authorizationExpiresOn: expiresOn,
        version: party.version,
      }),
    onSuccess: (list) => {
      refresh(list);
      announce('Authorization expiry saved.');
    },
  });
  const lookUp = useMutation({
    mutationFn: (q: string) => api<{ items: Person[] }>('GET', `/people${queryString({ q, limit: 10 })}`),
    onSuccess: (result) => setFound(result.items),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Record<string, unknown> = { role };
    if (mode === 'existing') {
      const chosen = text('personId');
      if (chosen) body.personId = Number(chosen);
    } else {
      body.person = {
        firstName: text('firstName'),
        lastName: text('lastName'),
        phone: text('phone') || null,
        address: text('address') || null,
      };
    }
    if (role === 'authorized_representative') {
      body.authorizationReference = text('authorizationReference') || null;
      body.authorizationExpiresOn = text('authorizationExpiresOn') || null;
    }
    if (protectiveOrder) {
      body.protectiveOrder = true;
      body.protectedStaffUserIds = form.getAll('protectedStaffUserIds').map(Number);
    }
    add.mutate(body);
  };

  const list = parties.data ?? [];
  return (
    <section className="panel parties-panel" aria-labelledby="parties-heading">
      <h2 id="parties-heading">Parties</h2>
      <FormError error={parties.error ?? remove.error ?? renew.error} />
      {list.length === 0 ? (
        <p>No parties are recorded yet.</p>
      ) : (
        <TableWrap label="Parties, their roles and addresses">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Address</th>
                <th scope="col">Authorization</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <th scope="row" dir="auto">
                    {p.firstName} {p.lastName}
                    {p.protectiveOrder && (
                      <span className="badge">
                        {' '}
                        Protective order (seen by {p.protectedStaff.map((s) => s.name).join(', ')})
                      </span>
                    )}
                  </th>
                  <td>{PARTY_ROLE_LABELS[p.role]}</td>
                  <td className="party-address" dir="auto">
                    {p.whereaboutsWithheld ? <em>Withheld: protective order</em> : (p.address ?? '—')}
                  </td>
                  <td>
                    {p.authorization ? (
                      <>
                        {p.authorization.attachmentName ?? p.authorization.reference}
                        <br />
                        {p.authorization.expired ? (
                          <strong className="warning">
                            Expired {p.authorization.expiresOn ?? ''}: may not be addressed
                          </strong>
                        ) : (
                          `Valid until ${p.authorization.expiresOn}`
                        )}
                        <form
                          className="inline-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            const expiresOn = String(new FormData(e.currentTarget).get('expiresOn') ?? '');
                            renew.mutate({ party: p, expiresOn });
                          }}
                        >
                          <TextField
                            label={`New expiry for ${p.firstName} ${p.lastName}`}
                            name="expiresOn"
                            type="date"
                            field="authorizationExpiresOn"
                            error={renew.error}
                          />
                          <button type="submit">Save expiry</button>
                        </form>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <button type="button" onClick={() => remove.mutate(p)} disabled={remove.isPending}>
                      Remove<span className="visually-hidden"> {`${p.firstName} ${p.lastName}`}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <form onSubmit={submit} noValidate aria-labelledby="add-party-heading">
        <h3 id="add-party-heading">Add a party</h3>
        <FormError error={add.error} />
        <fieldset>
          <legend>Person</legend>
          <div className="radio-row">
            <label>
              <input
                type="radio"
                name="personMode"
                value="existing"
                checked={mode === 'existing'}
                onChange={() => setMode('existing')}
              />{' '}
              A person on file
            </label>
            <label>
              <input
                type="radio"
                name="personMode"
                value="new"
                checked={mode === 'new'}
                onChange={() => setMode('new')}
              />{' '}
              A new person
            </label>
          </div>
          {mode === 'existing' ? (
            <>
              <TextField
                label="Search people by name, email or phone"
                name="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                field="personId"
                error={add.error}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    if (search.trim()) lookUp.mutate(search.trim());
                  }
                }}
              />
              <button type="button" onClick={() => search.trim() && lookUp.mutate(search.trim())}>
                Search
              </button>
              <FormError error={lookUp.error} />
              {found && found.length === 0 && <p role="status">No one found; add a new person instead.</p>}
              {found && found.length > 0 && (
                <fieldset>
                  <legend>Choose the person</legend>
                  {found.map((person, i) => (
                    <label key={person.id} className="choice">
                      <input type="radio" name="personId" value={person.id} defaultChecked={i === 0} />{' '}
                      <span dir="auto">
                        {person.firstName} {person.lastName}
                      </span>
                      {person.phones[0] && ` · ${person.phones[0].value}`}
                    </label>
                  ))}
                </fieldset>
              )}
            </>
          ) : (
            <>
              <TextField label="First name" name="firstName" autoComplete="off" />
              <TextField
                label="Last name"
                name="lastName"
                autoComplete="off"
                field="person.lastName"
                error={add.error}
              />
              <TextField label="Phone" name="phone" type="tel" autoComplete="off" />
              <TextAreaField label="Address" name="address" rows={2} />
            </>
          )}
        </fieldset>
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={PARTY_ROLES.map((r) => ({ value: r, label: PARTY_ROLE_LABELS[r] }))}
          field="role"
          error={add.error}
        />
        {role === 'authorized_representative' && (
          <>
            <TextField
              label="Authorization on file (reference)"
              name="authorizationReference"
              hint="The signed authorization: its reference or where it is filed."
              field="authorizationReference"
              error={add.error}
            />
            <TextField
              label="Authorization expires on"
              name="authorizationExpiresOn"
              type="date"
              field="authorizationExpiresOn"
              error={add.error}
            />
          </>
        )}
        <CheckboxField
          label="Under a protective order (address shown only to the staff named)"
          name="protectiveOrder"
          checked={protectiveOrder}
          onChange={(e) => setProtectiveOrder(e.target.checked)}
        />
        {protectiveOrder && (
          <fieldset aria-describedby="named-staff-hint">
            <legend>Staff named on the order</legend>
            <p className="hint" id="named-staff-hint">
              Only these colleagues see the party’s address; notices to other parties and exports never show it.
            </p>
            {(staff.data ?? []).map((s) => (
              <CheckboxField key={s.id} label={s.name} name="protectedStaffUserIds" value={s.id} />
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={add.isPending}>
          Add party
        </button>
      </form>
    </section>
  );
}
