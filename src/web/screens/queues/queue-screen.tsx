// A queue: the cases of one queue (Mine, My unit, Overdue, …) with filters and a sort kept in the URL, saved views,
// the reader's columns and row density, paging by cursor, row selection for bulk actions, and j / k / x / Enter to
// work it from the keyboard.
import { useEffect, useRef, useState } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { CaseList, CaseRecord } from '../../api/types.ts';
import type { QueueSearch } from '../../route-search.ts';
import { getRouteApi } from '@tanstack/react-router';
import { useShortcuts } from '../../components/shortcuts.ts';
import { FormError } from '../../components/form-error.tsx';
import { queueBySlug } from './queue-definitions.ts';
import { QueueNav } from './queue-nav.tsx';
import { QueueFilters } from './queue-filters.tsx';
import { QueueTable } from './queue-table.tsx';
import { BulkActions } from './bulk-actions.tsx';
import { BulkCoding } from './bulk-coding.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useChannels } from '../../api/reference.ts';
import type { CaseSort } from '../../../shared/cases.ts';
import type { SavedView, SavedViewDefinition } from '../../../shared/queues.ts';
import type { Sort } from '../../components/sort-header.tsx';
import { sortWords } from './queue-table.tsx';
import { QueueDisplayControls, useQueueDisplay } from './queue-display.tsx';
import { SavedViews, useSavedViews } from './saved-views.tsx';

const queueRoute = getRouteApi('/queues/$queue');

const PAGE_SIZE = 50;

