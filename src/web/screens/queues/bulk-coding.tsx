// Bulk coding of the selected cases — or of every case matching the queue's filters: subject, priority, a tag, unit.
// Preview first (cases per change, cases skipped and why), then confirm; an undo is offered for its window.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { priorityOptions, subjectOptions, unitOptions, useSubjects, useUnits } from '../../api/reference.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import type { BulkCodingPreview, BulkCodingRequest, BulkCodingResult, BulkCodingUndo } from '../../../shared/queues.ts';

const FIELD_WORDS: Record<string, string> = {
  subject: 'Subject set to',
  priority: 'Priority set to',
  addTag: 'Tag added:',
  removeTag: 'Tag removed:',
  unit: 'Routed to',
};

/**
 * The bulk coding form; `selection` is the chosen cases or the queue's filter. `onApplied` runs once a coding is
 * applied (the queue clears its selection; the result and its undo stay here), `onDone` once it is undone.
 */
export function BulkCoding({
  selection,
  onApplied,
  onDone,
}: {
  selection: BulkCodingRequest['selection'];
  onApplied(): void;
  onDone(): void;
}) {
  const units = useUnits();
  const subjects = useSubjects();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [changes, setChanges] = useState<BulkCodingRequest['changes'] | null>(null);
  const [preview, setPreview] = useState<BulkCodingPreview | null>(null);
  const [done, setDone] = useState<BulkCodingResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nothingChosen = selection.trackingNumbers?.length === 0;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const next: BulkCodingRequest['changes'] = {
      ...(value('subject') ? { subject: value('subject')! } : {}),
      ...(value('priority') ? { priority: value('priority') as never } : {}),
      ...(value('addTag') ? { addTags: [value('addTag')!] } : {}),
      ...(value('unit') ? { unit: value('unit')! } : {}),
    };
    void run(async () => {
      setDone(null);
      setChanges(next);
      setPreview(await api<BulkCodingPreview>('POST', '/cases/bulk-coding/preview', { selection, changes: next }));
    });
  };

  return (
    <section className="bulk-coding" aria-labelledby="bulk-coding-heading">
      <h3 id="bulk-coding-heading">Code these cases</h3>
      <form className="inline-form" onSubmit={submit}>
        <SelectField label="Subject" name="subject" placeholder="Keep" options={subjectOptions(subjects.data)} />
        <SelectField label="Priority" name="priority" placeholder="Keep" options={priorityOptions} />
        <TextField label="Add tag" name="addTag" maxLength={60} />
        <SelectField label="Unit" name="unit" placeholder="Keep" options={unitOptions(units.data)} />
        <button type="submit" disabled={busy || nothingChosen}>
          Preview changes
        </button>
      </form>
      {preview && changes && (
        <div className="bulk-preview" role="region" aria-label="What will change">
          <p>
            {preview.willChange} of {preview.matched} cases will change.
          </p>
          <ul>
            {preview.changes.map((c) => (
              <li key={`${c.field}-${c.value}`}>
                {FIELD_WORDS[c.field]} {c.value}: {c.count} case{c.count === 1 ? '' : 's'}
              </li>
            ))}
            {preview.skipped.map((s) => (
              <li key={s.reason}>
                Skipped {s.count} ({s.message}){s.trackingNumbers.length ? `: ${s.trackingNumbers.join(', ')}` : ''}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button-primary"
            disabled={busy || preview.willChange === 0}
            onClick={() =>
              void run(async () => {
                const result = await api<BulkCodingResult>('POST', '/cases/bulk-coding', { selection, changes });
                setPreview(null);
                setDone(result);
                onApplied();
                announce(
                  `${result.changed} case${result.changed === 1 ? '' : 's'} changed. You can undo for 30 seconds.`,
                );
                refresh();
              })
            }
          >
            Change {preview.willChange} case{preview.willChange === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={() => setPreview(null)}>
            Cancel
          </button>
        </div>
      )}
      {done && (
        <p role="status">
          {done.changed} case{done.changed === 1 ? '' : 's'} changed.{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const undone = await api<BulkCodingUndo>('POST', `/cases/bulk-coding/${done.id}/undo`);
                setDone(null);
                announce(
                  `Undone: ${undone.restored} restored` +
                    (undone.skipped.length ? `, ${undone.skipped.length} changed since and left as they are.` : '.'),
                );
                refresh();
                onDone();
              })
            }
          >
            Undo
          </button>
        </p>
      )}
      <FormError error={error} />
    </section>
  );
}
