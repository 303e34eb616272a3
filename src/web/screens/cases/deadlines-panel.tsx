// The case's deadlines with time left in words, in calendar time and in business time.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseDeadlines, CaseRecord, DeadlineState } from '../../api/types.ts';
import { TimeLeft } from '../../components/badges.tsx';
import { formatDateTime } from '../../format.ts';
import { caseKeys } from './use-case-action.ts';

function businessWords(ms: number): string {
  const hours = Math.round(Math.abs(ms) / 3_600_000);
  return ms >= 0
    ? `${hours} business hour${hours === 1 ? '' : 's'} left`
    : `${hours} business hour${hours === 1 ? '' : 's'} over`;
}

function Deadline({
  label,
  state,
  fallbackDue,
}: {
  label: string;
  state: DeadlineState | null | undefined;
  fallbackDue: string | null;
}) {
  const dueAt = state?.dueAt ?? fallbackDue;
  return (
    <div className="deadline">
      <dt>{label}</dt>
      <dd>
        {!dueAt ? (
          'No deadline'
        ) : state?.met ? (
          <>
            <span className="time-met">Met</span> on {formatDateTime(state.metAt)}{' '}
            <span className="muted">(due {formatDateTime(dueAt)})</span>
          </>
        ) : (
          <>
            <TimeLeft dueAt={dueAt} />
            {state && <span className="muted block">{businessWords(state.businessMillis)}</span>}
          </>
        )}
      </dd>
    </div>
  );
}

/** The deadlines panel. */
export function DeadlinesPanel({ current: c }: { current: CaseRecord }) {
  const deadlines = useQuery({
    queryKey: caseKeys.part(c.trackingNumber, 'deadlines'),
    queryFn: () => api<CaseDeadlines>('GET', `/cases/${encodeURIComponent(c.trackingNumber)}/deadlines`),
    retry: false,
  });
  return (
    <section className="panel" aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">Deadlines</h2>
      {deadlines.data?.paused && <p className="notice">The clock is paused while waiting on the constituent.</p>}
      <dl className="deadlines">
        <Deadline label="First response" state={deadlines.data?.firstResponse} fallbackDue={c.firstResponseDueAt} />
        <Deadline label="Resolution" state={deadlines.data?.resolution} fallbackDue={c.resolutionDueAt} />
      </dl>
      {c.serviceStandard && <p className="muted">Standard: {c.serviceStandard}</p>}
    </section>
  );
}
