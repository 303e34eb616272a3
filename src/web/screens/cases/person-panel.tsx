// Who wrote: name, contacts and language, a link to their profile, and their other cases (the constituent's history).
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { CaseList, CaseRecord } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { languageName } from '../../format.ts';

/** The person panel. */
export function PersonPanel({ current: c }: { current: CaseRecord }) {
  const person = c.person;
  const history = useQuery({
    queryKey: ['cases', 'person', person?.id],
    queryFn: () => api<CaseList>('GET', `/cases${queryString({ person: person!.id, limit: 10, sort: 'received' })}`),
    enabled: person !== null,
  });
  if (!person) {
    return (
      <section className="panel" aria-labelledby="person-heading">
        <h2 id="person-heading">Person</h2>
        <p>No person is recorded on this case.</p>
      </section>
    );
  }
  const others = (history.data?.items ?? []).filter((o) => o.trackingNumber !== c.trackingNumber);
  return (
    <section className="panel" aria-labelledby="person-heading">
      <h2 id="person-heading">Person</h2>
      <p className="person-name" dir="auto">
        <Link to="/people/$personId" params={{ personId: String(person.id) }}>
          {`${person.firstName} ${person.lastName}`.trim() || 'Unnamed person'}
        </Link>
      </p>
      <dl className="facts compact">
        <div>
          <dt>Email</dt>
          <dd>{person.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{person.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{languageName(person.preferredLanguage)}</dd>
        </div>
      </dl>
      <h3>Other cases</h3>
      {history.isPending ? (
        <p>Loading…</p>
      ) : others.length === 0 ? (
        <p>No other cases.</p>
      ) : (
        <ul className="plain-list">
          {others.map((o) => (
            <li key={o.trackingNumber}>
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: o.trackingNumber }} search={{}}>
                {o.trackingNumber}
              </Link>{' '}
              {o.subjectName ?? 'Not coded'} <StatusBadge status={o.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
