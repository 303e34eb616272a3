// The filters above a queue: channel (the agency's own channels by slug, hotlines included, or a kind of channel),
// subject, status, unit, priority and text; applied on submit and kept in the URL.
import type { FormEvent } from 'react';
import type { QueueSearch } from '../../route-search.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import {
  channelFilterOptions,
  priorityOptions,
  statusOptions,
  subjectOptions,
  unitOptions,
  useChannels,
  useSubjects,
  useUnits,
} from '../../api/reference.ts';

/** The filter form. */
export function QueueFilters({ search, onApply }: { search: QueueSearch; onApply(next: QueueSearch): void }) {
  const units = useUnits();
  const subjects = useSubjects();
  const channels = useChannels({ fresh: true });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    onApply({
      channel: value('channel'),
      subject: value('subject'),
      status: value('status'),
      unit: value('unit'),
      priority: value('priority'),
      q: value('q'),
    });
  };
  const key = JSON.stringify(search);
  return (
    <form className="filters queue-filters" aria-label="Filter cases" onSubmit={submit} key={key}>
      <TextField
        label="Text"
        name="q"
        type="search"
        defaultValue={search.q ?? ''}
        data-shortcut-search="local"
        hint="Words in the case or the person's name"
      />
      <SelectField
        label="Channel"
        name="channel"
        defaultValue={search.channel ?? ''}
        placeholder="Any"
        options={channelFilterOptions(channels.data)}
      />
      <SelectField
        label="Subject"
        name="subject"
        defaultValue={search.subject ?? ''}
        placeholder="Any"
        options={subjectOptions(subjects.data)}
      />
      <SelectField
        label="Status"
        name="status"
        defaultValue={search.status ?? ''}
        placeholder="Any"
        options={statusOptions}
      />
      <SelectField
        label="Unit"
        name="unit"
        defaultValue={search.unit ?? ''}
        placeholder="Any"
        options={unitOptions(units.data)}
      />
      <SelectField
        label="Priority"
        name="priority"
        defaultValue={search.priority ?? ''}
        placeholder="Any"
        options={priorityOptions}
      />
      <div className="filter-buttons">
        <button type="submit" className="button-primary">
          Apply filters
        </button>
        <button type="button" onClick={() => onApply({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
