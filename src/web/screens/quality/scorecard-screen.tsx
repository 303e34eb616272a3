// The scorecard: every measure's latest value against the agency's goal and the federal thresholds, with a sparkline
// of its recent periods — as cards, or as a table (the same facts, for screen readers and for copying).
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import type { ScorecardRow } from '../../../shared/quality.ts';
import { PERIOD_KIND_NAMES } from '../../../shared/quality.ts';
import { SOURCE_NAMES, creditText, formatValue, thresholdText } from './quality-format.ts';
import { Sparkline } from './sparkline.tsx';
import { useScorecard } from './use-quality.ts';
import './quality.css';

const qualitySectionRoute = getRouteApi('/quality/$section');

const TREND_TEXT = { improving: 'Improving', worsening: 'Worsening', steady: 'Steady' } as const;

function GoalBadge({ row }: { row: ScorecardRow }) {
  const latest = row.latest;
  if (!latest || latest.meetsGoal === null) return <span className="muted">No goal set</span>;
  return latest.meetsGoal ? (
    <span className="badge badge-met">Meets goal {formatValue(latest.goal, row.measure.unit)}</span>
  ) : (
    <span className="badge badge-missed">Below goal {formatValue(latest.goal, row.measure.unit)}</span>
  );
}

function MeasureCard({ row }: { row: ScorecardRow }) {
  const { measure, latest } = row;
  return (
    <li className="measure-card">
      <h3>{measure.name}</h3>
      <p className="muted small">
        {SOURCE_NAMES[measure.source]} · {PERIOD_KIND_NAMES[measure.periodKind]}
        {measure.reportLines ? ` · ${measure.reportLines}` : ''}
      </p>
      <p className="measure-value">
        <strong>{formatValue(latest?.value, measure.unit)}</strong>
        {latest && <span className="muted"> {latest.periodLabel}</span>}
      </p>
      <p>
        <GoalBadge row={row} /> {latest && creditText(latest) && <span className="badge">{creditText(latest)}</span>}{' '}
        {latest?.assessment.penalty && <span className="badge badge-missed">Penalty level</span>}{' '}
        {latest && !latest.reliable && <span className="badge badge-missed">Data not reliable</span>}
      </p>
      <Sparkline
        values={row.series.map((s) => s.value)}
        goal={latest?.goal ?? null}
        unit={measure.unit}
        label={`${measure.name}, recent periods`}
      />
      {row.trend && <p className="small">Trend: {TREND_TEXT[row.trend]}</p>}
      {thresholdText(measure) && <p className="small muted">Thresholds: {thresholdText(measure)}</p>}
      {measure.entered && (
        <p className="small">
          <Link to="/quality/$section" params={{ section: 'values' }} search={{ measure: measure.key }}>
            Enter values<span className="visually-hidden"> for {measure.name}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

function ScorecardTable({ rows }: { rows: ScorecardRow[] }) {
  return (
    <TableWrap label="Scorecard table">
      <table className="data-table">
        <caption className="visually-hidden">Latest value of every measure with its goal and thresholds</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Period</th>
            <th scope="col">Value</th>
            <th scope="col">Goal</th>
            <th scope="col">Credit</th>
            <th scope="col">Thresholds</th>
            <th scope="col">Recent values</th>
            <th scope="col">Reliable</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ measure, latest, series }) => (
            <tr key={measure.key}>
              <th scope="row">{measure.name}</th>
              <td>{latest?.periodLabel ?? '—'}</td>
              <td>{formatValue(latest?.value, measure.unit)}</td>
              <td>
                {formatValue(latest?.goal, measure.unit)}
                {latest?.meetsGoal === true ? ' (met)' : latest?.meetsGoal === false ? ' (not met)' : ''}
              </td>
              <td>{creditText(latest)}</td>
              <td>{thresholdText(measure)}</td>
              <td>{series.map((s) => `${s.period}: ${formatValue(s.value, measure.unit)}`).join('; ')}</td>
              <td>{latest ? (latest.reliable ? 'Yes' : 'No') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The scorecard screen. */
export function ScorecardScreen() {
  const search = qualitySectionRoute.useSearch();
  const navigate = useNavigate();
  const view = search.view === 'table' ? 'table' : 'cards';
  const scorecard = useScorecard();
  const setView = (next: 'cards' | 'table') =>
    void navigate({
      to: '/quality/$section',
      params: { section: 'scorecard' },
      search: next === 'table' ? { view: 'table' } : {},
    });
  return (
    <>
      <PageHeading>Scorecard</PageHeading>
      <p>Each measure’s latest value against this year’s goal and the federal incentive thresholds.</p>
      <div className="view-switch" role="group" aria-label="Show as">
        <button type="button" aria-pressed={view === 'cards'} onClick={() => setView('cards')}>
          Cards with charts
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          Table
        </button>
      </div>
      {scorecard.isPending && <p>Loading the scorecard…</p>}
      {scorecard.error && <p role="alert">{scorecard.error.message}</p>}
      {scorecard.data &&
        (view === 'table' ? (
          <ScorecardTable rows={scorecard.data.rows} />
        ) : (
          <ul className="measure-cards">
            {scorecard.data.rows.map((row) => (
              <MeasureCard key={row.measure.key} row={row} />
            ))}
          </ul>
        ))}
    </>
  );
}
