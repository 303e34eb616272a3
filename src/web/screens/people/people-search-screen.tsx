// Find a person by name or organisation, exact email or phone, and kind; each result links to the profile.
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { Person } from '../../api/types.ts';
import { writerTypeOptions } from '../../api/reference.ts';
import { getRouteApi } from '@tanstack/react-router';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { humanize, languageName } from '../../format.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const peopleRoute = getRouteApi('/people');

interface PeopleList {
  items: Person[];
  total: number;
  nextCursor: string | null;
}

/** Display name of a person. */
export const personName = (p: Pick<Person, 'firstName' | 'lastName' | 'organisation'>) =>
  `${p.firstName} ${p.lastName}`.trim() || p.organisation || 'Unnamed person';

/** The people search screen. */
export function PeopleSearchScreen() {
  const { q } = peopleRoute.useSearch();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<{ email?: string; phone?: string; kind?: string }>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const searching = Boolean(q || filters.email || filters.phone || filters.kind);
  const list = useQuery({
    queryKey: ['people', q, filters, cursor ?? null],
    queryFn: () => api<PeopleList>('GET', `/people${queryString({ q, ...filters, limit: 25, cursor })}`),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setCursors([]);
    setFilters({
      ...(value('email') ? { email: value('email') } : {}),
      ...(value('phone') ? { phone: value('phone') } : {}),
      ...(value('kind') ? { kind: value('kind') } : {}),
    });
    void navigate({ to: '/people', search: { q: value('q') } });
  };

  const people = list.data?.items ?? [];
  return (
    <>
      <PageHeading>People</PageHeading>
      <form className="filters" role="search" aria-label="Search people" onSubmit={submit}>
        <TextField
          label="Name or organisation"
          name="q"
          type="search"
          defaultValue={q ?? ''}
          data-shortcut-search="local"
        />
        <TextField label="Email" name="email" type="email" defaultValue={filters.email ?? ''} />
        <TextField label="Phone" name="phone" type="tel" defaultValue={filters.phone ?? ''} />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={filters.kind ?? ''}
          placeholder="Any"
          options={writerTypeOptions}
        />
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
            ? `${list.data.total} ${list.data.total === 1 ? 'person' : 'people'}${searching ? ' found' : ''}.`
            : ''}
      </p>
      <FormError error={list.error} />
      {people.length > 0 && (
        <TableWrap label="People found">
          <table className="data-table">
            <caption className="visually-hidden">People{q ? ` matching “${q}”` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Language</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row" dir="auto">
                    <Link to="/people/$personId" params={{ personId: String(p.id) }}>
                      {personName(p)}
                    </Link>
                    {p.confidentialReason && <span className="badge badge-restricted">Confidential</span>}
                    {p.organisation && personName(p) !== p.organisation && (
                      <span className="excerpt">{p.organisation}</span>
                    )}
                  </th>
                  <td>{humanize(p.kind)}</td>
                  <td>{p.emails[0]?.value ?? '—'}</td>
                  <td>{p.phones[0]?.value ?? '—'}</td>
                  <td>
                    {languageName(p.preferredLanguage)}
                    {p.interpretationNeeded && <span className="badge badge-escalated">Interpreter</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav aria-label="Pages" className="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          disabled={!list.data?.nextCursor}
          onClick={() => list.data?.nextCursor && setCursors((c) => [...c, list.data!.nextCursor!])}
        >
          Next page
        </button>
      </nav>
    </>
  );
}
