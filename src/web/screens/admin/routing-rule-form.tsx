// The fields of one routing rule: its name, the conditions an item must meet (each a comma-separated list; all
// given lists must match), and what happens then (unit, priority, service standard, tags).
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RoutingRule, ServiceStandard } from '../../api/types.ts';
import { priorityOptions, unitOptions, useUnits } from '../../api/reference.ts';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { fromList, toList } from './admin-helpers.ts';

export type RuleInput = Pick<RoutingRule, 'name' | 'conditions' | 'actions' | 'stopProcessing' | 'active'>;

/** Loads the service standards (for the rule form and the standards screen). */
export function useServiceStandards() {
  return useQuery({
    queryKey: ['service-standards'],
    queryFn: () => api<ServiceStandard[]>('GET', '/service-standards'),
  });
}

/** The rule form; `onSubmit` gets the rule as the API takes it. */
export function RoutingRuleForm(props: {
  rule?: RoutingRule;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit(rule: RuleInput): void;
  onCancel?(): void;
}) {
  const units = useUnits();
  const standards = useServiceStandards();
  const r = props.rule;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const conditions = Object.fromEntries(
      (['channel', 'subject', 'words', 'writerType', 'language', 'facility'] as const)
        .map((field) => [field, toList(text(`conditions.${field}`))])
        .filter(([, list]) => list),
    ) as RuleInput['conditions'];
    const tags = toList(text('actions.tags'));
    props.onSubmit({
      name: text('name'),
      conditions,
      actions: {
        ...(text('actions.unitCode') ? { unitCode: text('actions.unitCode') } : {}),
        ...(text('actions.priority') ? { priority: text('actions.priority') } : {}),
        ...(text('actions.serviceStandardId') ? { serviceStandardId: Number(text('actions.serviceStandardId')) } : {}),
        ...(tags ? { tags } : {}),
      },
      stopProcessing: form.get('stopProcessing') === 'on',
      active: form.get('active') === 'on',
    });
  };
  const condition = (field: keyof RuleInput['conditions'], label: string, hint: string) => (
    <TextField
      label={label}
      name={`conditions.${field}`}
      defaultValue={fromList(r?.conditions[field])}
      hint={hint}
      field={`conditions.${field}`}
      error={props.error}
    />
  );
  return (
    <form onSubmit={submit}>
      <TextField label="Rule name" name="name" required defaultValue={r?.name ?? ''} field="name" error={props.error} />
      <fieldset>
        <legend>When (leave a list empty to ignore it)</legend>
        <div className="field-row">
          {condition('channel', 'Channel is', 'e.g. email, letter')}
          {condition('subject', 'Subject is', 'Subject codes, e.g. SNAP, SHELTER')}
          {condition('writerType', 'Writer type is', 'e.g. elected_official')}
          {condition('language', 'Language is', 'Codes, e.g. es, ar')}
          {condition('words', 'Text mentions', 'Words or phrases, comma-separated')}
          {condition('facility', 'Facility is', 'Facility names')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <div className="field-row">
          <SelectField
            label="Route to unit"
            name="actions.unitCode"
            defaultValue={r?.actions.unitCode ?? ''}
            placeholder="Leave as is"
            options={unitOptions(units.data)}
            field="actions.unitCode"
            error={props.error}
          />
          <SelectField
            label="Set priority"
            name="actions.priority"
            defaultValue={r?.actions.priority ?? ''}
            placeholder="Leave as is"
            options={priorityOptions}
            field="actions.priority"
            error={props.error}
          />
          <SelectField
            label="Service standard"
            name="actions.serviceStandardId"
            defaultValue={r?.actions.serviceStandardId ? String(r.actions.serviceStandardId) : ''}
            placeholder="Chosen by the standards"
            options={(standards.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            field="actions.serviceStandardId"
            error={props.error}
          />
          <TextField
            label="Add tags"
            name="actions.tags"
            defaultValue={fromList(r?.actions.tags)}
            field="actions.tags"
            error={props.error}
          />
        </div>
        <CheckboxField
          label="Stop here when this rule matches"
          name="stopProcessing"
          defaultChecked={r?.stopProcessing ?? true}
        />
        <CheckboxField label="Active" name="active" defaultChecked={r?.active ?? true} />
      </fieldset>
      <FormError error={props.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
