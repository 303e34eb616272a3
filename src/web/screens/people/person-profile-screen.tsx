// A person's profile: contacts, language, interpretation and accessibility needs, notes, their cases (the
// constituent's history), an edit form, and people who may be the same person, with merge.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { PersonContact, PersonWithHistory } from '../../api/types.ts';
import { getRouteApi } from '@tanstack/react-router';
import { FormError } from '../../components/form-error.tsx';
import { StatusBadge } from '../../components/badges.tsx';
import { formatDateTime, humanize, languageName } from '../../format.ts';
import { personName } from './people-search-screen.tsx';
import { PersonEditForm } from './person-edit-form.tsx';
import { PersonDuplicates } from './person-duplicates.tsx';
import { NoticeOptOut } from './notice-opt-out.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const personRoute = getRouteApi('/people/$personId');

function Contacts({ title, list }: { title: string; list: PersonContact[] }) {
  return (
    <div>
      <dt>{title}</dt>
      <dd>
        {list.length === 0
          ? '—'
          : list.map((c) => (
              <span key={c.value} className="block" dir="auto">
                {c.value}
                {c.label && <span className="muted"> ({c.label})</span>}
                {c.isPrimary && list.length > 1 && <span className="muted"> · primary</span>}
              </span>
            ))}
      </dd>
    </div>
  );
}

/** The person profile screen. */
export function PersonProfileScreen() {
  const { personId } = personRoute.useParams();
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: () => api<PersonWithHistory>('GET', `/people/${encodeURIComponent(personId)}`),
  });
  const p = person.data;
  return (
    <>
      <PageHeading dir="auto">{p ? personName(p) : 'Person'}</PageHeading>
      {person.isPending && <p role="status">Loading…</p>}
      <FormError error={person.error} />
      {p && (
        <>
          {p.mergedIntoId && (
            <p className="notice">
              This person was merged into{' '}
              <Link to="/people/$personId" params={{ personId: String(p.mergedIntoId) }}>
                another profile
              </Link>
              .
            </p>
          )}
          <div className="case-layout">
            <div>
              <section className="panel" aria-labelledby="profile-heading">
                <h2 id="profile-heading">Profile</h2>
                {p.confidentialReason && (
                  <p className="notice">
                    <span className="badge badge-restricted">Confidential</span>{' '}
                    <strong>{humanize(p.confidentialReason)}.</strong> Only those who may see this person’s restricted
                    cases see this record; do not share its contact details.
                  </p>
                )}
                <div className="case-badges">
                  <span className="badge">{humanize(p.kind)}</span>
                  {p.interpretationNeeded && <span className="badge badge-escalated">Needs an interpreter</span>}
                  {p.accessibilityNeeds.map((need) => (
                    <span key={need} className="badge status-assigned">
                      {humanize(need)}
                    </span>
                  ))}
                </div>
                <dl className="facts">
                  <div>
                    <dt>Preferred language</dt>
                    <dd>{languageName(p.preferredLanguage)}</dd>
                  </div>
                  <div>
                    <dt>Organisation</dt>
                    <dd>{p.organisation ?? '—'}</dd>
                  </div>
                  <Contacts title="Email" list={p.emails} />
                  <Contacts title="Phone" list={p.phones} />
                  <Contacts title="Address" list={p.addresses} />
                  <div>
                    <dt>Known since</dt>
                    <dd>{formatDateTime(p.createdAt)}</dd>
                  </div>
                </dl>
                {p.notes && (
                  <>
                    <h3>Notes</h3>
                    <p className="pre">{p.notes}</p>
                  </>
                )}
                <NoticeOptOut personId={p.id} />
              </section>
              <section className="panel" aria-labelledby="history-heading">
                <h2 id="history-heading">Cases</h2>
                {p.cases.length === 0 ? (
                  <p>No cases you may see.</p>
                ) : (
                  <TableWrap label="Cases of this person">
                    <table className="data-table">
                      <caption className="visually-hidden">Cases of {personName(p)}, newest first</caption>
                      <thead>
                        <tr>
                          <th scope="col">Tracking number</th>
                          <th scope="col">Subject</th>
                          <th scope="col">Status</th>
                          <th scope="col">Received</th>
                          <th scope="col">Role</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.cases.map((c) => (
                          <tr key={c.trackingNumber}>
                            <th scope="row">
                              <Link
                                to="/cases/$trackingNumber"
                                params={{ trackingNumber: c.trackingNumber }}
                                search={{}}
                              >
                                {c.trackingNumber}
                              </Link>
                            </th>
                            <td>{c.subjectName ?? 'Not coded'}</td>
                            <td>
                              <StatusBadge status={c.status} />
                            </td>
                            <td>{formatDateTime(c.receivedAt)}</td>
                            <td>{c.role === 'writer' ? 'Wrote in' : 'Written about'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </section>
              <PersonEditForm person={p} />
            </div>
            <aside aria-label="Possible duplicates">
              <PersonDuplicates person={p} />
            </aside>
          </div>
        </>
      )}
    </>
  );
}
