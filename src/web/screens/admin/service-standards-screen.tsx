// Service standards: how long first response and resolution may take, and which items each standard applies to
// (the first matching standard in this order is used). Add, edit, switch off, delete.
import { useState, type FormEvent } from 'react';
import type { ServiceStandard } from '../../api/types.ts';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { describeConditions, describeTarget, fromList, toList, useAdminMutation } from './admin-helpers.ts';
import { useServiceStandards } from './routing-rule-form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const KEY = ['service-standards'] as const;
const TARGET_UNITS = [
  { value: 'calendar_days', label: 'Calendar days' },
  { value: 'business_days', label: 'Business days' },
  { value: 'business_hours', label: 'Business hours' },
];

type StandardInput = Pick<
  ServiceStandard,
  'name' | 'match' | 'firstResponse' | 'resolution' | 'warningPercent' | 'active'
>;

function TargetFields({
  name,
  label,
  value,
  error,
}: {
  name: string;
  label: string;
  value: ServiceStandard['firstResponse'];
  error: unknown;
}) {
  return (
    <fieldset>
      <legend>{label}</legend>
      <div className="field-row">
        <TextField
          label="Amount"
          name={`${name}.amount`}
          type="number"
          min={1}
          defaultValue={value?.amount ?? ''}
          hint="Empty for no target."
          field={name}
          error={error}
        />
        <SelectField
          label="Unit"
          name={`${name}.unit`}
          defaultValue={value?.unit ?? 'calendar_days'}
          options={TARGET_UNITS}
        />
      </div>
    </fieldset>
  );
}

function StandardForm(props: {
  standard?: ServiceStandard;
  error: unknown;
  busy: boolean;
  onSubmit(s: StandardInput): void;
  onCancel(): void;
}) {
  const s = props.standard;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const target = (name: string) =>
      text(`${name}.amount`) ? { amount: Number(text(`${name}.amount`)), unit: text(`${name}.unit`) } : null;
    const match = Object.fromEntries(
      (['channel', 'subject', 'priority', 'writerType'] as const)
        .map((field) => [field, toList(text(`match.${field}`))])
        .filter(([, list]) => list),
    ) as StandardInput['match'];
    props.onSubmit({
      name: text('name'),
      match,
      firstResponse: target('firstResponse'),
      resolution: target('resolution'),
      warningPercent: Number(text('warningPercent') || 75),
      active: form.get('active') === 'on',
    });
  };
  const matchField = (field: keyof ServiceStandard['match'], label: string) => (
    <TextField
      label={label}
      name={`match.${field}`}
      defaultValue={fromList(s?.match[field])}
      field={`match.${field}`}
      error={props.error}
    />
  );
  return (
    <form onSubmit={submit}>
      <TextField label="Name" name="name" required defaultValue={s?.name ?? ''} field="name" error={props.error} />
      <fieldset>
        <legend>Applies to (comma-separated; empty matches everything)</legend>
        <div className="field-row">
          {matchField('channel', 'Channels')}
          {matchField('subject', 'Subjects')}
          {matchField('priority', 'Priorities')}
          {matchField('writerType', 'Writer types')}
        </div>
      </fieldset>
      <TargetFields
        name="firstResponse"
        label="First response within"
        value={s?.firstResponse ?? null}
        error={props.error}
      />
      <TargetFields name="resolution" label="Resolution within" value={s?.resolution ?? null} error={props.error} />
      <TextField
        label="Warn at (% of the time used)"
        name="warningPercent"
        type="number"
        min={1}
        max={99}
        defaultValue={s?.warningPercent ?? 75}
        field="warningPercent"
        error={props.error}
      />
      <CheckboxField label="Active" name="active" defaultChecked={s?.active ?? true} />
      <FormError error={props.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={props.busy}>
          Save standard
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The service standards screen. */
export function ServiceStandardsScreen() {
  const standards = useServiceStandards();
  const [editing, setEditing] = useState<ServiceStandard | 'new' | null>(null);
  const save = useAdminMutation<{ id?: number; standard: StandardInput; version?: number }>(
    ({ id, standard, version }) =>
      id
        ? { method: 'PATCH', path: `/service-standards/${id}`, body: { ...standard, expectedVersion: version } }
        : { method: 'POST', path: '/service-standards', body: standard },
    [KEY],
    ({ standard, id }) => `Standard “${standard.name}” ${id ? 'saved' : 'added'}.`,
  );
  const remove = useAdminMutation<ServiceStandard>(
    (s) => ({ method: 'DELETE', path: `/service-standards/${s.id}?expectedVersion=${s.version}` }),
    [KEY],
    (s) => `Standard “${s.name}” deleted.`,
  );
  return (
    <>
      <PageHeading>Service standards</PageHeading>
      <p>The first active standard that matches an item sets its deadlines.</p>
      <FormError error={standards.error ?? remove.error} />
      <TableWrap label="Service standards">
        <table className="data-table">
          <caption className="visually-hidden">Service standards in the order they are tried</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Applies to</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
              <th scope="col">Warn at</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(standards.data ?? []).map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {!s.active && <span className="badge">Inactive</span>}
                </th>
                <td>{describeConditions(s.match)}</td>
                <td>{describeTarget(s.firstResponse)}</td>
                <td>{describeTarget(s.resolution)}</td>
                <td>{s.warningPercent}%</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setEditing(s)} aria-label={`Edit “${s.name}”`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button-danger"
                      onClick={() => remove.mutate(s)}
                      aria-label={`Delete “${s.name}”`}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <button type="button" className="button-primary" onClick={() => setEditing('new')}>
          Add a standard
        </button>
      </p>
      <ModalDialog
        open={editing !== null}
        title={editing === 'new' ? 'New service standard' : `Edit “${editing?.name ?? ''}”`}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <StandardForm
            standard={editing === 'new' ? undefined : editing}
            error={save.error}
            busy={save.isPending}
            onCancel={() => setEditing(null)}
            onSubmit={(standard) =>
              save.mutate(editing === 'new' ? { standard } : { id: editing.id, standard, version: editing.version }, {
                onSuccess: () => setEditing(null),
              })
            }
          />
        )}
      </ModalDialog>
    </>
  );
}
