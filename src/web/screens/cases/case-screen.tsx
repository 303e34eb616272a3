// The case view: header facts, deadlines and the person on the side, and tabs for the timeline, actions, the
// response composer, referrals, attachments and links, and the audit trail. The tab is kept in the URL (?tab=).
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { getRouteApi } from '@tanstack/react-router';
import { Tabs } from '../../components/tabs.tsx';
import { FormError } from '../../components/form-error.tsx';
import { caseKeys } from './use-case-action.ts';
import { CaseHeader } from './case-header.tsx';
import { DeadlinesPanel } from './deadlines-panel.tsx';
import { PersonPanel } from './person-panel.tsx';
import { PartiesPanel } from '../parties/parties-panel.tsx';
import { ProceduresPanel } from './procedures-panel.tsx';
import { CaseTimelineTab } from './case-timeline-tab.tsx';
import { CaseActionsTab } from './case-actions-tab.tsx';
import { PublicLinkPanel } from './public-link-panel.tsx';
import { CaseDetailsTab } from './case-details-tab.tsx';
import { ComposeResponseTab } from './compose-response-tab.tsx';
import { ReferralsTab } from './referrals-tab.tsx';
import { AttachmentsTab } from './attachments-tab.tsx';
import { AuditTab } from './audit-tab.tsx';
import { PageHeading } from '../../components/page-heading.tsx';

const caseRoute = getRouteApi('/cases/$trackingNumber');

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'details', label: 'Details' },
  { id: 'actions', label: 'Route, assign, status' },
  { id: 'respond', label: 'Respond' },
  { id: 'referrals', label: 'Referrals' },
  { id: 'attachments', label: 'Attachments and links' },
  { id: 'audit', label: 'Audit trail' },
];

/** One case. */
export function CaseScreen() {
  const { trackingNumber } = caseRoute.useParams();
  const { tab = 'timeline' } = caseRoute.useSearch();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: caseKeys.record(trackingNumber),
    queryFn: () => api<CaseRecord>('GET', `/cases/${encodeURIComponent(trackingNumber)}`),
  });
  const c = query.data;

  const panel = (current: CaseRecord) => {
    switch (tab) {
      case 'details':
        return <CaseDetailsTab current={current} />;
      case 'actions':
        return (
          <>
            <CaseActionsTab current={current} />
            <PublicLinkPanel current={current} />
          </>
        );
      case 'respond':
        return <ComposeResponseTab current={current} />;
      case 'referrals':
        return <ReferralsTab current={current} />;
      case 'attachments':
        return <AttachmentsTab current={current} />;
      case 'audit':
        return <AuditTab current={current} />;
      default:
        return <CaseTimelineTab current={current} />;
    }
  };

  return (
    <>
      <PageHeading>Case {trackingNumber}</PageHeading>
      {query.isPending && <p role="status">Loading the case…</p>}
      <FormError error={query.error} />
      {c && (
        <>
          <CaseHeader current={c} />
          <div className="case-layout">
            <div className="case-main">
              <Tabs
                label="Case sections"
                tabs={TABS}
                selected={tab}
                onSelect={(id) =>
                  void navigate({
                    to: '/cases/$trackingNumber',
                    params: { trackingNumber },
                    search: { tab: id === 'timeline' ? undefined : id },
                    replace: true,
                  })
                }
              >
                {panel(c)}
              </Tabs>
            </div>
            <aside className="case-side" aria-label="Deadlines and person">
              <DeadlinesPanel current={c} />
              <PersonPanel current={c} />
              <ProceduresPanel current={c} />
            </aside>
          </div>
          <PartiesPanel path={`/cases/${encodeURIComponent(c.trackingNumber)}`} />
        </>
      )}
    </>
  );
}
