// Routing rules in the order they run: move a rule up or down, edit its conditions and actions, switch it off,
// delete it, add one, and try the rules against a sample item.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RoutingRule } from '../../api/types.ts';
import { FormError } from '../../components/form-error.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { humanize } from '../../format.ts';
import { describeConditions, useAdminMutation } from './admin-helpers.ts';
import { RoutingRuleForm, type RuleInput } from './routing-rule-form.tsx';
import { RoutingRuleTest } from './routing-rule-test.tsx';
import { PageHeading } from '../../components/page-heading.tsx';

const KEY = ['routing-rules'] as const;

function describeActions(actions: RoutingRule['actions']): string {
  const parts = [
    actions.unitCode && `route to ${actions.unitCode}`,
    actions.priority && `priority ${humanize(actions.priority).toLowerCase()}`,
    actions.serviceStandardId && `standard #${actions.serviceStandardId}`,
    actions.tags?.length && `tag ${actions.tags.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'nothing';
}

/** The routing rules screen. */
export function RoutingRulesScreen() {
  const rules = useQuery({ queryKey: KEY, queryFn: () => api<RoutingRule[]>('GET', '/routing-rules') });
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const list = rules.data ?? [];
  const save = useAdminMutation<{ id?: number; rule: RuleInput; version?: number }>(
    ({ id, rule, version }) =>
      id
        ? { method: 'PATCH', path: `/routing-rules/${id}`, body: { ...rule, expectedVersion: version } }
        : { method: 'POST', path: '/routing-rules', body: rule },
    [KEY],
    ({ rule, id }) => `Rule “${rule.name}” ${id ? 'saved' : 'added'}.`,
  );
  const reorder = useAdminMutation<{ ids: number[]; name: string; direction: string }>(
    ({ ids }) => ({ method: 'POST', path: '/routing-rules/reorder', body: { ids } }),
    [KEY],
    ({ name, direction }) => `Rule “${name}” moved ${direction}.`,
  );
  const remove = useAdminMutation<RoutingRule>(
    (rule) => ({ method: 'DELETE', path: `/routing-rules/${rule.id}?expectedVersion=${rule.version}` }),
    [KEY],
    (rule) => `Rule “${rule.name}” deleted.`,
  );
  const move = (index: number, delta: number) => {
    const ids = list.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    reorder.mutate({ ids, name: list[index]!.name, direction: delta < 0 ? 'up' : 'down' });
  };
  return (
    <>
      <PageHeading>Routing rules</PageHeading>
      <p>
        Every new item is checked against these rules from the top. The first rule that sets a unit decides the unit.
      </p>
      <FormError error={rules.error ?? reorder.error ?? remove.error} />
      <ol className="plain-list rule-list stack" aria-label="Rules in the order they run">
        {list.map((rule, i) => (
          <li key={rule.id} className="panel">
            <span className="rule-position" aria-hidden="true">
              {i + 1}
            </span>
            <div>
              <h2 className="rule-name">
                {rule.name}
                {!rule.active && <span className="badge">Inactive</span>}
              </h2>
              <p>
                {Object.values(rule.conditions).some((v) => v?.length) ? (
                  <>
                    <strong>When</strong> {describeConditions(rule.conditions)}, <strong>then</strong>
                  </>
                ) : (
                  <strong>Every item:</strong>
                )}{' '}
                {describeActions(rule.actions)}
                {rule.stopProcessing ? '; stop.' : '; go on to the next rule.'}
              </p>
            </div>
            <div className="actions">
              <button
                type="button"
                disabled={i === 0 || reorder.isPending}
                onClick={() => move(i, -1)}
                aria-label={`Move “${rule.name}” up`}
              >
                Up
              </button>
              <button
                type="button"
                disabled={i === list.length - 1 || reorder.isPending}
                onClick={() => move(i, 1)}
                aria-label={`Move “${rule.name}” down`}
              >
                Down
              </button>
              <button type="button" onClick={() => setEditing(rule)} aria-label={`Edit “${rule.name}”`}>
                Edit
              </button>
              <button
                type="button"
                className="button-danger"
                onClick={() => remove.mutate(rule)}
                aria-label={`Delete “${rule.name}”`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button-primary" onClick={() => setEditing('new')}>
        Add a rule
      </button>
      <RoutingRuleTest />
      <ModalDialog
        open={editing !== null}
        title={editing === 'new' ? 'New routing rule' : `Edit “${editing?.name ?? ''}”`}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <RoutingRuleForm
            rule={editing === 'new' ? undefined : editing}
            error={save.error}
            busy={save.isPending}
            submitLabel={editing === 'new' ? 'Add rule' : 'Save rule'}
            onCancel={() => setEditing(null)}
            onSubmit={(rule) =>
              save.mutate(editing === 'new' ? { rule } : { id: editing.id, rule, version: editing.version }, {
                onSuccess: () => setEditing(null),
              })
            }
          />
        )}
      </ModalDialog>
    </>
  );
}
