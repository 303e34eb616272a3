// Indicator targets: the number each customer-service indicator is held to (a floor where higher is better, a
// ceiling where lower is). One form over every indicator of the agency — the fixed ones and "closed on time" for each
// of its channel types; an empty box means no target. Saving replaces the agency's targets as a whole.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useChannels } from '../../api/reference.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  FIXED_INDICATORS,
  channelOrder,
  closedOnTimeDefinition,
  type IndicatorDefinition,
} from '../../../shared/indicator-definitions.ts';
import type { IndicatorTargets } from '../../../shared/reports.ts';
import { ApiError } from '../../api/client.ts';
import { useAdminMutation } from './admin-helpers.ts';

const TARGETS_KEY = ['indicator-targets'] as const;

const UNIT_WORDS: Record<string, { suffix: string; max: number; step: string }> = {
  percent: { suffix: '%', max: 100, step: '0.1' },
  seconds: { suffix: 'seconds', max: 86_400, step: '1' },
  count: { suffix: '', max: 1_000_000_000, step: '1' },
};

/** The indicators an administrator may hold to a target: the fixed ones, then closed-on-time per channel type. */
function indicatorsOf(channelTypes: string[], targeted: string[]): IndicatorDefinition[] {
  const types = new Set(channelTypes);
  for (const key of targeted) {
    const definition = FIXED_INDICATORS.find((d) => d.key === key);
    if (!definition && key.startsWith('cases_closed_on_time_pct_'))
      types.add(key.slice('cases_closed_on_time_pct_'.length));
  }
  return [...FIXED_INDICATORS, ...[...types].sort(channelOrder).map(closedOnTimeDefinition)];
}

function TargetsForm(props: { indicators: IndicatorDefinition[]; current: IndicatorTargets }) {
  const initial = new Map(props.current.targets.map((t) => [t.key, String(t.target)]));
  const [values, setValues] = useState<Map<string, string>>(initial);
  const [localError, setLocalError] = useState<Error | null>(null);
  const save = useAdminMutation<{ key: string; target: number }[]>(
    (targets) => ({ method: 'PUT', path: '/reports/indicator-targets', body: { targets } }),
    [TARGETS_KEY],
    (targets) => `Indicator targets saved: ${targets.length} set.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const targets: { key: string; target: number }[] = [];
    for (const indicator of props.indicators) {
      const text = (values.get(indicator.key) ?? '').trim();
      if (!text) continue;
      const target = Number(text);
      if (!Number.isFinite(target)) {
        setLocalError(new Error(`${indicator.name}: enter a number, or leave it empty for no target.`));
        return;
      }
      targets.push({ key: indicator.key, target });
    }
    setLocalError(null);
    save.mutate(targets);
  };
  // A refused target is named on its row; the summary says so in words instead of the API's field path.
  const rowRefused = save.error instanceof ApiError && save.error.details.some((d) => d.field.startsWith('targets['));
  const error =
    localError ?? (rowRefused ? new Error('A target was not saved: see the row marked below.') : save.error);
  // The API names a bad row by its place in the list sent: targets[3].target.
  const sentKeys = props.indicators.filter((i) => (values.get(i.key) ?? '').trim()).map((i) => i.key);
  const rowMessage = (key: string) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const index = sentKeys.indexOf(key);
    return index < 0 ? undefined : save.error.fieldMessage(`targets[${index}]`);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Indicator targets">
      <FormError error={error} />
      <TableWrap label="Indicator targets">
        <table className="data-table">
          <caption className="visually-hidden">Indicator targets</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Target</th>
              <th scope="col">Held as</th>
            </tr>
          </thead>
          <tbody>
            {props.indicators.map((indicator) => {
              const unit = UNIT_WORDS[indicator.unit] ?? UNIT_WORDS.count!;
              const inputId = `target-${indicator.key}`;
              const message = rowMessage(indicator.key);
              return (
                <tr key={indicator.key}>
                  <th scope="row">
                    <label htmlFor={inputId}>{indicator.name}</label>
                    <p className="hint">{indicator.definition}</p>
                  </th>
                  <td>
                    <span className="target-input">
                      <input
                        id={inputId}
                        type="number"
                        inputMode="decimal"
                        min={0}
                        max={unit.max}
                        step={unit.step}
                        value={values.get(indicator.key) ?? ''}
                        aria-invalid={message ? true : undefined}
                        aria-describedby={message ? `${inputId}-error` : undefined}
                        onChange={(e) => setValues((v) => new Map(v).set(indicator.key, e.target.value))}
                      />
                      {unit.suffix && <span aria-hidden="true">{unit.suffix}</span>}
                    </span>
                    {message && (
                      <p className="field-error" id={`${inputId}-error`}>
                        {message}
                      </p>
                    )}
                  </td>
                  <td>{indicator.better === 'higher' ? 'At least' : 'At most'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save targets
        </button>
      </div>
    </form>
  );
}

/** The indicator targets screen. */
export function IndicatorTargetsScreen() {
  const channels = useChannels();
  const targets = useQuery({
    queryKey: TARGETS_KEY,
    queryFn: () => api<IndicatorTargets>('GET', '/reports/indicator-targets'),
  });
  const channelTypes = [...new Set((channels.data ?? []).map((c) => c.type))];
  const indicators = targets.data
    ? indicatorsOf(
        channelTypes,
        targets.data.targets.map((t) => t.key),
      )
    : [];
  return (
    <>
      <PageHeading>Indicator targets</PageHeading>
      <p>
        The customer-service indicators (Reports → Indicators) show each month against these targets. Percentages are
        0–100; the average wait is in seconds. Leave a box empty for no target.
      </p>
      <FormError error={targets.error ?? channels.error} />
      {targets.data && channels.data && (
        <TargetsForm
          key={targets.data.targets.map((t) => `${t.key}=${t.target}`).join()}
          indicators={indicators}
          current={targets.data}
        />
      )}
    </>
  );
}
