// Feedback from the public after an engagement: the public link to give out (copy button, a printable form of the
// address), when the form closes, and what the answers add up to — counts per answer, the average, resolved yes/no
// and the comments. The questions are the portal's satisfaction survey, shown in the visitor's language.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { EngagementFeedbackView } from '../../../shared/community.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, languageName } from '../../format.ts';

const SATISFACTION_LABELS = ['Very dissatisfied', 'Dissatisfied', 'Neither', 'Satisfied', 'Very satisfied'];

/** The "Feedback from the public" panel of an engagement. */
export function EngagementFeedbackPanel({ engagementId }: { engagementId: number }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);
  const feedback = useQuery({
    queryKey: ['engagement-feedback', engagementId],
    queryFn: () => api<EngagementFeedbackView>('GET', `/engagements/${engagementId}/feedback`),
  });
  const makeLink = useMutation({
    mutationFn: (renew: boolean) =>
      api<EngagementFeedbackView>('POST', `/engagements/${engagementId}/feedback-link`, { renew }),
    onSuccess: (data, renew) => {
      queryClient.setQueryData(['engagement-feedback', engagementId], data);
      setCopied(false);
      announce(renew ? 'A new feedback link is ready; the old one no longer works.' : 'Feedback link ready to copy.');
    },
  });
  const f = feedback.data;
  if (feedback.error) return <FormError error={feedback.error} />;
  if (!f) return <p role="status">Loading feedback…</p>;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce('Feedback link copied.');
    } catch {
      announce('The browser did not allow copying; select the address and copy it.');
    }
  };
  return (
    <section aria-labelledby="feedback-heading">
      <h3 id="feedback-heading">Feedback from the public</h3>
      <p>
        People who took part answer the portal&apos;s satisfaction questions in their own language, without signing in
        and without giving their name.{' '}
        {f.closesAt
          ? f.open
            ? `The form takes answers until ${formatDateTime(f.closesAt)} (${f.openDays} days after the engagement).`
            : `The form closed on ${formatDateTime(f.closesAt)} (${f.openDays} days after the engagement).`
          : f.open
            ? `The form stays open while the series runs, and for ${f.openDays} days after its last meeting.`
            : 'The form is closed: the engagement was cancelled.'}
      </p>
      <FormError error={makeLink.error} />
      {f.link ? (
        <div className="stack">
          <div className="field">
            <label htmlFor="feedback-url">Feedback form address</label>
            <div className="actions">
              <input id="feedback-url" type="text" readOnly value={f.link.url} dir="ltr" className="secret" />
              <button type="button" onClick={() => void copy(f.link!.url)}>
                {copied ? 'Copied' : 'Copy link'}
              </button>
            </div>
          </div>
          <p>
            For print or reading out:{' '}
            <code dir="ltr" className="secret">
              {f.link.printableUrl}
            </code>
          </p>
          <div className="actions">
            <a href={f.link.url} target="_blank" rel="noreferrer">
              Open the form (new tab)
            </a>
            <button
              type="button"
              disabled={makeLink.isPending}
              onClick={() => {
                if (window.confirm('Make a new link? The link given out before will stop working.')) {
                  makeLink.mutate(true);
                }
              }}
            >
              Make a new link
            </button>
          </div>
        </div>
      ) : (
        <button type="button" disabled={makeLink.isPending || !f.open} onClick={() => makeLink.mutate(false)}>
          Make a feedback link
        </button>
      )}
      <h4>Answers</h4>
      {f.answers === 0 ? (
        <p>No answers yet.</p>
      ) : (
        <>
          <p>
            {f.answers} {f.answers === 1 ? 'answer' : 'answers'} · average satisfaction{' '}
            <strong>{f.average?.toFixed(2)}</strong> of 5 · issue resolved: {f.resolvedYes} yes, {f.resolvedNo} no
          </p>
          <TableWrap label="Answers per satisfaction">
            <table>
              <caption>Answers per satisfaction</caption>
              <thead>
                <tr>
                  <th scope="col">Satisfaction</th>
                  <th scope="col">Answers</th>
                </tr>
              </thead>
              <tbody>
                {f.bySatisfaction.map((row) => (
                  <tr key={row.satisfaction}>
                    <th scope="row">
                      {row.satisfaction} – {SATISFACTION_LABELS[row.satisfaction - 1]}
                    </th>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h4>Comments</h4>
          {f.comments.length === 0 ? (
            <p>No comments.</p>
          ) : (
            <ul className="plain-list stack" aria-label="Comments">
              {f.comments.map((c) => (
                <li key={c.id}>
                  <p dir="auto">{c.comment}</p>
                  <p className="hint">
                    Satisfaction {c.satisfaction} · {languageName(c.language)} · {formatDateTime(c.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
