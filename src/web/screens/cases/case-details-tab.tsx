// Editing a case's coding after intake: subject, priority, language, writer type, tags, facility and description.
// The form sends the version the caseworker started from; when someone else changed the case meanwhile the server
// refuses (409), the screen says so in words, names what the other person changed, keeps the draft as typed, and
// the next save is made against the case as it is now.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { priorityOptions, subjectOptions, useSubjects, writerTypeOptions } from '../../api/reference.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { LANGUAGES } from '../../../shared/languages.ts';
import { useCaseAction } from './use-case-action.ts';

interface Draft {
  subject: string;
  priority: string;
  language: string;
  writerType: string;
  tags: string;
  facility: string;
  description: string;
  /** 'yes' when the submitter's details are kept out of Open311's public answers. */
  detailsPrivate: string;
}

const FIELD_NAMES: Record<keyof Draft, string> = {
  subject: 'subject',
  priority: 'priority',
  language: 'language',
  writerType: 'writer type',
  tags: 'tags',
  facility: 'facility',
  description: 'description',
  detailsPrivate: 'Open311 privacy',
};

const draftOf = (c: CaseRecord): Draft => ({
  subject: c.subject ?? '',
  priority: c.priority,
  language: c.language,
  writerType: c.writerType,
  tags: c.tags.join(', '),
  facility: c.facility ?? '',
  description: c.description,
  detailsPrivate: c.detailsPrivate ? 'yes' : '',
});

const tagList = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** The fields of `draft` that differ from `base`, as the PATCH body wants them. */
function changesOf(draft: Draft, base: Draft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (draft.subject !== base.subject) changes.subject = draft.subject || null;
  if (draft.priority !== base.priority) changes.priority = draft.priority;
  if (draft.language !== base.language) changes.language = draft.language;
  if (draft.writerType !== base.writerType) changes.writerType = draft.writerType;
  if (tagList(draft.tags).join(',') !== tagList(base.tags).join(',')) changes.tags = tagList(draft.tags);
  if (draft.facility.trim() !== base.facility.trim()) changes.facility = draft.facility.trim() || null;
  if (draft.description !== base.description) changes.description = draft.description;
  if (draft.detailsPrivate !== base.detailsPrivate) changes.detailsPrivate = draft.detailsPrivate === 'yes';
  return changes;
}

/** The details tab. */
export function CaseDetailsTab({ current: c }: { current: CaseRecord }) {
  const subjects = useSubjects();
  // The case as it was when the draft was started: the base of the changes and of the version sent.
  const [base, setBase] = useState(() => ({ version: c.version, values: draftOf(c) }));
  const [draft, setDraft] = useState<Draft>(() => draftOf(c));
  const [conflict, setConflict] = useState<string[] | null>(null);
  const save = useCaseAction<Record<string, unknown>>(
    c.trackingNumber,
    (changes) => ({ method: 'PATCH', path: '', body: { ...changes, expectedVersion: base.version } }),
    () => 'Case details saved.',
  );
  const now = draftOf(c);
  const theirs = (Object.keys(now) as (keyof Draft)[]).filter((k) => now[k] !== base.values[k]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = changesOf(draft, base.values);
    if (Object.keys(changes).length === 0) return;
    if (conflict) {
      // The caseworker has seen what changed: save the draft against the case as it is now.
      setConflict(null);
    }
    save.mutate(changes, {
      onSuccess: (answer) => {
        const updated = answer as CaseRecord;
        setBase({ version: updated.version, values: draftOf(updated) });
        setDraft(draftOf(updated));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'version_conflict') setConflict([]);
      },
    });
  };

  /** What every control of the form is given for one draft field: its value, its edit, and the server's message. */
  const bind = (field: keyof Draft) => ({
    value: draft[field],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value })),
    field,
    error: save.error,
  });
  const dirty = Object.keys(changesOf(draft, base.values)).length > 0;

  if (c.version !== base.version) {
    if (conflict) {
      // After a conflict the reloaded case is the new base. What I typed stays; the fields I did not touch take the
      // colleague's values, so saving again never undoes their change.
      setConflict(theirs.map((k) => FIELD_NAMES[k]));
      setDraft((d) => {
        const merged = { ...d };
        for (const k of Object.keys(now) as (keyof Draft)[]) if (d[k] === base.values[k]) merged[k] = now[k];
        return merged;
      });
      setBase({ version: c.version, values: now });
    } else if (!dirty && !save.isPending) {
      // Changed elsewhere (another tab, a colleague) before any typing here: just show it.
      setBase({ version: c.version, values: now });
      setDraft(now);
    }
  }

  return (
    <form className="panel case-details-form" aria-labelledby="details-heading" onSubmit={submit}>
      <h2 id="details-heading">Case details</h2>
      {conflict && (
        <div className="form-error" role="alert">
          <p>
            Someone else changed this case while you were editing
            {conflict.length ? ` (${conflict.join(', ')})` : ''}. Your changes are kept below and were not saved. Check
            them against the case as it is now, then save again.
          </p>
        </div>
      )}
      <div className="field-grid">
        <SelectField
          label="Subject"
          {...bind('subject')}
          placeholder="Not coded yet"
          options={subjectOptions(subjects.data)}
        />
        <SelectField label="Priority" {...bind('priority')} options={priorityOptions} />
        <SelectField
          label="Language"
          {...bind('language')}
          options={LANGUAGES.map((l) => ({ value: l.code, label: `${l.name} (${l.nativeName})` }))}
        />
        <SelectField label="Writer type" {...bind('writerType')} options={writerTypeOptions} />
        <TextField label="Tags" {...bind('tags')} hint="Separate tags with commas." />
        <TextField label="Facility" {...bind('facility')} />
      </div>
      <TextAreaField label="Description" {...bind('description')} rows={6} required />
      <CheckboxField
        label="Keep the details private on Open311"
        checked={draft.detailsPrivate === 'yes'}
        onChange={(e) => {
          const checked = e.target.checked;
          setDraft((d) => ({ ...d, detailsPrivate: checked ? 'yes' : '' }));
        }}
        aria-describedby="details-private-hint"
      />
      <p className="hint" id="details-private-hint">
        When checked, the public Open311 answers show only this case’s service, status and dates — never its
        description, media or address.
      </p>
      {!conflict && save.error instanceof ApiError && save.error.code !== 'version_conflict' && (
        <FormError error={save.error} />
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.isPending || !dirty}>
          Save details
        </button>
        <button
          type="button"
          className="button-quiet"
          disabled={!dirty}
          onClick={() => {
            setDraft(now);
            setBase({ version: c.version, values: now });
            setConflict(null);
          }}
        >
          Discard my changes
        </button>
      </div>
    </form>
  );
}
