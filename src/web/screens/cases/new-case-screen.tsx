// Log a letter, a call or a walk-in as a new case: channel, subject, when it was received (back-datable, in the
// agency's time zone), who wrote — picked from the people on file as you type, or someone new — and in what
// language, and what they asked. Routing and deadlines then apply.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { CaseRecord, Person } from '../../api/types.ts';
import {
  intakeChannelOptions,
  useChannels,
  priorityOptions,
  subjectOptions,
  useSubjects,
  writerTypeOptions,
} from '../../api/reference.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { LANGUAGES, fromLocalInputValue, textDirection, toLocalInputValue } from '../../format.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { PersonPicker, PickedPerson } from './person-picker.tsx';

const FIRST_NAME_ID = 'new-case-first-name';
const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: `${l.name} (${l.nativeName})` }));

/** The new case form. */
export function NewCaseScreen() {
  const subjects = useSubjects();
  const channels = useChannels({ fresh: true });
  const navigate = useNavigate();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState('en');
  const [writerType, setWriterType] = useState('constituent');
  const [picked, setPicked] = useState<Person | null>(null);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [localError, setLocalError] = useState<Error | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CaseRecord>('POST', '/cases', body),
    onSuccess: (created) => {
      queryClient.setQueryData(['case', created.trackingNumber], created);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      announce(`Case ${created.trackingNumber} created${created.unit ? ` and routed to ${created.unit}` : ''}.`);
      void navigate({ to: '/cases/$trackingNumber', params: { trackingNumber: created.trackingNumber }, search: {} });
    },
  });
  const error = localError ?? create.error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const optional = (name: string) => value(name) || undefined;
    const receivedLocal = value('receivedAt');
    const receivedAt = receivedLocal ? fromLocalInputValue(receivedLocal) : undefined;
    if (receivedLocal && !receivedAt) {
      setLocalError(new Error('Received at: enter a date and time.'));
      return;
    }
    setLocalError(null);
    const writer = picked
      ? { personId: picked.id }
      : {
          person: {
            firstName: value('firstName'),
            lastName: value('lastName'),
            ...(optional('email') ? { email: value('email') } : {}),
            ...(optional('phone') ? { phone: value('phone') } : {}),
            ...(optional('address') ? { address: value('address') } : {}),
            ...(optional('organisation') ? { organisation: value('organisation') } : {}),
            language: value('language'),
            kind: value('writerType'),
          },
        };
    create.mutate({
      channel: value('channel'),
      subject: optional('subject') ?? null,
      ...(receivedAt ? { receivedAt } : {}),
      language: value('language'),
      writerType: value('writerType'),
      ...(optional('priority') ? { priority: value('priority') } : {}),
      description: value('description'),
      ...writer,
    });
  };

  const pick = (person: Person) => {
    setPicked(person);
    setLanguage(person.preferredLanguage);
    setWriterType(person.kind);
    announce(`${person.firstName} ${person.lastName} chosen as the writer.`);
  };
  const startNew = (typed: string) => {
    const words = typed.includes('@') || /\d/.test(typed) ? [] : typed.split(/\s+/).filter(Boolean);
    if (words.length) {
      setFirstName(words.length > 1 ? words.slice(0, -1).join(' ') : words[0]!);
      setLastName(words.length > 1 ? words.at(-1)! : '');
    }
    document.getElementById(FIRST_NAME_ID)?.focus();
  };

  return (
    <>
      <PageHeading>New case</PageHeading>
      <p>Log a letter, a call or a visit. Routing rules and the service standard apply when you save.</p>
      <form className="form-grid" onSubmit={submit} noValidate>
        <FormError error={error} />
        <fieldset>
          <legend>The item</legend>
          <SelectField
            label="Channel"
            name="channel"
            defaultValue="letter"
            options={intakeChannelOptions(channels.data)}
            required
            field="channel"
            error={error}
          />
          <SelectField
            label="Subject"
            name="subject"
            defaultValue=""
            placeholder="Not coded yet"
            options={subjectOptions(subjects.data)}
            field="subject"
            error={error}
          />
          <TextField
            label="Received at"
            name="receivedAt"
            type="datetime-local"
            defaultValue={toLocalInputValue(new Date())}
            hint="In the agency's time zone. Change it to back-date a letter that arrived earlier."
            field="receivedAt"
            error={error}
          />
          <SelectField
            label="Priority"
            name="priority"
            defaultValue=""
            placeholder="Set by the rules"
            options={priorityOptions}
            field="priority"
            error={error}
          />
        </fieldset>
        <fieldset>
          <legend>Who wrote</legend>
          {picked ? (
            <PickedPerson person={picked} onClear={() => setPicked(null)} />
          ) : (
            <>
              <PersonPicker onPick={pick} onNew={startNew} />
              <div className="field-row">
                <TextField
                  id={FIRST_NAME_ID}
                  label="First name"
                  name="firstName"
                  autoComplete="off"
                  value={firstName}
                  onChange={(e) => setFirstName(e.target.value)}
                  field="person.firstName"
                  error={error}
                />
                <TextField
                  label="Last name"
                  name="lastName"
                  autoComplete="off"
                  value={lastName}
                  onChange={(e) => setLastName(e.target.value)}
                  field="person.lastName"
                  error={error}
                />
              </div>
              <div className="field-row">
                <TextField
                  label="Email"
                  name="email"
                  type="email"
                  autoComplete="off"
                  field="person.email"
                  error={error}
                />
                <TextField
                  label="Phone"
                  name="phone"
                  type="tel"
                  autoComplete="off"
                  field="person.phone"
                  error={error}
                />
              </div>
              <TextField label="Address" name="address" autoComplete="off" field="person.address" error={error} />
            </>
          )}
          <div className="field-row">
            <SelectField
              label="Writer type"
              name="writerType"
              value={writerType}
              onChange={(e) => setWriterType(e.target.value)}
              options={writerTypeOptions}
              field="writerType"
              error={error}
            />
            {!picked && (
              <TextField
                label="Organisation (optional)"
                name="organisation"
                field="person.organisation"
                error={error}
              />
            )}
          </div>
          <SelectField
            label="Language"
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            options={languageOptions}
            hint="The language they wrote in; answers go out in it."
            field="language"
            error={error}
          />
        </fieldset>
        <fieldset>
          <legend>What they asked</legend>
          <TextAreaField
            label="Description"
            name="description"
            rows={6}
            required
            {...textDirection(language)}
            field="description"
            error={error}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? 'Saving…' : 'Create case'}
          </button>
        </div>
      </form>
    </>
  );
}
