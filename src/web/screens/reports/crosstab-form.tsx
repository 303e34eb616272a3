// The cross-tab builder: the period and filters, up to two row dimensions, a column dimension and a measure, each a
// labelled select. Submitting puts the choice in the URL (so a table can be bookmarked); the API's field messages
// appear next to the control they name.
import type { FormEvent } from 'react';
import type { ReportSearch } from '../../route-search.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import {
  channelFilterOptions,
  statusOptions,
  subjectOptions,
  useChannels,
  useSubjects,
  useUnits,
  writerTypeOptions,
} from '../../api/reference.ts';
import { LANGUAGES } from '../../format.ts';
import { DIMENSIONS, DIMENSION_LABELS, MEASURES, MEASURE_INFO } from '../../../shared/crosstab-definition.ts';

const dimensionOptions = DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d] }));
const measureOptions = MEASURES.map((m) => ({ value: m, label: MEASURE_INFO[m].label }));
const statusFilterOptions = [{ value: 'open', label: 'Open (any status but closed)' }, ...statusOptions];
const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.name }));

/** The builder form; `onRun` receives the new search part. */
export function CrosstabForm(props: {
  search: ReportSearch;
  error: unknown;
  busy: boolean;
  onRun(next: ReportSearch): void;
}) {
  const { search, error } = props;
  const units = useUnits();
  const subjects = useSubjects();
  const channels = useChannels();
  const [row1, row2] = (search.rows ?? '').split(',');
  const filterSelects = [
    {
      label: 'Unit',
      name: 'unit',
      options: (units.data ?? []).map((u) => ({ value: String(u.id), label: u.name })),
      field: 'filters.unitId',
    },
    {
      label: 'Subject',
      name: 'subject',
      hint: 'A subject includes its sub-subjects',
      options: subjectOptions(subjects.data),
    },
    { label: 'Channel', name: 'channel', options: channelFilterOptions(channels.data) },
    { label: 'Status', name: 'status', options: statusFilterOptions },
    { label: 'Who is writing', name: 'writer', options: writerTypeOptions, placeholder: 'Anyone' },
    { label: 'Language', name: 'language', options: languageOptions },
  ];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const rows = [value('row1'), value('row2')].filter(Boolean).join(',');
    props.onRun({
      period: value('period'),
      rows: rows || undefined,
      columns: value('column'),
      measure: value('measure'),
      ...Object.fromEntries([...filterSelects.map((f) => f.name), 'facility'].map((name) => [name, value(name)])),
    });
  };
  return (
    <form aria-label="Build a cross-tab" onSubmit={submit} key={JSON.stringify(search)} className="form-grid">
      <fieldset>
        <legend>Layout</legend>
        <div className="field-row">
          <SelectField
            label="Rows"
            name="row1"
            defaultValue={row1 ?? ''}
            placeholder="None (one row)"
            options={dimensionOptions}
            field="rows"
            error={error}
          />
          <SelectField
            label="Then rows by"
            name="row2"
            defaultValue={row2 ?? ''}
            placeholder="Nothing more"
            options={dimensionOptions}
          />
          <SelectField
            label="Columns"
            name="column"
            defaultValue={search.columns ?? ''}
            placeholder="None (one column)"
            options={dimensionOptions}
            field="columns"
            error={error}
          />
          <SelectField
            label="Measure"
            name="measure"
            defaultValue={search.measure ?? 'count'}
            options={measureOptions}
            field="measure"
            error={error}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Cases received</legend>
        <div className="field-row">
          <TextField
            label="Period"
            name="period"
            required
            defaultValue={search.period ?? ''}
            hint="A month (2026-10), a quarter (2026-Q3), a fiscal year (FY2027) or days (2026-01-01..2026-03-31)"
            field="filters.period"
            error={error}
          />
          {filterSelects.map(({ name, ...select }) => (
            <SelectField
              key={name}
              name={name}
              defaultValue={search[name] ?? ''}
              placeholder="Any"
              error={error}
              {...select}
            />
          ))}
          <TextField
            label="Facility"
            name="facility"
            defaultValue={search.facility ?? ''}
            hint="The facility's name exactly"
            field="filters.facility"
            error={error}
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={props.busy}>
          Run
        </button>
        <button type="button" onClick={() => props.onRun({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
