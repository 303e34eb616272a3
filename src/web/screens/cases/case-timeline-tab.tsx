// The case's history, oldest first: what came in, what went out, notes, referrals and attachments — each text
// marked with its language and direction — and a form to add a note.
import { useRef, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseRecord, CaseTimeline, TimelineEntry } from '../../api/types.ts';
import { TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime, humanize, languageName, textDirection } from '../../format.ts';
import { caseKeys, useCaseAction } from './use-case-action.ts';

const KIND_LABEL: Record<TimelineEntry['kind'], string> = {
  inbound: 'Received',
  outbound: 'Sent',
  note: 'Note',
  referral: 'Referral',
  referral_reply: 'Referral reply',
  attachment: 'Attachment',
};

/** Loads the timeline of a case. */
export function useTimeline(trackingNumber: string) {
  return useQuery({
    queryKey: caseKeys.part(trackingNumber, 'timeline'),
    queryFn: () => api<CaseTimeline>('GET', `/cases/${encodeURIComponent(trackingNumber)}/timeline`),
  });
}

/** The address of an outbound letter's PDF, as the recipient receives it. */
export const letterPdfHref = (trackingNumber: string, entryId: number) =>
  `/api/v1/cases/${encodeURIComponent(trackingNumber)}/letters/${entryId}.pdf`;

function Entry(props: { entry: TimelineEntry; caseLanguage: string; trackingNumber: string }) {
  const { entry, caseLanguage } = props;
  const language = entry.language ?? (entry.kind === 'inbound' ? caseLanguage : null);
  const direction = textDirection(language);
  return (
    <li className={`timeline-entry kind-${entry.kind}`}>
      <p className="entry-meta">
        <strong>{KIND_LABEL[entry.kind] ?? humanize(entry.kind)}</strong>
        {entry.channel && <> by {humanize(entry.channel)}</>}
        {entry.author && <> · {entry.author}</>} ·{' '}
        <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
        {language && language !== 'en' && <> · {languageName(language)}</>}
        {entry.deliveryStatus && <> · {humanize(entry.deliveryStatus)}</>}
      </p>
      {entry.subject && (
        <p className="entry-subject" {...direction}>
          {entry.subject}
        </p>
      )}
      {entry.body && (
        <div className="entry-body" {...direction}>
          {entry.body}
        </div>
      )}
      {entry.kind === 'outbound' && entry.channel === 'letter' && (
        <p>
          <a href={letterPdfHref(props.trackingNumber, entry.id)} target="_blank" rel="noopener">
            Open the letter as PDF<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      {entry.attachments.length > 0 && (
        <ul className="plain-list">
          {entry.attachments.map((a) => (
            <li key={a.id}>
              Attachment: {a.filename} ({Math.ceil(a.sizeBytes / 1024)} KB)
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The timeline tab. */
export function CaseTimelineTab({ current: c }: { current: CaseRecord }) {
  const timeline = useTimeline(c.trackingNumber);
  const formRef = useRef<HTMLFormElement>(null);
  const addNote = useCaseAction<string>(
    c.trackingNumber,
    (body) => ({ path: '/notes', body: { body } }),
    () => 'Note added.',
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '').trim();
    if (!body) return;
    addNote.mutate(body, { onSuccess: () => formRef.current?.reset() });
  };
  const entries = timeline.data?.entries ?? [];
  const hasInbound = entries.some((e) => e.kind === 'inbound');
  return (
    <>
      <h2 className="visually-hidden">Timeline</h2>
      <FormError error={timeline.error} />
      <ol className="timeline">
        {!hasInbound && (
          <li className="timeline-entry kind-inbound">
            <p className="entry-meta">
              <strong>Received</strong> by {humanize(c.channel)} ·{' '}
              <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
            </p>
            <div className="entry-body" {...textDirection(c.language)}>
              {c.description}
            </div>
          </li>
        )}
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} caseLanguage={c.language} trackingNumber={c.trackingNumber} />
        ))}
      </ol>
      <form ref={formRef} onSubmit={submit} className="note-form">
        <TextAreaField
          label="Add a note"
          name="body"
          rows={3}
          field="body"
          error={addNote.error}
          hint="Internal: never sent to the constituent."
        />
        <FormError error={addNote.error} />
        <button type="submit" className="button-primary" disabled={addNote.isPending}>
          Add note
        </button>
      </form>
    </>
  );
}
