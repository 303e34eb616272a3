// The organisations directory: search by name (accents and case do not matter) and type, add an organisation, and
// open one to see its contacts, languages, notes and the engagements, media inquiries and cases linked to it.
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api, queryString } from '../../api/client.ts';
import type { OrganizationList, OrganizationView } from '../../../shared/community.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, languageName } from '../../format.ts';
import {
  engagementKindLabel,
  languageOptions,
  organizationTypeLabel,
  organizationTypeOptions,
} from './community-options.ts';

type Organizations = Static<typeof OrganizationList>;

/** The directory screen. */
export function OrganizationsScreen() {
  const [search, setSearch] = useState<{ q?: string; type?: string }>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['organizations', search],
    queryFn: () => api<Organizations>('GET', `/organizations${queryString({ ...search, limit: 100 })}`),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setSearch({ q: value('q'), type: value('type') });
  };

  const items = list.data?.items ?? [];
  return (
    <>
      <div className="section-heading">
        <PageHeading>Organisations</PageHeading>
        <button type="button" className="button-primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          Add organisation
        </button>
      </div>
      {adding && (
        <NewOrganizationForm
          onCreated={(id) => {
            setAdding(false);
            setSelected(id);
          }}
        />
      )}
      <form className="filters" role="search" aria-label="Search organisations" onSubmit={submit}>
        <TextField label="Name" name="q" type="search" defaultValue={search.q ?? ''} />
        <SelectField label="Type" name="type" placeholder="Any" options={organizationTypeOptions} defaultValue="" />
        <div className="filter-buttons">
          <button type="submit" className="button-primary">
            Search
          </button>
        </div>
      </form>
      <p role="status" className="result-count">
        {list.isPending
          ? 'Searching…'
          : list.data
            ? `${list.data.total} organisation${list.data.total === 1 ? '' : 's'}.`
            : ''}
      </p>
      <FormError error={list.error} />
      {items.length > 0 && (
        <TableWrap label="Organisations found">
          <table className="data-table">
            <caption className="visually-hidden">Organisations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Languages</th>
                <th scope="col">Contact</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row" dir="auto">
                    <button type="button" className="link-button" onClick={() => setSelected(o.id)}>
                      {o.name}
                    </button>
                  </th>
                  <td>{organizationTypeLabel(o.type)}</td>
                  <td>{o.languages.map(languageName).join(', ') || '—'}</td>
                  <td>{o.email ?? o.phone ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {selected !== null && <OrganizationPanel id={selected} />}
    </>
  );
}

function NewOrganizationForm({ onCreated }: { onCreated: (id: number) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<OrganizationView>('POST', '/organizations', body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onCreated(created.id);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({
      name: value('name'),
      type: value('type'),
      languages: form.getAll('languages').map(String),
      ...(value('email') ? { email: value('email') } : {}),
      ...(value('phone') ? { phone: value('phone') } : {}),
      ...(value('address') ? { address: value('address') } : {}),
      ...(value('notes') ? { notes: value('notes') } : {}),
    });
  };
  return (
    <form className="panel form-grid" aria-label="New organisation" onSubmit={submit}>
      <h2>New organisation</h2>
      <FormError error={create.error} />
      <TextField label="Name" name="name" required field="name" error={create.error} />
      <SelectField
        label="Type"
        name="type"
        required
        options={organizationTypeOptions}
        field="type"
        error={create.error}
      />
      <fieldset className="checkbox-group">
        <legend>Languages served</legend>
        {languageOptions.map(({ value, label }) => (
          <label key={value} className="checkbox-inline">
            <input type="checkbox" name="languages" value={value} /> {label}
          </label>
        ))}
      </fieldset>
      <TextField label="Email" name="email" type="email" field="email" error={create.error} />
      <TextField label="Phone" name="phone" type="tel" />
      <TextField label="Address" name="address" />
      <TextAreaField label="Notes" name="notes" rows={3} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save organisation
        </button>
      </div>
    </form>
  );
}

function OrganizationPanel({ id }: { id: number }) {
  const organization = useQuery({
    queryKey: ['organization', id],
    queryFn: () => api<OrganizationView>('GET', `/organizations/${id}`),
  });
  const o = organization.data;
  if (organization.error) return <FormError error={organization.error} />;
  if (!o) return <p role="status">Loading…</p>;
  return (
    <section className="panel" aria-labelledby="organization-name">
      <h2 id="organization-name" dir="auto">
        {o.name}
      </h2>
      <p>
        {organizationTypeLabel(o.type)}
        {o.languages.length > 0 && ` · serves ${o.languages.map(languageName).join(', ')}`}
      </p>
      {(o.address || o.email || o.phone || o.website) && (
        <p>{[o.address, o.email, o.phone, o.website].filter(Boolean).join(' · ')}</p>
      )}
      {o.notes && <p className="notes">{o.notes}</p>}
      <h3>Contacts</h3>
      {o.contacts.length === 0 ? (
        <p>No contacts linked yet.</p>
      ) : (
        <ul className="plain-list">
          {o.contacts.map((c) => (
            <li key={c.personId}>
              <Link to="/people/$personId" params={{ personId: String(c.personId) }}>
                {c.name || 'Unnamed person'}
              </Link>
              {c.role && ` — ${c.role}`}
            </li>
          ))}
        </ul>
      )}
      <h3>Engagements</h3>
      {o.engagements.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="plain-list">
          {o.engagements.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.startsAt)} — {engagementKindLabel(e.kind)}: {e.title}
            </li>
          ))}
        </ul>
      )}
      <h3>Cases from its meetings</h3>
      {o.cases.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="plain-list">
          {o.cases.map((c) => (
            <li key={c.trackingNumber}>
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: c.trackingNumber }}>
                {c.trackingNumber}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {o.mediaInquiries.length > 0 && (
        <>
          <h3>Media inquiries</h3>
          <ul className="plain-list">
            {o.mediaInquiries.map((m) => (
              <li key={m.id}>{m.topic}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
