// One complaint: complainant, issues, the clocks (receipt, filing window, resolution and its extension, hearing
// window), the notices with the day each was mailed, and the director's extension, the resolution and the state
// hearing request with its judgement issue by issue.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Complaint, HearingRequest } from '../../../shared/complaints.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { TextAreaField, TextField, CheckboxField } from '../../components/fields.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { agencyToday, humanize, languageName } from '../../format.ts';
import { getRouteApi } from '@tanstack/react-router';
import { DueClock, NextDeadlineClock } from './complaint-clock.tsx';
import { PartiesPanel } from '../parties/parties-panel.tsx';
import { PositionStatementPanel } from './position-statement-panel.tsx';

const complaintRoute = getRouteApi('/complaints/$complaintNumber');

const REASONS: Record<string, string> = {
  not_hearing_issue: 'not a ground for a state hearing',
  not_raised_in_complaint: 'not raised in the local complaint',
  local_process_not_finished: 'the local complaint process is not finished',
  request_late: 'asked after the request window closed',
};

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function useComplaintAction<T>(complaintNumber: string, path: string, done: (result: T) => string) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<T>('POST', `/complaints/${encodeURIComponent(complaintNumber)}${path}`, body),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['complaint', complaintNumber] });
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      announce(done(result));
    },
  });
}

