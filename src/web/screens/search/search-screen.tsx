// The results of the header search (GET /search): the cases that match, best match first, and the people, each
// linking to the case or the profile. j / k (or the arrow keys on a result) move from result to result.
import { useRef, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { CaseRecord, Person, SearchResults } from '../../api/types.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { StatusBadge, TimeLeft } from '../../components/badges.tsx';
import { useShortcuts } from '../../components/shortcuts.ts';
import { currentDeadline, humanize, languageName, textDirection } from '../../format.ts';
import { personName } from '../people/people-search-screen.tsx';

const searchRoute = getRouteApi('/search');

const LIMIT = 20;

const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function CaseResult({ c }: { c: CaseRecord }) {
  const deadline = currentDeadline(c);
  const person = c.person ? `${c.person.firstName} ${c.person.lastName}`.trim() : '';
  return (
    <li className="result">
      <p className="result-title">
        <Link to="/cases/$trackingNumber" params={{ trackingNumber: c.trackingNumber }} search={{}} data-result-link>
          {c.trackingNumber}
        </Link>{' '}
        <StatusBadge status={c.status} /> <span>{c.subjectName ?? 'Not coded'}</span>
      </p>
      <p className="result-excerpt" {...textDirection(c.language)}>
        {excerpt(c.description)}
      </p>
      <p className="result-meta">
        {person && (
          <>
            <span dir="auto">{person}</span> ·{' '}
          </>
        )}
        {c.unit ? `Unit ${c.unit}` : 'No unit'} · {c.assignee?.name ?? 'Unassigned'}
        {deadline && (
          <>
            {' '}
            · {deadline.label}: <TimeLeft dueAt={deadline.dueAt} />
          </>
        )}
      </p>
    </li>
  );
}

function PersonResult({ p }: { p: Person }) {
  const contact = [p.emails[0]?.value, p.phones[0]?.value].filter(Boolean).join(' · ');
  return (
    <li className="result">
      <p className="result-title" dir="auto">
        <Link to="/people/$personId" params={{ personId: String(p.id) }} data-result-link>
          {personName(p)}
        </Link>
      </p>
      <p className="result-meta">
        {humanize(p.kind)}
        {p.organisation && personName(p) !== p.organisation && <> · {p.organisation}</>} ·{' '}
        {languageName(p.preferredLanguage)}
        {contact && <> · {contact}</>}
      </p>
    </li>
  );
}

/** The search results screen. */
export function SearchScreen() {
  const { q = '' } = searchRoute.useSearch();
  const resultsRef = useRef<HTMLDivElement>(null);
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => api<SearchResults>('GET', `/search${queryString({ q, limit: LIMIT })}`),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
  const data = results.data;

  const move = (delta: number) => {
    const links = Array.from(resultsRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-result-link]') ?? []);
    if (!links.length) return;
    const current = links.findIndex((link) => link === document.activeElement);
    const next = current === -1 ? (delta > 0 ? 0 : links.length - 1) : current + delta;
    links[Math.min(links.length - 1, Math.max(0, next))]?.focus();
  };
  useShortcuts({ j: () => move(1), k: () => move(-1) });
  const arrows = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target instanceof HTMLAnchorElement)) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  return (
    <>
      <PageHeading key={q}>{q ? `Search results for “${q}”` : 'Search'}</PageHeading>
      <p role="status" className="result-count">
        {!q
          ? 'Type words, a tracking number, a name, an email or a phone number in the search box above.'
          : results.isPending
            ? 'Searching…'
            : data
              ? `${plural(data.cases.total, 'case', 'cases')} and ${plural(data.people.total, 'person', 'people')} match.`
              : ''}
      </p>
      <FormError error={results.error} />
      {q && data && (
        <div className="search-results" ref={resultsRef} onKeyDown={arrows}>
          <section aria-labelledby="case-results-heading">
            <h2 id="case-results-heading">Cases ({data.cases.total})</h2>
            {data.cases.items.length ? (
              <>
                <p className="hint">Best match first.</p>
                <ol className="result-list">
                  {data.cases.items.map((c) => (
                    <CaseResult key={c.trackingNumber} c={c} />
                  ))}
                </ol>
                {data.cases.total > data.cases.items.length && (
                  <p>
                    <Link to="/queues/$queue" params={{ queue: 'all' }} search={{ q }}>
                      See all {data.cases.total} cases in the All queue
                    </Link>
                  </p>
                )}
              </>
            ) : (
              <p>No case matches.</p>
            )}
          </section>
          <section aria-labelledby="people-results-heading">
            <h2 id="people-results-heading">People ({data.people.total})</h2>
            {data.people.items.length ? (
              <>
                <ol className="result-list">
                  {data.people.items.map((p) => (
                    <PersonResult key={p.id} p={p} />
                  ))}
                </ol>
                {data.people.total > data.people.items.length && (
                  <p>
                    <Link to="/people" search={{ q }}>
                      See all {data.people.total} people
                    </Link>
                  </p>
                )}
              </>
            ) : (
              <p>No person matches.</p>
            )}
          </section>
        </div>
      )}
    </>
  );
}
