// Cross-tabs: build a table of cases by up to two row dimensions and one column dimension with a measure, see it
// with its totals, open the cases behind any number, download it as CSV or XLSX, and save, share or schedule it.
// The whole view lives in the URL, so a table can be bookmarked or sent to a colleague (who sees their own cases).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { CrosstabForm } from './crosstab-form.tsx';
import { CrosstabTable } from './crosstab-table.tsx';
import { CrosstabCasesPanel } from './crosstab-cases-panel.tsx';
import { DownloadLinks, useAnnounceReady } from './report-parts.tsx';
import { SaveReportForm, SavedReportsList, useSavedReports } from './saved-reports-panel.tsx';
import {
  decodeDrill,
  definitionFromSearch,
  downloadPath,
  type CrosstabResult,
  type DefinitionInput,
} from './crosstab-search.ts';

const reportSectionRoute = getRouteApi('/reports/$section');

/** The cross-tab screen. */
export function CrosstabScreen() {
  const search = reportSectionRoute.useSearch();
  const navigate = useNavigate();
  const definition = definitionFromSearch(search);
  const savedId = search.saved ? Number(search.saved) : undefined;
  const saved = useSavedReports();
  const open = saved.data?.find((r) => r.id === savedId);
  const drill = decodeDrill(search.drill);
  const go = (next: ReportSearch) =>
    void navigate({ to: '/reports/$section', params: { section: 'crosstab' }, search: next });

  const run = useQuery({
    queryKey: ['crosstab', definition],
    queryFn: () =>
      api<{ definition: DefinitionInput; result: CrosstabResult }>('POST', '/reports/crosstab', definition),
    enabled: definition !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const result = definition && !run.isError ? run.data?.result : undefined;
  useAnnounceReady(
    run,
    ({ result }) => `Table ready: ${result.rowHeaders.length} rows, ${result.columnHeaders.length} columns.`,
  );

  return (
    <>
      <PageHeading>Cross-tabs</PageHeading>
      <p>
        Count or time cases by up to two row dimensions and one column dimension. Only the cases you may see are
        counted; totals are computed over the cases themselves, so a median&apos;s total is the median of all of them.
      </p>
      <SavedReportsList openId={savedId} onOpen={go} />
      <section aria-labelledby="crosstab-build">
        <h2 id="crosstab-build">{open ? `Report: ${open.name}` : 'Build a cross-tab'}</h2>
        <CrosstabForm
          search={search}
          error={run.error}
          busy={run.isFetching}
          onRun={(next) => go({ ...next, saved: next.period ? search.saved : undefined })}
        />
      </section>
      <FormError error={run.error} />
      {run.isFetching && <p role="status">Running the cross-tab…</p>}
      {result && definition && (
        <section aria-labelledby="crosstab-result">
          <div className="section-heading">
            <h2 id="crosstab-result">Result</h2>
            <DownloadLinks formats={['csv', 'xlsx']} href={(format) => downloadPath(definition, format)} />
          </div>
          {result.filterSummary.length > 0 && <p className="muted">{result.filterSummary.join(' · ')}</p>}
          <CrosstabTable result={result} search={search} />
          {drill && <CrosstabCasesPanel definition={definition} result={result} cell={drill} search={search} />}
          <SaveReportForm definition={definition} open={open} onSaved={go} />
        </section>
      )}
    </>
  );
}
