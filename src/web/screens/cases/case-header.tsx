// The facts at the top of a case: status, subject, unit, assignee, priority, language, channel, received, and
// whether it is restricted or escalated.
import type { CaseRecord } from '../../api/types.ts';
import { PriorityBadge, StatusBadge } from '../../components/badges.tsx';
import { formatDateTime, humanize, languageName } from '../../format.ts';

/** "Cash Assistance (FIA)"; the code is added only when the name does not already carry it. */
export function unitLabel(c: Pick<CaseRecord, 'unit' | 'unitName'>): string {
  if (!c.unit) return 'None';
  if (!c.unitName || c.unitName.includes(c.unit)) return c.unitName ?? c.unit;
  return `${c.unitName} (${c.unit})`;
}

/** The case header. */
export function CaseHeader({ current: c }: { current: CaseRecord }) {
  return (
    <section className="case-header" aria-label="Case summary">
      <div className="case-badges">
        <StatusBadge status={c.status} />
        <PriorityBadge priority={c.priority} />
        {c.restricted && <span className="badge badge-restricted">Restricted</span>}
        {c.escalationLevel > 0 && <span className="badge badge-escalated">Escalation level {c.escalationLevel}</span>}
        {c.paused && <span className="badge">Clock paused</span>}
        {c.writerType === 'elected_official' && <span className="badge badge-escalated">Elected official</span>}
      </div>
      <dl className="facts">
        <div>
          <dt>Subject</dt>
          <dd>{c.subjectName ?? 'Not coded yet'}</dd>
        </div>
        <div>
          <dt>Unit</dt>
          <dd>{unitLabel(c)}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{c.assignee?.name ?? 'Unassigned'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{languageName(c.language)}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{humanize(c.channel)}</dd>
        </div>
        <div>
          <dt>Writer</dt>
          <dd>{humanize(c.writerType)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(c.receivedAt)}</dd>
        </div>
        {c.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd>{c.tags.join(', ')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
