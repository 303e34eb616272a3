// Action plans: the list (open first, with open and overdue actions) and a form to open a plan — for a measure below
// its goal, a new issue or an advocate's feedback — with its goal, owner and first actions.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useColleagues } from '../../api/reference.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { ActionPlan } from '../../../shared/quality.ts';
import { QUALITY_KEY, useMeasures, usePlans } from './use-quality.ts';
import './quality.css';

/** Owner choices: active colleagues other than auditors. */
export function useOwnerOptions() {
  const colleagues = useColleagues();
  return (colleagues.data ?? [])
    .filter((c) => c.role !== 'auditor')
    .map((c) => ({ value: String(c.id), label: `${c.name} (${c.role.replace('_', ' ')})` }));
}

function NewPlanForm() {
  const user = useUser();
  const owners = useOwnerOptions();
  const measures = useMeasures();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [actionCount, setActionCount] = useState(2);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ActionPlan>('POST', '/action-plans', body),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
      void navigate({ to: '/quality/plans/$planId', params: { planId: String(plan.id) } });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const actions = Array.from({ length: actionCount }, (_, i) => ({
      title: text(`action-${i}-title`),
      ownerId: Number(text(`action-${i}-owner`)),
      dueOn: text(`action-${i}-due`),
    })).filter((a) => a.title !== '' || a.dueOn !== '');
    create.mutate({
      title: text('title'),
      measureKey: text('measureKey') || null,
      ownerId: Number(text('ownerId')),
      goal: text('goal'),
      baseline: text('baseline'),
      origin: text('origin'),
      reviewOn: text('reviewOn') || null,
      actions,
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">Open a plan</h2>
      <FormError error={create.error} />
      <TextField label="Title" name="title" required maxLength={200} field="title" error={create.error} />
      <SelectField
        label="Measure it should move"
        name="measureKey"
        placeholder="None"
        options={(measures.data ?? []).map((m) => ({ value: m.key, label: m.name }))}
        field="measureKey"
        error={create.error}
      />
      <SelectField
        label="Started from"
        name="origin"
        defaultValue="measure"
        options={['measure', 'new_issue', 'advocate_feedback', 'review', 'other'].map((o) => ({
          value: o,
          label: humanize(o),
        }))}
      />
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={String(user.id)}
        options={owners}
        field="ownerId"
        error={create.error}
      />
      <TextAreaField label="Goal" name="goal" required rows={2} field="goal" error={create.error} />
      <TextAreaField
        label="Baseline"
        name="baseline"
        rows={2}
        hint="Where the measure stands now"
        field="baseline"
        error={create.error}
      />
      <TextField label="Review on" name="reviewOn" type="date" field="reviewOn" error={create.error} />
      <fieldset>
        <legend>Actions</legend>
        {Array.from({ length: actionCount }, (_, i) => (
          <div key={i} className="field-row">
            <TextField
              label={`Action ${i + 1}`}
              name={`action-${i}-title`}
              maxLength={300}
              field={`actions.${i}.title`}
              error={create.error}
            />
            <SelectField
              label={`Owner of action ${i + 1}`}
              name={`action-${i}-owner`}
              defaultValue={String(user.id)}
              options={owners}
              field={`actions.${i}.ownerId`}
              error={create.error}
            />
            <TextField
              label={`Due date of action ${i + 1}`}
              name={`action-${i}-due`}
              type="date"
              field={`actions.${i}.dueOn`}
              error={create.error}
            />
          </div>
        ))}
        <button type="button" onClick={() => setActionCount((n) => n + 1)}>
          Add another action
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Open plan
        </button>
      </div>
    </form>
  );
}

/** The action plans screen. */
export function PlansScreen() {
  const user = useUser();
  const plans = usePlans();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  return (
    <>
      <PageHeading>Action plans</PageHeading>
      {plans.error && <p role="alert">{plans.error.message}</p>}
      {plans.data && plans.data.length === 0 && <p>No action plans yet.</p>}
      {plans.data && plans.data.length > 0 && (
        <TableWrap label="Action plans">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Open actions</th>
                <th scope="col">Overdue</th>
                <th scope="col">Next due</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to="/quality/plans/$planId" params={{ planId: String(p.id) }}>
                      {p.title}
                    </Link>
                  </th>
                  <td>{humanize(p.status)}</td>
                  <td>{p.ownerName}</td>
                  <td>{p.openActions}</td>
                  <td>
                    {p.overdueActions > 0 ? <span className="badge badge-missed">{p.overdueActions} overdue</span> : 0}
                  </td>
                  <td>{p.nextDueOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {manages && <NewPlanForm />}
    </>
  );
}