function Judgement({ request }: { request: HearingRequest }) {
  return (
    <div className="hearing-judgement">
      <p>
        <strong>{request.eligible ? 'Can be heard' : 'Cannot be heard'}</strong> — requested on{' '}
        <time dateTime={request.requestedOn}>{request.requestedOn}</time>; the request window ends on{' '}
        <time dateTime={request.requestDeadlineOn}>{request.requestDeadlineOn}</time>.
      </p>
      <ul>
        {request.issues.map((issue) => (
          <li key={issue.category}>
            {humanize(issue.category)}:{' '}
            {issue.eligible ? 'eligible' : issue.reasons.map((r) => REASONS[r] ?? r).join('; ')}
          </li>
        ))}
      </ul>
      {request.hearingOn && (
        <p>
          Hearing on <time dateTime={request.hearingOn}>{request.hearingOn}</time>, {request.hearingPlace}
          {request.interpreterLanguage && `, interpreter: ${languageName(request.interpreterLanguage)}`}.
        </p>
      )}
      {request.dismissalEffectiveOn && <p>Dismissed; takes effect on {request.dismissalEffectiveOn}.</p>}
      <PositionStatementPanel complaintNumber={request.complaintNumber} hearingId={request.id} />
      {request.decisionAdoptedOn && (
        <p>
          Decision adopted {request.decisionAdoptedOn}, presumed received {request.decisionPresumedReceivedOn}:{' '}
          {(request.decisionOutcomes ?? []).map((o) => `${humanize(o.category)} ${o.outcome}`).join(', ')}.
          {request.complianceReportDueOn && (
            <>
              {' '}
              Compliance report: <DueClock dueOn={request.complianceReportDueOn} />
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** The complaint page. */
export function ComplaintScreen() {
  const { complaintNumber } = complaintRoute.useParams();
  const complaint = useQuery({
    queryKey: ['complaint', complaintNumber],
    queryFn: () => api<Complaint>('GET', `/complaints/${encodeURIComponent(complaintNumber)}`),
  });
  const extend = useComplaintAction<Complaint>(
    complaintNumber,
    '/extension',
    (c) => `Extended; resolution now due ${c.resolutionDueOn}.`,
  );
  const resolve = useComplaintAction<Complaint>(
    complaintNumber,
    '/resolution',
    (c) => `Resolved; a state hearing may be requested until ${c.hearingRequestDeadlineOn}.`,
  );
  const hearing = useComplaintAction<HearingRequest>(complaintNumber, '/hearing-requests', (r) =>
    r.eligible ? 'Hearing request recorded: it can be heard.' : 'Hearing request recorded: it cannot be heard.',
  );
  const [mailError, setMailError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  const [hearingIssues, setHearingIssues] = useState<string[]>([]);

  if (complaint.error) return <FormError error={complaint.error} />;
  if (!complaint.data) return <p>Loading…</p>;
  const c = complaint.data;
  const formValue = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? '').trim();

  const markMailed = async (noticeId: number, mailedOn: string) => {
    try {
      setMailError(null);
      await api('POST', `/complaints/${encodeURIComponent(complaintNumber)}/notices/${noticeId}/mailed`, { mailedOn });
      void queryClient.invalidateQueries({ queryKey: ['complaint', complaintNumber] });
    } catch (error) {
      setMailError(error);
    }
  };

  return (
    <>
      <PageHeading>Complaint {c.complaintNumber}</PageHeading>
      <p>
        <span className={`badge status-${c.status}`}>{humanize(c.status)}</span>
        {c.restricted && <span className="badge"> Restricted</span>} Next deadline:{' '}
        <NextDeadlineClock deadline={c.nextDeadline} />
      </p>
      {c.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
      <div className="two-columns">
        <section aria-labelledby="complainant-heading">
          <h2 id="complainant-heading">Complainant</h2>
          <dl className="facts complaint-facts">
            <Fact term="Name">
              {c.complainant.firstName} {c.complainant.lastName}
            </Fact>
            <Fact term="Role">{humanize(c.complainant.role)}</Fact>
            <Fact term="Language">{languageName(c.complainant.language)}</Fact>
            <Fact term="Contact">{[c.complainant.email, c.complainant.phone].filter(Boolean).join(', ') || '—'}</Fact>
            <Fact term="Program case">{c.programCaseNumber}</Fact>
            {c.caseTrackingNumber && <Fact term="From case">{c.caseTrackingNumber}</Fact>}
          </dl>
        </section>
        <section aria-labelledby="clocks-heading">
          <h2 id="clocks-heading">Clocks</h2>
          <dl className="facts complaint-facts">
            <Fact term="Received">
              {c.receivedOn} via {humanize(c.receivedVia)}
              {c.postmarkedOn && `, postmarked ${c.postmarkedOn}`}
            </Fact>
            <Fact term="Receipt date">{c.receiptDate}</Fact>
            <Fact term="Filing window ends">{c.filingDeadlineOn ?? 'Not known (no date of knowledge)'}</Fact>
            <Fact term="Resolution due">
              {c.status === 'open' ? <DueClock dueOn={c.resolutionDueOn} /> : c.resolutionDueOn}
              {c.extensions > 0 && ` (extended: ${c.extensionReason})`}
            </Fact>
            <Fact term="Resolved">{c.resolvedOn ?? '—'}</Fact>
            <Fact term="Hearing request window">
              {c.hearingRequestDeadlineOn ? <DueClock dueOn={c.hearingRequestDeadlineOn} /> : '—'}
            </Fact>
          </dl>
        </section>
      </div>

      <PartiesPanel path={`/complaints/${encodeURIComponent(c.complaintNumber)}`} />

      <section aria-labelledby="issues-heading">
        <h2 id="issues-heading">Issues</h2>
        <ol>
          {c.issues.map((issue, i) => (
            <li key={i}>
              <strong>{issue.categoryName}</strong>
              {issue.hearingEligible ? '' : ' (no state hearing)'}: {issue.description || '—'}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">Notices</h2>
        <FormError error={mailError} />
        {c.notices.length === 0 ? (
          <p>No notices: the agency has no approved complaint notice templates.</p>
        ) : (
          <TableWrap label="Notices and the days they were mailed">
            <table>
              <thead>
                <tr>
                  <th scope="col">Notice</th>
                  <th scope="col">Language</th>
                  <th scope="col">Mailed</th>
                  <th scope="col">Letter</th>
                </tr>
              </thead>
              <tbody>
                {c.notices.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      {n.code} — {n.subject}
                    </th>
                    <td>{languageName(n.language)}</td>
                    <td>
                      {n.mailedOn ?? (
                        <button type="button" onClick={() => void markMailed(n.id, agencyToday())}>
                          Mailed today
                        </button>
                      )}
                    </td>
                    <td>
                      <a href={`/api/v1/complaints/${encodeURIComponent(c.complaintNumber)}/notices/${n.id}/pdf`}>
                        PDF<span className="visually-hidden"> of {n.code}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {c.status === 'open' && (
        <div className="two-columns">
          <section aria-labelledby="extension-heading">
            <h2 id="extension-heading">Extension</h2>
            {c.extensions > 0 ? (
              <p>Already extended on {c.extendedOn}.</p>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  extend.mutate({ reason: formValue(e, 'reason') });
                }}
                noValidate
              >
                <FormError error={extend.error} />
                <TextAreaField
                  label="Reason (given in the notice)"
                  name="reason"
                  rows={2}
                  field="reason"
                  error={extend.error}
                />
                <button type="submit" disabled={extend.isPending}>
                  Extend the resolution
                </button>
              </form>
            )}
          </section>
          <section aria-labelledby="resolution-heading">
            <h2 id="resolution-heading">Resolution</h2>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                resolve.mutate({
                  findings: formValue(e, 'findings'),
                  noticeMailedOn: formValue(e, 'noticeMailedOn') || null,
                });
              }}
              noValidate
            >
              <FormError error={resolve.error} />
              <TextAreaField
                label="Findings and steps taken"
                name="findings"
                rows={4}
                field="findings"
                error={resolve.error}
              />
              <TextField
                label="Notice mailed on"
                name="noticeMailedOn"
                type="date"
                defaultValue={agencyToday()}
                field="noticeMailedOn"
                error={resolve.error}
              />
              <button type="submit" className="primary" disabled={resolve.isPending}>
                Resolve
              </button>
            </form>
          </section>
        </div>
      )}

      <section aria-labelledby="hearing-heading">
        <h2 id="hearing-heading">State hearing</h2>
        {c.hearingRequests.map((r) => (
          <Judgement key={r.id} request={r} />
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            hearing.mutate({ requestedOn: formValue(e, 'requestedOn'), issues: hearingIssues });
          }}
          noValidate
        >
          <FormError error={hearing.error} />
          <fieldset>
            <legend>Issues to be heard</legend>
            {c.issues.map((issue) => (
              <CheckboxField
                key={issue.category}
                label={issue.categoryName}
                checked={hearingIssues.includes(issue.category)}
                onChange={(e) =>
                  setHearingIssues((current) =>
                    e.target.checked ? [...current, issue.category] : current.filter((x) => x !== issue.category),
                  )
                }
              />
            ))}
          </fieldset>
          <TextField
            label="Requested on"
            name="requestedOn"
            type="date"
            defaultValue={agencyToday()}
            field="requestedOn"
            error={hearing.error}
          />
          <button type="submit" disabled={hearing.isPending}>
            Record the hearing request
          </button>
        </form>
      </section>
    </>
  );
}
