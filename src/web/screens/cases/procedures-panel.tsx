// The procedures for the case at hand: the approved procedures linked from its subject or the routing rules it
// matches, each opening in the procedures library, with whether the reader has acknowledged it.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import type { CaseProcedure } from '../../../shared/quality.ts';
import { caseKeys } from './use-case-action.ts';

/** The procedures panel of the case screen; hidden when no procedure applies. */
export function ProceduresPanel({ current: c }: { current: CaseRecord }) {
  const procedures = useQuery({
    queryKey: caseKeys.part(c.trackingNumber, 'procedures'),
    queryFn: () => api<CaseProcedure[]>('GET', `/cases/${encodeURIComponent(c.trackingNumber)}/procedures`),
    retry: false,
  });
  if (!procedures.data?.length) return null;
  return (
    <section className="panel" aria-labelledby="case-procedures-heading">
      <h2 id="case-procedures-heading">Procedures for this case</h2>
      <ul>
        {procedures.data.map((p) => (
          <li key={p.id}>
            <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(p.id) }}>
              {p.title}
            </Link>{' '}
            <span className="hint">
              version {p.version}, linked from {p.because.join(' and ')}
              {p.acknowledgedByMe ? '' : ' — not yet acknowledged by you'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
