// Edit a person at the version on screen: names, kind, language, interpretation and accessibility needs, notes, and
// contact lists (one per line; the first is the primary). A change made meanwhile by someone else is refused (409).
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Person } from '../../api/types.ts';
import { writerTypeOptions } from '../../api/reference.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { LANGUAGES, humanize } from '../../format.ts';
import { CONFIDENTIAL_REASONS } from '../../../shared/people.ts';

const ACCESSIBILITY_NEEDS = ['homebound', 'tty', 'large_print', 'braille', 'wheelchair', 'sign_language', 'other'];

const lines = (text: string) =>
  text
    .split('\n')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((value) => ({ value }));

/** The edit form of a person. */
export function PersonEditForm({ person: p }: { person: Person }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Person>('PATCH', `/people/${p.id}`, body),
    onSuccess: () => {
      announce('Person saved.');
      void queryClient.invalidateQueries({ queryKey: ['person', String(p.id)] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ['person', String(p.id)] }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({
      expectedVersion: p.version,
      firstName: text('firstName'),
      lastName: text('lastName'),
      kind: text('kind'),
      organisation: text('organisation') || null,
      preferredLanguage: text('preferredLanguage'),
      interpretationNeeded: form.get('interpretationNeeded') === 'on',
      accessibilityNeeds: form.getAll('accessibilityNeeds').map(String),
      notes: text('notes') || null,
      confidentialReason: text('confidentialReason') || null,
      emails: lines(text('emails')),
      phones: lines(text('phones')),
      addresses: lines(text('addresses')),
    });
  };
  return (
    <form className="panel" aria-labelledby="edit-person-heading" onSubmit={submit} key={p.version}>
      <h2 id="edit-person-heading">Edit</h2>
      <div className="field-row">
        <TextField
          label="First name"
          name="firstName"
          defaultValue={p.firstName}
          field="firstName"
          error={save.error}
          dir="auto"
        />
        <TextField
          label="Last name"
          name="lastName"
          defaultValue={p.lastName}
          field="lastName"
          error={save.error}
          dir="auto"
        />
      </div>
      <div className="field-row">
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={p.kind}
          options={writerTypeOptions}
          field="kind"
          error={save.error}
        />
        <TextField
          label="Organisation"
          name="organisation"
          defaultValue={p.organisation ?? ''}
          field="organisation"
          error={save.error}
        />
      </div>
      <SelectField
        label="Preferred language"
        name="preferredLanguage"
        defaultValue={p.preferredLanguage}
        options={LANGUAGES.map((l) => ({ value: l.code, label: `${l.name} (${l.nativeName})` }))}
        field="preferredLanguage"
        error={save.error}
      />
      <CheckboxField label="Needs an interpreter" name="interpretationNeeded" defaultChecked={p.interpretationNeeded} />
      <fieldset>
        <legend>Accessibility needs</legend>
        {ACCESSIBILITY_NEEDS.map((need) => (
          <CheckboxField
            key={need}
            label={need === 'tty' ? 'TTY' : humanize(need)}
            name="accessibilityNeeds"
            value={need}
            defaultChecked={p.accessibilityNeeds.includes(need)}
          />
        ))}
      </fieldset>
      <TextAreaField
        label="Emails"
        name="emails"
        rows={2}
        defaultValue={p.emails.map((c) => c.value).join('\n')}
        hint="One per line; the first is the primary."
        field="emails"
        error={save.error}
      />
      <TextAreaField
        label="Phones"
        name="phones"
        rows={2}
        defaultValue={p.phones.map((c) => c.value).join('\n')}
        hint="One per line; the first is the primary."
        field="phones"
        error={save.error}
      />
      <TextAreaField
        label="Addresses"
        name="addresses"
        rows={2}
        defaultValue={p.addresses.map((c) => c.value).join('\n')}
        hint="One per line."
        field="addresses"
        error={save.error}
      />
      <TextAreaField
        label="Notes"
        name="notes"
        rows={3}
        defaultValue={p.notes ?? ''}
        field="notes"
        error={save.error}
      />
      <SelectField
        label="Confidential"
        name="confidentialReason"
        defaultValue={p.confidentialReason ?? ''}
        options={[
          { value: '', label: 'Not confidential' },
          ...CONFIDENTIAL_REASONS.map((r) => ({ value: r, label: humanize(r) })),
        ]}
        hint="A confidential person is seen only by those who may see one of their restricted cases. Only someone who holds such a case may set or lift it."
        field="confidentialReason"
        error={save.error}
      />
      <FormError error={save.error} />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        Save person
      </button>
    </form>
  );
}