/** One queue. */
export function QueueScreen() {
  const { queue: slug } = queueRoute.useParams();
  const search = queueRoute.useSearch();
  const navigate = useNavigate();
  const queue = queueBySlug(slug);
  const channels = useChannels({ fresh: true });
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // "Select all N matching": the bulk coding then applies to the query, not only to this page.
  const [allMatching, setAllMatching] = useState(false);
  // After a bulk coding the selection is cleared — the coded cases may have left this queue, and must not ride along
  // unseen into the next coding — while its result and undo stay on screen.
  const [codingUndoable, setCodingUndoable] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const { sort: sortKey, direction, view: viewParam, ...filters } = search;
  const sort: Sort<CaseSort> = { key: sortKey ?? 'deadline', direction: direction ?? 'asc' };
  // A text search orders by how well cases match; the columns sort the list when no text is searched.
  const ranked = Boolean(filters.q);
  const openViewId = viewParam;
  const [display, setDisplay] = useQueueDisplay();
  const views = useSavedViews();
  // A view opened (or a link to one followed) brings its columns and density once; changes after that are the reader's.
  const appliedView = useRef<number | undefined>(undefined);
  useEffect(() => {
    const view = views.data?.find((v) => v.id === openViewId);
    if (!view || appliedView.current === view.id) return;
    appliedView.current = view.id;
    setDisplay({ columns: view.definition.columns, density: view.definition.density ?? 'comfortable' });
  }, [openViewId, views.data, setDisplay]);
  const viewKey = `${slug}?${JSON.stringify(search)}`;

  useEffect(() => {
    setCursors([]);
    setSelected(new Set());
    setAllMatching(false);
    setCodingUndoable(false);
  }, [viewKey]);

  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    queryKey: ['cases', queue.apiQueue ?? 'all', search, cursor ?? null],
    queryFn: () =>
      api<CaseList>(
        'GET',
        `/cases${queryString({ queue: queue.apiQueue, limit: PAGE_SIZE, cursor, ...filters, sort: sort.key, direction: sort.direction })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const cases = list.data?.items ?? [];
  // The selection may span pages: remember the cases seen so the bulk bar knows their units.
  const seen = useRef(new Map<string, CaseRecord>());
  for (const c of cases) seen.current.set(c.trackingNumber, c);

  const rowLinks = () => Array.from(tableRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? []);
  const currentRow = () => rowLinks().findIndex((link) => link.closest('tr')?.contains(document.activeElement));
  const moveRow = (delta: number) => {
    const links = rowLinks();
    if (!links.length) return;
    const current = currentRow();
    const next = current === -1 ? (delta > 0 ? 0 : links.length - 1) : current + delta;
    links[Math.min(links.length - 1, Math.max(0, next))]?.focus();
  };
  useShortcuts({
    j: () => moveRow(1),
    k: () => moveRow(-1),
    x: () => {
      const row = currentRow();
      const c = row >= 0 ? cases[row] : undefined;
      if (c) toggle(c.trackingNumber);
    },
  });

  const toggle = (trackingNumber: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(trackingNumber)) next.delete(trackingNumber);
      else next.add(trackingNumber);
      return next;
    });
  const toggleAll = () =>
    setSelected((prev) =>
      cases.every((c) => prev.has(c.trackingNumber)) ? new Set() : new Set(cases.map((c) => c.trackingNumber)),
    );

  const apply = (next: QueueSearch) =>
    void navigate({
      to: '/queues/$queue',
      params: { queue: slug },
      search: { ...next, sort: sortKey, direction, view: viewParam },
    });
  const applySort = (next: Sort<CaseSort>) =>
    void navigate({
      to: '/queues/$queue',
      params: { queue: slug },
      search: { ...search, sort: next.key, direction: next.direction },
    });
  const openView = (view: SavedView) => {
    appliedView.current = undefined;
    void navigate({
      to: '/queues/$queue',
      params: { queue: view.definition.queue },
      search: {
        ...view.definition.filters,
        sort: view.definition.sort,
        direction: view.definition.direction,
        view: view.id,
      },
    });
  };
  const onScreen: SavedViewDefinition = {
    queue: slug,
    filters: Object.fromEntries(
      (['channel', 'subject', 'status', 'unit', 'priority', 'q'] as const).flatMap((key) =>
        filters[key] ? [[key, filters[key]]] : [],
      ),
    ),
    sort: sort.key,
    direction: sort.direction,
    columns: display.columns,
    density: display.density,
  };
  const start = cursors.length * PAGE_SIZE;
  const queueTitle = queue.slug === 'all' ? 'All cases' : queue.slug === 'mine' ? 'My cases' : queue.title;
  // A channel's own queue (e.g. a hotline's, opened from the channels screen) says so in its heading.
  const channelName = search.channel
    ? (channels.data?.find((c) => c.slug === search.channel)?.name ?? search.channel)
    : undefined;
  const title = channelName ? `${queueTitle} from ${channelName}` : queueTitle;

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <QueueNav current={queue.slug} />
      <section className="queue-toolbar" aria-label="Views and columns">
        <SavedViews
          openId={openViewId}
          definition={onScreen}
          onOpen={openView}
          onClosed={() =>
            void navigate({
              to: '/queues/$queue',
              params: { queue: slug },
              search: { ...filters, sort: sortKey, direction },
            })
          }
        />
        <div className="queue-display">
          <QueueDisplayControls display={display} onChange={setDisplay} />
        </div>
      </section>
      <QueueFilters search={filters} onApply={apply} />
      <p role="status" className="result-count">
        {/* While a new order or page loads, the rows on screen are the earlier ones: say so rather than miscount. */}
        {list.isPending || list.isPlaceholderData
          ? 'Loading cases…'
          : list.data
            ? list.data.total === 0
              ? 'No cases match.'
              : `Showing ${start + 1}–${start + cases.length} of ${list.data.total} cases, ${ranked ? 'best matches first; clear the text to sort by a column' : sortWords(sort)}.`
            : ''}
      </p>
      <FormError error={list.error} />
      {cases.length > 0 &&
        cases.every((c) => selected.has(c.trackingNumber)) &&
        (list.data?.total ?? 0) > cases.length && (
          <p>
            {allMatching ? (
              <>
                All {list.data?.total} matching cases are chosen for coding.{' '}
                <button type="button" onClick={() => setAllMatching(false)}>
                  Only this page
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setAllMatching(true)}>
                Select all {list.data?.total} matching cases
              </button>
            )}
          </p>
        )}
      {(selected.size > 0 || allMatching || codingUndoable) && (
        <BulkCoding
          selection={
            allMatching
              ? { query: { ...(queue.apiQueue ? { queue: queue.apiQueue } : {}), ...filters } as never }
              : { trackingNumbers: [...selected] }
          }
          onApplied={() => {
            setSelected(new Set());
            setAllMatching(false);
            setCodingUndoable(true);
          }}
          onDone={() => {
            setSelected(new Set());
            setAllMatching(false);
            setCodingUndoable(false);
          }}
        />
      )}
      {selected.size > 0 && (
        <BulkActions
          cases={[...selected].flatMap((tn) => seen.current.get(tn) ?? [])}
          onDone={() => setSelected(new Set())}
        />
      )}
      {cases.length > 0 && (
        <div className="table-wrap">
          <QueueTable
            ref={tableRef}
            caption={`${title}: cases ${ranked ? 'best matches first' : sortWords(sort)}`}
            cases={cases}
            columns={display.columns}
            density={display.density}
            sort={ranked ? undefined : sort}
            onSort={applySort}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
          />
        </div>
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
