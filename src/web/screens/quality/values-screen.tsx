// Entering measure values: choose a measure, enter a period's numerator and denominator (the value is their
// quotient; a period entered again replaces the old value, which the audit trail keeps), set the year's goal, see
// every value entered with who entered it and from where, or import a CSV of values (all rows or none).
import { useState, type FormEvent } from 'react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import { PERIOD_KIND_NAMES, type Measure, type MeasureValue } from '../../../shared/quality.ts';
import { creditText, formatValue, goalFromInput, thresholdText } from './quality-format.ts';
import { QUALITY_KEY, useMeasure, useMeasures } from './use-quality.ts';
import './quality.css';

const qualitySectionRoute = getRouteApi('/quality/$section');

const PERIOD_HINTS: Record<Measure['periodKind'], string> = {
  month: 'A month, e.g. 2026-03',
  quarter: 'A quarter, e.g. 2026-Q1',
  federal_fiscal_year: 'A federal fiscal year (October–September), e.g. FFY2026 for 1 Oct 2025 – 30 Sep 2026',
  city_fiscal_year: 'A city fiscal year (July–June), e.g. FY2026 for 1 Jul 2025 – 30 Jun 2026',
};

function ValueForm({ measure }: { measure: Measure }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [formKey, setFormKey] = useState(0);
  const enter = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<MeasureValue>('POST', `/measures/${encodeURIComponent(measure.key)}/values`, body),
    onSuccess: (value) => {
      announce(`${value.periodLabel}: ${formatValue(value.value, measure.unit)} saved.`);
      setFormKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => {
      const text = String(form.get(name) ?? '')
        .trim()
        .replace(/[$,\s]/g, '');
      return text === '' ? null : Number(text);
    };
    enter.mutate({
      period: String(form.get('period') ?? '').trim(),
      numerator: number('numerator'),
      denominator: number('denominator'),
      source: String(form.get('source') ?? ''),
      reliable: form.get('unreliable') !== 'on',
      reliabilityNote: String(form.get('reliabilityNote') ?? ''),
    });
  };
  return (
    <form key={formKey} onSubmit={submit} className="panel" aria-labelledby="enter-value-heading">
      <h2 id="enter-value-heading">Enter a value</h2>
      <FormError error={enter.error} />
      <TextField
        label="Period"
        name="period"
        required
        hint={PERIOD_HINTS[measure.periodKind]}
        field="period"
        error={enter.error}
      />
      <div className="field-row">
        <TextField
          label={`Numerator: ${measure.numeratorLabel}`}
          name="numerator"
          inputMode="decimal"
          required
          field="numerator"
          error={enter.error}
        />
        <TextField
          label={`Denominator: ${measure.denominatorLabel}`}
          name="denominator"
          inputMode="decimal"
          required
          field="denominator"
          error={enter.error}
        />
      </div>
      <TextField
        label="Source"
        name="source"
        maxLength={200}
        hint="Where the numbers come from, e.g. OCSE-157 as submitted"
        field="source"
        error={enter.error}
      />
      <CheckboxField label="The data did not pass the 95 % reliability standard" name="unreliable" />
      <TextField
        label="Reliability note"
        name="reliabilityNote"
        maxLength={2000}
        field="reliabilityNote"
        error={enter.error}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={enter.isPending}>
          Save value
        </button>
      </div>
    </form>
  );
}

