// Training: the matrix of staff × courses (what each person must take and whether it is current, due soon, overdue
// or never taken), the training needs (required by role or unit, by a procedure version in force — linked to it — or
// assigned by a review), the courses with their sessions, and for supervisors a form to add a course.
import { type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { Course, TrainingMatrix, TrainingNeeds } from '../../../shared/quality.ts';
import { QUALITY_KEY } from './use-quality.ts';
import './quality.css';

const STATUS_TEXT = {
  never: 'Never taken',
  current: 'Current',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  not_required: '',
} as const;

function NewCourseForm() {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api('POST', '/training/courses', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: QUALITY_KEY }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const months = String(form.get('renewalMonths') ?? '').trim();
    create.mutate({
      title: String(form.get('title') ?? ''),
      requiredForRole: String(form.get('requiredForRole') ?? '') || null,
      renewalMonths: months ? Number(months) : null,
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="new-course-heading">
      <h2 id="new-course-heading">Add a course</h2>
      <FormError error={create.error} />
      <TextField label="Title" name="title" required maxLength={200} field="title" error={create.error} />
      <SelectField
        label="Required for"
        name="requiredForRole"
        placeholder="Nobody (optional course)"
        options={['caseworker', 'supervisor', 'unit_liaison', 'administrator'].map((r) => ({
          value: r,
          label: humanize(r),
        }))}
        field="requiredForRole"
        error={create.error}
      />
      <TextField
        label="Renew every (months)"
        name="renewalMonths"
        inputMode="numeric"
        field="renewalMonths"
        error={create.error}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Add course
        </button>
      </div>
    </form>
  );
}

/** The training screen. */
const NEED_TEXT: Record<TrainingNeeds['needs'][number]['status'], string> = {
  overdue: 'Overdue',
  never: 'Never taken',
  due_soon: 'Due soon',
  assigned: 'Assigned',
};

/** Who is due or overdue for which course, with their units and why. */
function TrainingNeedsTable() {
  const needs = useQuery({
    queryKey: [...QUALITY_KEY, 'training-needs'],
    queryFn: () => api<TrainingNeeds>('GET', '/training/needs'),
  });
  return (
    <section aria-labelledby="training-needs-heading">
      <h2 id="training-needs-heading">Training needs</h2>
      <FormError error={needs.error} />
      {needs.data && needs.data.needs.length === 0 && <p>Nobody is due or overdue for any course.</p>}
      {needs.data && needs.data.needs.length > 0 && (
        <TableWrap label="Training needs">
          <table className="data-table card-table">
            <caption className="visually-hidden">
              Who is due or overdue for which course, as of {needs.data.today}, overdue first
            </caption>
            <thead>
              <tr>
                <th scope="col">Staff</th>
                <th scope="col">Units</th>
                <th scope="col">Course</th>
                <th scope="col">Standing</th>
                <th scope="col">Due</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {needs.data.needs.map((n) => (
                <tr key={`${n.userId}-${n.courseId}`}>
                  <th scope="row">{n.name}</th>
                  <td data-label="Units">{n.units.join(', ') || '—'}</td>
                  <td data-label="Course">{n.courseTitle}</td>
                  <td data-label="Standing">{NEED_TEXT[n.status]}</td>
                  <td data-label="Due">{n.dueOn ?? '—'}</td>
                  <td data-label="Why">
                    {n.why}
                    {n.procedure && (
                      <>
                        {' '}
                        <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(n.procedure.id) }}>
                          Read “{n.procedure.title}”
                        </Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function TrainingScreen() {
  const user = useUser();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  const matrix = useQuery({
    queryKey: [...QUALITY_KEY, 'training-matrix'],
    queryFn: () => api<TrainingMatrix>('GET', '/training/matrix'),
  });
  const courses = useQuery({
    queryKey: [...QUALITY_KEY, 'courses'],
    queryFn: () => api<Course[]>('GET', '/training/courses'),
  });
  return (
    <>
      <PageHeading>Training</PageHeading>
      {matrix.error && <p role="alert">{matrix.error.message}</p>}
      {matrix.data && matrix.data.courses.length === 0 && <p>No courses yet.</p>}
      {matrix.data && matrix.data.courses.length > 0 && (
        <TableWrap label="Staff and required courses">
          <table className="data-table">
            <caption className="visually-hidden">What each staff member must take, as of {matrix.data.today}</caption>
            <thead>
              <tr>
                <th scope="col">Staff</th>
                {matrix.data.courses.map((c) => (
                  <th key={c.id} scope="col">
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.staff.map((s) => (
                <tr key={s.userId}>
                  <th scope="row">
                    {s.name} <span className="muted">({humanize(s.role)})</span>
                  </th>
                  {s.courses.map((c) => (
                    <td key={c.courseId}>
                      {c.status === 'not_required' ? (
                        <span className="muted">Not required</span>
                      ) : (
                        <span
                          className={c.status === 'overdue' || c.status === 'never' ? 'badge badge-missed' : 'badge'}
                        >
                          {STATUS_TEXT[c.status]}
                          {c.dueOn ? ` (due ${c.dueOn})` : ''}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <TrainingNeedsTable />
      <h2>Courses and sessions</h2>
      <ul className="plain-list">
        {(courses.data ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.title}</strong>
            {c.requiredForRole ? ` — required for ${humanize(c.requiredForRole)}s` : ''}
            {c.renewalMonths ? `, renewed every ${c.renewalMonths} months` : ''}
            {c.sessions.length > 0 && (
              <ul>
                {c.sessions.map((s) => (
                  <li key={s.id}>
                    {s.heldOn}
                    {s.place ? `, ${s.place}` : ''}
                    {s.trainer ? `, with ${s.trainer}` : ''}: {s.enrolled} enrolled, {s.attended} attended
                    {s.capacity ? ` (${s.capacity} places)` : ''}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {manages && <NewCourseForm />}
    </>
  );
}
