// The procedures library: search the approved text, list every procedure with its version in force and whether you
// have acknowledged it, and write a new one (Markdown; it starts as a draft to be approved), with what it will ask of
// staff once approved (a course to complete, an acknowledgement).
import { type FormEvent } from 'react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { Course } from '../../../shared/quality.ts';
import { QUALITY_KEY, useProcedures } from './use-quality.ts';
import './quality.css';

const qualitySectionRoute = getRouteApi('/quality/$section');

function NewProcedureForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ id: number }>('POST', '/procedures', body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
      void navigate({ to: '/quality/procedures/$procedureId', params: { procedureId: String(created.id) } });
    },
  });
  const courses = useQuery({
    queryKey: [...QUALITY_KEY, 'courses'],
    queryFn: () => api<Course[]>('GET', '/training/courses'),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const months = String(form.get('reviewMonths') ?? '').trim();
    create.mutate({
      title: String(form.get('title') ?? ''),
      body: String(form.get('body') ?? ''),
      kind: String(form.get('kind') ?? 'procedure'),
      reviewMonths: months ? Number(months) : null,
      requiredCourseId: form.get('requiredCourseId') ? Number(form.get('requiredCourseId')) : null,
      acknowledgementRequired: form.get('acknowledgementRequired') === 'on',
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="new-procedure-heading">
      <h2 id="new-procedure-heading">Write a procedure</h2>
      <FormError error={create.error} />
      <TextField label="Title" name="title" required maxLength={200} field="title" error={create.error} />
      <SelectField
        label="Kind"
        name="kind"
        defaultValue="procedure"
        options={['policy', 'procedure', 'script', 'desk_guide'].map((k) => ({ value: k, label: humanize(k) }))}
        field="kind"
        error={create.error}
      />
      <TextField
        label="Review every (months)"
        name="reviewMonths"
        inputMode="numeric"
        field="reviewMonths"
        error={create.error}
      />
      <TextAreaField
        label="Text"
        name="body"
        required
        rows={10}
        hint="Markdown: # heading, **bold**, - list, [link](https://…). HTML is shown as text."
        field="body"
        error={create.error}
      />
      <SelectField
        label="Training course staff must complete once approved"
        name="requiredCourseId"
        placeholder="No course"
        defaultValue=""
        options={(courses.data ?? []).map((c) => ({ value: String(c.id), label: c.title }))}
        field="requiredCourseId"
        error={create.error}
        hint="Due 30 days after the version comes into force."
      />
      <CheckboxField label="Staff must acknowledge that they read it" name="acknowledgementRequired" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save draft
        </button>
      </div>
    </form>
  );
}

/** The procedures library screen. */
export function ProceduresScreen() {
  const search = qualitySectionRoute.useSearch();
  const navigate = useNavigate();
  const q = search.q ?? '';
  const procedures = useProcedures(q);
  const user = useUser();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    void navigate({ to: '/quality/$section', params: { section: 'procedures' }, search: text ? { q: text } : {} });
  };
  return (
    <>
      <PageHeading>Procedures library</PageHeading>
      <form role="search" onSubmit={submit} className="inline-form" aria-label="Search procedures">
        <TextField label="Search approved procedures" name="q" type="search" defaultValue={q} key={q} />
        <button type="submit">Search</button>
      </form>
      {procedures.error && <p role="alert">{procedures.error.message}</p>}
      {procedures.data && (
        <p role="status" className="result-count">
          {q ? `${procedures.data.length} found for “${q}”` : `${procedures.data.length} procedures`}
        </p>
      )}
      {procedures.data && procedures.data.length > 0 && (
        <TableWrap label="Procedures">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Version</th>
                <th scope="col">Effective</th>
                <th scope="col">Review due</th>
                <th scope="col">You</th>
              </tr>
            </thead>
            <tbody>
              {procedures.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(p.id) }}>
                      {p.title}
                    </Link>
                  </th>
                  <td>{humanize(p.kind)}</td>
                  <td>
                    {p.version} ({p.status})
                  </td>
                  <td>{p.effectiveOn ?? '—'}</td>
                  <td>{p.reviewDueOn ?? '—'}</td>
                  <td>{p.status === 'approved' ? (p.acknowledgedByMe ? 'Read' : 'Not yet read') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {manages && <NewProcedureForm />}
    </>
  );
}