function GoalForm({ measure }: { measure: Measure }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const setGoal = useMutation({
    mutationFn: (v: { year: string; goal: number }) =>
      api('PUT', `/measures/${encodeURIComponent(measure.key)}/goals/${encodeURIComponent(v.year)}`, { goal: v.goal }),
    onSuccess: () => {
      announce('Goal saved.');
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setGoal.mutate({
      year: String(form.get('year') ?? '').trim(),
      goal: goalFromInput(String(form.get('goal') ?? ''), measure.unit),
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="goal-heading">
      <h2 id="goal-heading">Annual goal</h2>
      <FormError error={setGoal.error} />
      <div className="field-row">
        <TextField
          label="Year"
          name="year"
          inputMode="numeric"
          required
          hint="The fiscal year a fiscal period is named by"
          field="year"
          error={setGoal.error}
        />
        <TextField
          label={measure.unit === 'percent' ? 'Goal (%)' : 'Goal'}
          name="goal"
          inputMode="decimal"
          required
          field="goal"
          error={setGoal.error}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={setGoal.isPending}>
          Save goal
        </button>
      </div>
    </form>
  );
}

function ImportForm() {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [csv, setCsv] = useState('');
  const run = useMutation({
    mutationFn: (text: string) =>
      api<{ imported: number; replaced: number }>('POST', '/measures/values/import', { csv: text }),
    onSuccess: (r) => {
      announce(`${r.imported} values imported (${r.replaced} replaced).`);
      setCsv('');
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  return (
    <form
      className="panel"
      aria-labelledby="import-heading"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate(csv);
      }}
    >
      <h2 id="import-heading">Import values from CSV</h2>
      <p className="small">
        Columns: measure, period, numerator, denominator, and optionally source, reliable (yes/no), note. If any row is
        wrong nothing is saved, and each problem is listed by row and column.
      </p>
      <FormError error={run.error} />
      <TextField
        label="CSV file"
        name="file"
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void file.text().then(setCsv);
        }}
      />
      <TextAreaField
        label="Or paste the CSV"
        name="csv"
        rows={5}
        value={csv}
        onChange={(e) => setCsv(e.currentTarget.value)}
      />
      {run.data && (
        <p role="status">
          {run.data.imported} values imported ({run.data.replaced} replaced).
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={run.isPending || csv.trim() === ''}>
          Import
        </button>
      </div>
    </form>
  );
}

function ValuesTable({ measure, values }: { measure: Measure; values: MeasureValue[] }) {
  if (values.length === 0) return <p>No values entered yet.</p>;
  return (
    <TableWrap label={`Values of ${measure.name}`}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Numerator</th>
            <th scope="col">Denominator</th>
            <th scope="col">Value</th>
            <th scope="col">Goal</th>
            <th scope="col">Credit</th>
            <th scope="col">Reliable</th>
            <th scope="col">Source</th>
            <th scope="col">Entered</th>
          </tr>
        </thead>
        <tbody>
          {[...values].reverse().map((v) => (
            <tr key={v.period}>
              <th scope="row">{v.periodLabel}</th>
              <td>{v.numerator?.toLocaleString('en-US') ?? '—'}</td>
              <td>{v.denominator?.toLocaleString('en-US') ?? '—'}</td>
              <td>{formatValue(v.value, measure.unit)}</td>
              <td>
                {formatValue(v.goal, measure.unit)}
                {v.meetsGoal === true ? ' (met)' : v.meetsGoal === false ? ' (not met)' : ''}
              </td>
              <td>{creditText(v)}</td>
              <td>{v.reliable ? 'Yes' : `No${v.reliabilityNote ? ` — ${v.reliabilityNote}` : ''}`}</td>
              <td>{v.source}</td>
              <td>
                {v.enteredByName ?? 'civicdesk'}, {formatDateTime(v.enteredAt)} ({v.enteredVia})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The value entry screen. */
export function ValuesScreen() {
  const search = qualitySectionRoute.useSearch();
  const navigate = useNavigate();
  const measures = useMeasures();
  const entered = (measures.data ?? []).filter((m) => m.entered);
  const key = search.measure ?? entered[0]?.key;
  const detail = useMeasure(key);
  const measure = detail.data?.measure;
  return (
    <>
      <PageHeading>Measure values</PageHeading>
      <SelectField
        label="Measure"
        value={key ?? ''}
        onChange={(e) =>
          void navigate({ to: '/quality/$section', params: { section: 'values' }, search: { measure: e.target.value } })
        }
        options={entered.map((m) => ({
          value: m.key,
          label: m.name,
          group: m.source === 'federal' ? 'Federal' : m.source === 'california' ? 'California' : 'Our own',
        }))}
      />
      {measure && (
        <>
          <p>
            {measure.description} {PERIOD_KIND_NAMES[measure.periodKind]}.
            {measure.reportLines && ` From ${measure.reportLines}.`}
          </p>
          {thresholdText(measure) && <p className="small">Federal thresholds: {thresholdText(measure)}.</p>}
          <div className="quality-columns">
            <div>
              <h2>Values</h2>
              <ValuesTable measure={measure} values={detail.data!.values} />
            </div>
            <div>
              <ValueForm key={measure.key} measure={measure} />
              <GoalForm measure={measure} />
            </div>
          </div>
        </>
      )}
      <ImportForm />
    </>
  );
}
