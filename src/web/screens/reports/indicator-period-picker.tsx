// Choosing a report period: a month, a quarter, a city fiscal year (July–June) or a range of days. The kind is a
// select; the inputs below it change with the kind. Submitting hands the period's text (2026-10, 2026-Q3, FY2027,
// 2026-01-01..2026-03-31) to the screen, which keeps it in the URL.
import { useId, useState, type FormEvent } from 'react';
import { SelectField } from '../../components/fields.tsx';
import { parsePeriod, type PeriodKind, type ReportPeriod } from '../../../shared/report-periods.ts';

const KINDS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'fiscal_year', label: 'City fiscal year (July–June)' },
  { value: 'range', label: 'Range of days' },
];

/** The fiscal year (named by the year it ends in) that a local date falls in. */
const fiscalYearOf = (date: string) => Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) >= 7 ? 1 : 0);

/** The period text a form's inputs describe, or a sentence saying what is missing. */
function periodText(kind: PeriodKind, form: FormData): string | { problem: string } {
  const value = (name: string) => String(form.get(name) ?? '').trim();
  switch (kind) {
    case 'month':
      return value('month') || { problem: 'Choose a month.' };
    case 'quarter':
      return value('year') ? `${value('year')}-Q${value('quarter')}` : { problem: 'Write the year of the quarter.' };
    case 'fiscal_year':
      return value('fiscalYear') ? `FY${value('fiscalYear')}` : { problem: 'Write the fiscal year, e.g. 2027.' };
    case 'range':
      return value('from') && value('to')
        ? `${value('from')}..${value('to')}`
        : { problem: 'Choose the first and the last day.' };
  }
}

/** The period picker. */
export function PeriodPicker(props: { period: ReportPeriod; busy: boolean; onChoose(periodKey: string): void }) {
  const { period } = props;
  const [kind, setKind] = useState<PeriodKind>(period.kind);
  const [problem, setProblem] = useState<string>();
  const problemId = useId();
  const invalid = problem ? { 'aria-invalid': true, 'aria-describedby': problemId } : {};
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = periodText(kind, new FormData(event.currentTarget));
    if (typeof text !== 'string') return setProblem(text.problem);
    try {
      const chosen = parsePeriod(text);
      setProblem(undefined);
      props.onChoose(chosen.key);
    } catch (error) {
      setProblem(`That period cannot be read: ${(error as Error).message}.`);
    }
  };
  const year = period.from.slice(0, 4);
  const quarter = String(Math.ceil(Number(period.from.slice(5, 7)) / 3));
  return (
    <form aria-label="Choose the period" onSubmit={submit} className="form-grid">
      <fieldset>
        <legend>Period</legend>
        <div className="field-row">
          <SelectField
            label="Kind of period"
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as PeriodKind);
              setProblem(undefined);
            }}
            options={KINDS}
          />
          {kind === 'month' && (
            <div className="field">
              <label htmlFor={`${problemId}-month`}>Month</label>
              <input
                id={`${problemId}-month`}
                type="month"
                name="month"
                defaultValue={period.from.slice(0, 7)}
                {...invalid}
              />
            </div>
          )}
          {kind === 'quarter' && (
            <>
              <div className="field">
                <label htmlFor={`${problemId}-year`}>Year</label>
                <input
                  id={`${problemId}-year`}
                  type="number"
                  name="year"
                  min={2000}
                  max={2100}
                  defaultValue={year}
                  {...invalid}
                />
              </div>
              <SelectField
                label="Quarter"
                name="quarter"
                defaultValue={quarter}
                options={['1', '2', '3', '4'].map((q) => ({ value: q, label: `Q${q}` }))}
              />
            </>
          )}
          {kind === 'fiscal_year' && (
            <div className="field">
              <label htmlFor={`${problemId}-fy`}>Fiscal year</label>
              <p className="hint" id={`${problemId}-fy-hint`}>
                Named by the year it ends in: FY2027 runs from 1 July 2026 to 30 June 2027.
              </p>
              <input
                id={`${problemId}-fy`}
                type="number"
                name="fiscalYear"
                min={2000}
                max={2100}
                defaultValue={fiscalYearOf(period.from)}
                aria-describedby={`${problemId}-fy-hint${problem ? ` ${problemId}` : ''}`}
                aria-invalid={problem ? true : undefined}
              />
            </div>
          )}
          {kind === 'range' && (
            <>
              <div className="field">
                <label htmlFor={`${problemId}-from`}>First day</label>
                <input id={`${problemId}-from`} type="date" name="from" defaultValue={period.from} {...invalid} />
              </div>
              <div className="field">
                <label htmlFor={`${problemId}-to`}>Last day</label>
                <input id={`${problemId}-to`} type="date" name="to" defaultValue={period.to} {...invalid} />
              </div>
            </>
          )}
        </div>
        {problem && (
          <p className="field-error" id={problemId} role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={props.busy}>
            Show indicators
          </button>
        </div>
      </fieldset>
    </form>
  );
}
