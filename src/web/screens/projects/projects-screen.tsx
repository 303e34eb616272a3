// Special projects in the console: the director's portfolio (counts by health, every project with its next
// milestone) with a form to start a project, and one project's page — milestones to plan and tick off, status
// reports, links to cases, procedures, plans and engagements.
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useColleagues } from '../../api/reference.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { formatDateTime } from '../../format.ts';
import {
  PROJECT_HEALTHS,
  PROJECT_HEALTH_LABELS,
  PROJECT_LINK_LABELS,
  PROJECT_LINK_TYPES,
  type PortfolioView,
  type ProjectHealth,
  type ProjectLinkType,
  type ProjectView,
} from '../../../shared/projects.ts';
import './projects.css';

const KEY = ['projects'];

function HealthBadge({ health }: { health: ProjectView['health'] }) {
  return <span className={`health health-${health}`}>{PROJECT_HEALTH_LABELS[health as ProjectHealth]}</span>;
}

function NewProjectForm() {
  const colleagues = useColleagues();
  const owners = (colleagues.data ?? []).filter((c) => c.role !== 'auditor');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ProjectView>('POST', '/projects', body),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      void navigate({ to: '/projects/$projectId', params: { projectId: String(project.id) } });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({
      title: text('title'),
      scope: text('scope'),
      ownerId: Number(text('ownerId')),
      memberIds: form.getAll('memberIds').map(Number),
      // An empty date is left out, not sent as null: the server's coercion would turn null into "" for a text field.
      ...(text('startsOn') ? { startsOn: text('startsOn') } : {}),
      ...(text('dueOn') ? { dueOn: text('dueOn') } : {}),
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">Start a project</h2>
      <FormError error={create.error} />
      <TextField label="Title" name="title" required maxLength={300} field="title" error={create.error} />
      <TextAreaField label="Scope" name="scope" rows={3} field="scope" error={create.error} />
      <SelectField
        label="Owner"
        name="ownerId"
        required
        options={owners.map((c) => ({ value: String(c.id), label: c.name }))}
        field="ownerId"
        error={create.error}
      />
      <fieldset className="team">
        <legend>Team</legend>
        {owners.map((c) => (
          <label key={c.id}>
            <input type="checkbox" name="memberIds" value={c.id} /> {c.name}
          </label>
        ))}
      </fieldset>
      <div className="date-pair">
        <TextField label="Starts on" name="startsOn" type="date" field="startsOn" error={create.error} />
        <TextField label="Due on" name="dueOn" type="date" field="dueOn" error={create.error} />
      </div>
      <button type="submit" disabled={create.isPending}>
        Start project
      </button>
    </form>
  );
}

/** The director's portfolio of projects. */
export function ProjectsScreen() {
  const portfolio = useQuery({
    queryKey: [...KEY, 'portfolio'],
    queryFn: () => api<PortfolioView>('GET', '/projects/portfolio'),
  });
  const counts = portfolio.data?.counts;
  return (
    <div className="projects">
      <PageHeading>Special projects</PageHeading>
      {counts && (
        <ul className="portfolio-counts" aria-label="Active projects">
          <li>
            <strong>{counts.active}</strong> active
          </li>
          <li>
            <strong>{counts.onTrack}</strong> on track
          </li>
          <li>
            <strong>{counts.atRisk}</strong> at risk
          </li>
          <li>
            <strong>{counts.late}</strong> late
          </li>
          <li>
            <strong>{counts.milestonesOverdue}</strong> milestones overdue
          </li>
        </ul>
      )}
      <TableWrap label="Portfolio">
        <table>
          <caption>Portfolio</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">Health</th>
              <th scope="col">Milestones</th>
              <th scope="col">Next milestone</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {(portfolio.data?.items ?? []).map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to="/projects/$projectId" params={{ projectId: String(p.id) }}>
                    {p.title}
                  </Link>
                </th>
                <td>{p.ownerName}</td>
                <td>{p.status}</td>
                <td>
                  <HealthBadge health={p.health} />
                </td>
                <td>
                  {p.milestonesDone} of {p.milestonesTotal} done
                  {p.milestonesOverdue > 0 && <span className="overdue"> · {p.milestonesOverdue} overdue</span>}
                </td>
                <td>{p.nextMilestone ? `${p.nextMilestone.title} (${p.nextMilestone.dueOn})` : '—'}</td>
                <td>{p.dueOn ?? '—'}</td>
              </tr>
            ))}
            {portfolio.data?.items.length === 0 && (
              <tr>
                <td colSpan={7}>No projects yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      </TableWrap>
      <NewProjectForm />
    </div>
  );
}

/** One project: milestones, status reports and links. */
export function ProjectScreen() {
  const { projectId } = useParams({ from: '/projects/$projectId' });
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const project = useQuery({
    queryKey: [...KEY, projectId],
    queryFn: () => api<ProjectView>('GET', `/projects/${projectId}`),
  });
  const change = useMutation({
    mutationFn: (input: { method: string; path: string; body?: unknown; done: string }) =>
      api<ProjectView>(input.method, `/projects/${projectId}${input.path}`, input.body),
    onSuccess: (next, input) => {
      queryClient.setQueryData([...KEY, projectId], next);
      void queryClient.invalidateQueries({ queryKey: KEY });
      announce(input.done);
    },
  });
  const p = project.data;
  if (!p) return <PageHeading>{project.isError ? 'Project not found' : 'Loading project…'}</PageHeading>;
  const formSubmit =
    (build: (form: FormData) => { method: string; path: string; body?: unknown; done: string }) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const target = event.currentTarget;
      change.mutate(build(new FormData(target)), { onSuccess: () => target.reset() });
    };
  const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
  return (
    <div className="projects">
      <p>
        <Link to="/projects">All projects</Link>
      </p>
      <PageHeading>{p.title}</PageHeading>
      <p>
        <HealthBadge health={p.health} /> Owner {p.ownerName} · {p.status}
        {p.startsOn && ` · from ${p.startsOn}`}
        {p.dueOn && ` · due ${p.dueOn}`}
      </p>
      {p.scope && <p className="scope">{p.scope}</p>}
      <p>Team: {p.members.length ? p.members.map((m) => m.name).join(', ') : 'none named'}</p>
      <FormError error={change.error} />

      <section aria-labelledby="milestones-heading" className="panel">
        <h2 id="milestones-heading">Milestones</h2>
        <ul className="milestones">
          {p.milestones.map((m) => (
            <li key={m.id} className={m.overdue ? 'overdue' : undefined}>
              <label>
                <input
                  type="checkbox"
                  checked={m.completedAt !== null}
                  onChange={(e) =>
                    change.mutate({
                      method: 'PATCH',
                      path: `/milestones/${m.id}`,
                      body: { completed: e.currentTarget.checked },
                      done: e.currentTarget.checked ? `“${m.title}” done.` : `“${m.title}” open again.`,
                    })
                  }
                />{' '}
                {m.title} — due {m.dueOn}
                {m.overdue && ' (overdue)'}
              </label>
            </li>
          ))}
        </ul>
        <form
          onSubmit={formSubmit((form) => ({
            method: 'POST',
            path: '/milestones',
            body: { title: text(form, 'title'), dueOn: text(form, 'dueOn') },
            done: 'Milestone added.',
          }))}
          className="inline-form"
          aria-label="Add a milestone"
        >
          <TextField label="Milestone" name="title" required maxLength={300} field="title" error={change.error} />
          <TextField label="Due on" name="dueOn" type="date" required field="dueOn" error={change.error} />
          <button type="submit">Add milestone</button>
        </form>
      </section>

      <section aria-labelledby="reports-heading" className="panel">
        <h2 id="reports-heading">Status reports</h2>
        <form
          onSubmit={formSubmit((form) => ({
            method: 'POST',
            path: '/reports',
            body: { health: text(form, 'health'), summary: text(form, 'summary') },
            done: 'Status report recorded.',
          }))}
          aria-label="Report status"
        >
          <SelectField
            label="Health"
            name="health"
            defaultValue={p.health}
            options={PROJECT_HEALTHS.map((h) => ({ value: h, label: PROJECT_HEALTH_LABELS[h] }))}
            field="health"
            error={change.error}
          />
          <TextAreaField label="Summary" name="summary" required rows={3} field="summary" error={change.error} />
          <button type="submit">Record report</button>
        </form>
        <ol className="reports">
          {p.reports.map((r) => (
            <li key={r.id}>
              <HealthBadge health={r.health} /> {formatDateTime(r.reportedAt)}
              {r.reportedBy && ` · ${r.reportedBy}`}
              <p>{r.summary}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="links-heading" className="panel">
        <h2 id="links-heading">Linked records</h2>
        <ul>
          {p.links.map((l) => (
            <li key={`${l.type}-${l.id}`}>
              {PROJECT_LINK_LABELS[l.type as ProjectLinkType]}:{' '}
              {l.type === 'case' && l.trackingNumber ? (
                <Link to="/cases/$trackingNumber" params={{ trackingNumber: l.trackingNumber }}>
                  {l.label}
                </Link>
              ) : l.type === 'action_plan' ? (
                <Link to="/quality/plans/$planId" params={{ planId: String(l.id) }}>
                  {l.label}
                </Link>
              ) : l.type === 'procedure' ? (
                <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(l.id) }}>
                  {l.label}
                </Link>
              ) : (
                l.label
              )}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  change.mutate({ method: 'DELETE', path: `/links/${l.type}/${l.id}`, done: `${l.label} unlinked.` })
                }
              >
                Unlink<span className="visually-hidden"> {l.label}</span>
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={formSubmit((form) => {
            const id = text(form, 'id');
            return {
              method: 'POST',
              path: '/links',
              body: { type: text(form, 'type'), id: /^\d+$/.test(id) ? Number(id) : id },
              done: 'Linked.',
            };
          })}
          className="inline-form"
          aria-label="Link a record"
        >
          <SelectField
            label="Kind of record"
            name="type"
            options={PROJECT_LINK_TYPES.map((t) => ({ value: t, label: PROJECT_LINK_LABELS[t] }))}
            field="type"
            error={change.error}
          />
          <TextField label="Tracking number or id" name="id" required maxLength={40} field="id" error={change.error} />
          <button type="submit">Link</button>
        </form>
      </section>
    </div>
  );
}
