// Splitting a case that holds two matters, from the case view: say what the other matter is (and, if known, its
// subject, its unit and which files belong to it), see what the new case will be, then confirm. The new case keeps
// the writer, channel, language and received date, so its deadlines run from when the constituent wrote.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { CaseRecord, TimelineAttachment } from '../../api/types.ts';
import type { SplitCaseResultSchema } from '../../../shared/cases.ts';
import { subjectOptions, unitOptions, useSubjects, useUnits } from '../../api/reference.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { channelLabel, writerTypeLabel } from '../../../shared/vocabulary.ts';
import { formatDateTime, humanize, languageName } from '../../format.ts';
import { useUser } from '../../session.tsx';

type SplitResult = Static<typeof SplitCaseResultSchema>;

interface SplitDraft {
  description: string;
  subject: string;
  unit: string;
  attachmentIds: number[];
}

const personName = (c: CaseRecord) =>
  c.person ? [c.person.firstName, c.person.lastName].filter(Boolean).join(' ') || 'no name' : 'no person';

/** The "Split into two cases" panel of the attachments-and-links tab. */
export function CaseSplitPanel({ current: c, files }: { current: CaseRecord; files: TimelineAttachment[] }) {
  const tn = c.trackingNumber;
  const user = useUser();
  const units = useUnits();
  const subjects = useSubjects();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<SplitDraft | null>(null);
  const [done, setDone] = useState<SplitResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const split = useMutation({
    mutationFn: (d: SplitDraft) =>
      api<SplitResult>('POST', `/cases/${encodeURIComponent(tn)}/split`, {
        expectedVersion: c.version,
        description: d.description,
        ...(d.subject ? { subject: d.subject } : {}),
        ...(d.unit ? { unit: d.unit } : {}),
        ...(d.attachmentIds.length ? { attachmentIds: d.attachmentIds } : {}),
      }),
    onSuccess: (result) => {
      setDraft(null);
      setDone(result);
      formRef.current?.reset();
      void queryClient.invalidateQueries({ queryKey: ['case'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      announce(`Part of case ${tn} is now case ${result.split.trackingNumber}.`);
    },
  });

  if (c.mergedInto !== null || user.role === 'unit_liaison' || user.role === 'auditor') return null;

  const submitPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    split.reset();
    setDone(null);
    setDraft({
      description: String(form.get('description') ?? '').trim(),
      subject: String(form.get('subject') ?? ''),
      unit: String(form.get('unit') ?? ''),
      attachmentIds: form.getAll('attachmentIds').map(Number),
    });
  };
  const subjectName = (code: string) => subjects.data?.find((s) => s.code === code)?.name ?? code;
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;

  return (
    <form ref={formRef} className="panel" onSubmit={submitPreview} aria-labelledby="split-heading">
      <h3 id="split-heading">Split into two cases</h3>
      <p>
        Use this when one letter, email or call is about two unrelated matters. The other matter becomes a new case from
        the same person, received at the same time, linked to this one.
      </p>
      <TextAreaField
        label="What the new case is about"
        name="description"
        rows={3}
        required
        hint="Copy or write the part of the correspondence that moves to the new case."
        field="description"
        error={split.error}
      />
      <div className="field-row">
        <SelectField
          label="Subject of the new case"
          name="subject"
          placeholder="Decide as intake does"
          options={subjectOptions(subjects.data)}
          field="subject"
          error={split.error}
        />
        <SelectField
          label="Unit of the new case"
          name="unit"
          placeholder="By the routing rules"
          options={unitOptions(units.data)}
          field="unit"
          error={split.error}
        />
      </div>
      {files.length > 0 && (
        <fieldset>
          <legend>Files that belong to the new case</legend>
          {files.map((f) => (
            <CheckboxField key={f.id} label={f.filename} name="attachmentIds" value={String(f.id)} />
          ))}
        </fieldset>
      )}
      <button type="submit">Preview the split</button>
      {draft && (
        <div role="region" aria-label="Split preview">
          <section className="panel" aria-labelledby="split-preview-heading">
            <h4 id="split-preview-heading">The new case will be</h4>
            <dl className="facts">
              <div>
                <dt>About</dt>
                <dd>{draft.description}</dd>
              </div>
              <div>
                <dt>Person</dt>
                <dd>{personName(c)}</dd>
              </div>
              <div>
                <dt>Channel</dt>
                <dd>{channelLabel(c.channel)}</dd>
              </div>
              <div>
                <dt>Language</dt>
                <dd>{languageName(c.language)}</dd>
              </div>
              <div>
                <dt>Writer</dt>
                <dd>{writerTypeLabel(c.writerType)}</dd>
              </div>
              <div>
                <dt>Received</dt>
                <dd>{formatDateTime(c.receivedAt)} (the same as this case: its deadlines run from then)</dd>
              </div>
              <div>
                <dt>Subject</dt>
                <dd>{draft.subject ? subjectName(draft.subject) : 'Decided as intake decides'}</dd>
              </div>
              <div>
                <dt>Unit</dt>
                <dd>{draft.unit ? unitName(draft.unit) : 'By the routing rules'}</dd>
              </div>
              <div>
                <dt>Restricted</dt>
                <dd>{c.restricted ? 'Yes, like this case' : 'No'}</dd>
              </div>
              <div>
                <dt>Files moving</dt>
                <dd>
                  {draft.attachmentIds.length
                    ? files
                        .filter((f) => draft.attachmentIds.includes(f.id))
                        .map((f) => f.filename)
                        .join(', ')
                    : 'None'}
                </dd>
              </div>
            </dl>
          </section>
          <p>
            Case {tn} stays {humanize(c.status).toLowerCase()} with its own description; edit it afterwards if it should
            no longer mention the other matter.
          </p>
          <FormError error={split.error} />
          <span className="inline-actions">
            <button type="button" disabled={split.isPending || !draft.description} onClick={() => split.mutate(draft)}>
              Split off the new case
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </span>
        </div>
      )}
      {done && (
        <p role="status">
          The new case is{' '}
          <Link to="/cases/$trackingNumber" params={{ trackingNumber: done.split.trackingNumber }} search={{}}>
            {done.split.trackingNumber}
          </Link>
          .
        </p>
      )}
    </form>
  );
}
