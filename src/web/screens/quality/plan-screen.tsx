// One action plan: its goal, baseline, owner and status, the measured effect (the measure's value before the plan
// and its latest since), and its actions — each completed with evidence by its owner, with evidence files added while
// it is open — plus adding an action.
import { useState, type FormEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { ActionPlan } from '../../../shared/quality.ts';
import { useOwnerOptions } from './plans-screen.tsx';
import { QUALITY_KEY, usePlan, usePlanFiles } from './use-quality.ts';
import { FileList, FileUpload } from './quality-files.tsx';
import './quality.css';

const qualityPlanRoute = getRouteApi('/quality/plans/$planId');

type Action = ActionPlan['actions'][number];

function CompleteAction({ plan, action }: { plan: ActionPlan; action: Action }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const complete = useMutation({
    mutationFn: (evidence: string) =>
      api<ActionPlan>('POST', `/action-plans/${plan.id}/actions/${action.id}/complete`, { evidence }),
    onSuccess: (next) => {
      announce(`“${action.title}” completed.${next.status === 'completed' ? ' The plan is completed.' : ''}`);
      queryClient.setQueryData([...QUALITY_KEY, 'plan', plan.id], next);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Complete<span className="visually-hidden"> “{action.title}”</span>
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        complete.mutate(String(new FormData(e.currentTarget).get('evidence') ?? ''));
      }}
    >
      <FormError error={complete.error} />
      <TextField label={`Evidence for “${action.title}”`} name="evidence" maxLength={4000} autoFocus />
      <button type="submit" className="button-primary" disabled={complete.isPending}>
        Mark completed
      </button>
    </form>
  );
}

function AddAction({ plan }: { plan: ActionPlan }) {
  const owners = useOwnerOptions();
  const user = useUser();
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ActionPlan>('POST', `/action-plans/${plan.id}/actions`, body),
    onSuccess: (next) => {
      queryClient.setQueryData([...QUALITY_KEY, 'plan', plan.id], next);
      setFormKey((k) => k + 1);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      title: String(form.get('title') ?? '').trim(),
      ownerId: Number(form.get('ownerId')),
      dueOn: String(form.get('dueOn') ?? ''),
    });
  };
  return (
    <form key={formKey} onSubmit={submit} className="panel" aria-labelledby="add-action-heading">
      <h2 id="add-action-heading">Add an action</h2>
      <FormError error={add.error} />
      <div className="field-row">
        <TextField label="Action" name="title" required maxLength={300} field="title" error={add.error} />
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={String(user.id)}
          options={owners}
          field="ownerId"
          error={add.error}
        />
        <TextField label="Due date" name="dueOn" type="date" required field="dueOn" error={add.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          Add action
        </button>
      </div>
    </form>
  );
}

function EvidenceFiles({ plan, canChange }: { plan: ActionPlan; canChange: (a: Action) => boolean }) {
  const files = usePlanFiles(plan.id);
  const open = plan.status !== 'cancelled' ? plan.actions.filter((a) => a.completedOn === null && canChange(a)) : [];
  const base = `/action-plans/${plan.id}/files`;
  return (
    <>
      <h2>Evidence files</h2>
      {files.error && <p role="alert">{files.error.message}</p>}
      {files.data &&
        plan.actions
          .filter((a) => files.data.some((f) => f.actionId === a.id))
          .map((a) => (
            <section key={a.id} aria-labelledby={`evidence-${a.id}`}>
              <h3 id={`evidence-${a.id}`}>{a.title}</h3>
              <FileList files={files.data.filter((f) => f.actionId === a.id)} base={base} empty="No files." />
            </section>
          ))}
      {files.data?.length === 0 && <p>No evidence files yet.</p>}
      {open.length > 0 && (
        <FileUpload
          path={(form) => `/action-plans/${plan.id}/actions/${String(form.get('actionId'))}/files`}
          heading="Add an evidence file"
          label="File"
        >
          <SelectField
            label="For the action"
            name="actionId"
            options={open.map((a) => ({ value: String(a.id), label: a.title }))}
          />
        </FileUpload>
      )}
    </>
  );
}

/** The action plan screen. */
export function PlanScreen() {
  const { planId } = qualityPlanRoute.useParams();
  const plan = usePlan(Number(planId));
  const user = useUser();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  if (plan.isPending) return <p>Loading the plan…</p>;
  if (plan.error) return <p role="alert">{plan.error.message}</p>;
  const p = plan.data;
  const canComplete = (a: Action) => manages || a.ownerId === user.id || p.ownerId === user.id;
  return (
    <>
      <p>
        <Link to="/quality/$section" params={{ section: 'plans' }}>
          All action plans
        </Link>
      </p>
      <PageHeading>{p.title}</PageHeading>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{humanize(p.status)}</dd>
        <dt>Owner</dt>
        <dd>{p.ownerName}</dd>
        <dt>Goal</dt>
        <dd>{p.goal}</dd>
        {p.baseline && (
          <>
            <dt>Baseline</dt>
            <dd>{p.baseline}</dd>
          </>
        )}
        {p.measureName && (
          <>
            <dt>Measure</dt>
            <dd>{p.measureName}</dd>
            <dt>Effect</dt>
            <dd>
              Before:{' '}
              {p.effect.before ? `${p.effect.before.period} ${(p.effect.before.value * 100).toFixed(1)} %` : 'no value'}
              {' · '}
              Since:{' '}
              {p.effect.after
                ? `${p.effect.after.period} ${(p.effect.after.value * 100).toFixed(1)} %`
                : 'no value yet'}
            </dd>
          </>
        )}
        {p.reviewOn && (
          <>
            <dt>Review on</dt>
            <dd>{p.reviewOn}</dd>
          </>
        )}
      </dl>
      <h2>Actions</h2>
      <TableWrap label="Actions">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Completed</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.title}</th>
                <td>{a.ownerName}</td>
                <td>
                  {a.dueOn} {a.overdue && <span className="badge badge-missed">Overdue</span>}
                </td>
                <td>
                  {a.completedOn ??
                    (p.status !== 'cancelled' && canComplete(a) ? <CompleteAction plan={p} action={a} /> : 'Open')}
                </td>
                <td>{a.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <EvidenceFiles plan={p} canChange={canComplete} />
      {manages && p.status === 'open' && <AddAction plan={p} />}
    </>
  );
}
