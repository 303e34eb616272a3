// Answering many cases by email with one approved template (POST /cases/bulk, action respond), in batches the API
// accepts. Sent mail cannot be called back, so the form first says what will happen and waits for a confirmation;
// afterwards it lists the cases that were refused and why. The queue's bulk bar and the campaigns screen share it.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TemplateSummary } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';

/** What POST /cases/bulk answers. */
export interface BulkResult {
  succeeded: number;
  failed: number;
  results: { trackingNumber: string; ok: boolean; error?: { message: string } }[];
}

/** The most cases one POST /cases/bulk takes (BulkActionBody). */
const BATCH = 200;

interface Answer {
  templateCode: string;
  responseText: string;
  allowEmptyFields: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Sends one request per batch of cases and adds up the answers. */
async function respondInBatches(trackingNumbers: string[], answer: Answer): Promise<BulkResult> {
  const total: BulkResult = { succeeded: 0, failed: 0, results: [] };
  for (let i = 0; i < trackingNumbers.length; i += BATCH) {
    const result = await api<BulkResult>('POST', '/cases/bulk', {
      trackingNumbers: trackingNumbers.slice(i, i + BATCH),
      action: 'respond',
      channel: 'email',
      templateCode: answer.templateCode,
      close: true,
      ...(answer.responseText ? { responseText: answer.responseText } : {}),
      ...(answer.allowEmptyFields ? { allowEmptyFields: true } : {}),
    });
    total.succeeded += result.succeeded;
    total.failed += result.failed;
    total.results.push(...result.results);
  }
  return total;
}

/** "Answer by email and close" for the given cases, with a confirmation step. */
export function BulkRespond({
  trackingNumbers,
  idPrefix,
  onDone,
}: {
  trackingNumbers: string[];
  /** Keeps headings and fields unique when a screen shows several of these forms. */
  idPrefix: string;
  onDone?(result: BulkResult): void;
}) {
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Answer | null>(null);
  const [refused, setRefused] = useState<BulkResult['results']>([]);
  const templates = useQuery({
    queryKey: ['templates', 'approved-list', 'email'],
    queryFn: () => api<TemplateSummary[]>('GET', '/templates?channel=email&status=approved'),
  });
  const options = [
    ...new Map((templates.data ?? []).filter((t) => t.approvedVersion).map((t) => [t.code, t.name])),
  ].map(([code, name]) => ({ value: code, label: name }));
  const templateName = (code: string) => options.find((o) => o.value === code)?.label ?? code;

  const mutation = useMutation({
    mutationFn: (answer: Answer) => respondInBatches(trackingNumbers, answer),
    onSuccess: (result) => {
      setPending(null);
      const notSent = result.results.filter((r) => !r.ok);
      setRefused(notSent);
      announce(
        `Answered and closed ${plural(result.succeeded, 'case')}` +
          (notSent.length ? `, ${notSent.length} refused.` : '.'),
      );
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      onDone?.(result);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.reset();
    setRefused([]);
    setPending({
      templateCode: String(form.get('templateCode') ?? ''),
      responseText: String(form.get('responseText') ?? '').trim(),
      allowEmptyFields: form.get('allowEmptyFields') === 'on',
    });
  };

  const count = trackingNumbers.length;
  return (
    <form className="inline-form bulk-respond" onSubmit={submit} aria-labelledby={`${idPrefix}-respond-heading`}>
      <h3 id={`${idPrefix}-respond-heading`} className="visually-hidden">
        Answer by email
      </h3>
      <SelectField label="Answer by email with" name="templateCode" options={options} id={`${idPrefix}-template`} />
      <TextAreaField
        label="Text for the template's response field (optional)"
        name="responseText"
        rows={2}
        id={`${idPrefix}-response-text`}
        field="responseText"
        error={mutation.error}
      />
      <CheckboxField
        label="Send even where a template field is empty (such as a missing name)"
        name="allowEmptyFields"
        id={`${idPrefix}-allow-empty`}
      />
      <button type="submit" disabled={mutation.isPending || !options.length || count === 0}>
        Answer {plural(count, 'case')}…
      </button>
      {pending && (
        <div role="region" aria-label="Confirm the answers" className="notice">
          <p>
            {plural(count, 'email')} will go out with “{templateName(pending.templateCode)}” and the cases will close.
            Sent mail cannot be called back.
          </p>
          <span className="inline-actions">
            <button type="button" disabled={mutation.isPending} onClick={() => mutation.mutate(pending)}>
              Send {plural(count, 'answer')}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </span>
        </div>
      )}
      <FormError error={mutation.error} />
      {refused.length > 0 && (
        <div role="region" aria-label="Cases not answered">
          <p>Not answered:</p>
          <ul className="plain-list">
            {refused.map((r) => (
              <li key={r.trackingNumber}>
                {r.trackingNumber}: {r.error?.message ?? 'refused'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
