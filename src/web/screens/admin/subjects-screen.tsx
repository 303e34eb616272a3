// Subjects: the two-level taxonomy every case is coded with. Parents with their children beneath; add a subject
// (a child's code is PARENT.CHILD) and switch subjects off or on.
import type { FormEvent } from 'react';
import { useSubjects } from '../../api/reference.ts';
import type { Subject } from '../../api/types.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAdminMutation } from './admin-helpers.ts';
import { PageHeading } from '../../components/page-heading.tsx';

/** The subjects screen. */
export function SubjectsScreen() {
  const subjects = useSubjects();
  const all = subjects.data ?? [];
  const parents = all.filter((s) => !s.parentCode);
  const create = useAdminMutation<{ code: string; name: string; parentCode: string | null }>(
    (body) => ({ method: 'POST', path: '/subjects', body }),
    [['subjects']],
    (input) => `Subject ${input.name} added.`,
  );
  const toggle = useAdminMutation<Subject>(
    (s) => ({ method: 'PATCH', path: `/subjects/${encodeURIComponent(s.code)}`, body: { active: !s.active } }),
    [['subjects']],
    (s) => `${s.name} ${s.active ? 'switched off' : 'switched on'}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const parentCode = String(form.get('parentCode') ?? '') || null;
    const code = String(form.get('code') ?? '')
      .trim()
      .toUpperCase();
    create.mutate(
      {
        code: parentCode && !code.startsWith(`${parentCode}.`) ? `${parentCode}.${code}` : code,
        name: String(form.get('name') ?? '').trim(),
        parentCode,
      },
      { onSuccess: () => target.reset() },
    );
  };
  const row = (s: Subject) => (
    <li key={s.code} className="subject-row">
      <span>
        <strong>{s.name}</strong> <span className="muted">{s.code}</span>
        {!s.active && <span className="badge">Switched off</span>}
      </span>
      <button
        type="button"
        onClick={() => toggle.mutate(s)}
        aria-label={`${s.active ? 'Switch off' : 'Switch on'} ${s.name}`}
      >
        {s.active ? 'Switch off' : 'Switch on'}
      </button>
    </li>
  );
  return (
    <>
      <PageHeading>Subjects</PageHeading>
      <FormError error={subjects.error ?? toggle.error} />
      <ul className="plain-list subject-tree" aria-label="Subjects">
        {parents.map((parent) => {
          const children = all.filter((s) => s.parentCode === parent.code);
          return (
            <li key={parent.code}>
              <ul className="plain-list">{row(parent)}</ul>
              {children.length > 0 && (
                <ul className="plain-list subject-children" aria-label={`${parent.name} subtopics`}>
                  {children.map(row)}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <form className="panel" aria-labelledby="add-subject-heading" onSubmit={submit}>
        <h2 id="add-subject-heading">Add a subject</h2>
        <div className="field-row">
          <SelectField
            label="Under"
            name="parentCode"
            placeholder="Top level"
            options={parents.map((p) => ({ value: p.code, label: p.name }))}
            field="parentCode"
            error={create.error}
          />
          <TextField label="Code" name="code" required field="code" error={create.error} />
          <TextField label="Name" name="name" required field="name" error={create.error} />
        </div>
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Add subject
        </button>
      </form>
    </>
  );
}
