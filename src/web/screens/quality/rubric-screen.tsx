// The review rubric: the criteria reviews are scored with (name, description, weight) and the scale. An administrator
// edits them and saves a new version; earlier versions stay as they were, and each review names the version it was
// scored with. Everyone else reads the rubric in use and its history.
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { RubricOverview, RubricVersion } from '../../../shared/quality.ts';
import { QUALITY_KEY } from './use-quality.ts';
import './quality.css';

interface DraftCriterion {
  /** Stable across edits, so a row keeps its focus when another is removed. */
  id: number;
  key?: string | undefined;
  name: string;
  description: string;
  weight: string;
}

let nextId = 1;
const draftOf = (rubric: RubricVersion): DraftCriterion[] =>
  rubric.criteria.map((c) => ({
    id: nextId++,
    key: c.key,
    name: c.name,
    description: c.description,
    weight: String(c.weight),
  }));

const versionName = (v: RubricVersion) => (v.version === null ? 'Built-in rubric' : `Version ${v.version}`);

function RubricTable({ rubric }: { rubric: RubricVersion }) {
  return (
    <TableWrap label={`${versionName(rubric)} criteria`}>
      <table className="data-table card-table">
        <caption className="visually-hidden">
          {versionName(rubric)}: criteria, scored {rubric.scaleMin} to {rubric.scaleMax}
        </caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Description</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.name}</th>
              <td data-label="Description">{c.description || '—'}</td>
              <td data-label="Weight">{c.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function RubricEditor({ current }: { current: RubricVersion }) {
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [criteria, setCriteria] = useState(() => draftOf(current));
  const [scale, setScale] = useState({ min: String(current.scaleMin), max: String(current.scaleMax) });
  useEffect(() => {
    setCriteria(draftOf(current));
    setScale({ min: String(current.scaleMin), max: String(current.scaleMax) });
  }, [current]);
  const save = useMutation({
    mutationFn: () =>
      api<RubricVersion>('POST', '/review-rubric', {
        basedOn: current.version,
        scaleMin: Number(scale.min),
        scaleMax: Number(scale.max),
        criteria: criteria.map((c) => ({
          ...(c.key ? { key: c.key } : {}),
          name: c.name,
          description: c.description,
          weight: c.weight.trim() === '' ? Number.NaN : Number(c.weight),
        })),
      }),
    onSuccess: (saved) => {
      announce(`Rubric version ${saved.version} saved; new reviews are scored with it.`);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  const change = (id: number, patch: Partial<DraftCriterion>) =>
    setCriteria((list) => list.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="rubric-edit-heading" className="panel">
      <h2 id="rubric-edit-heading">Edit the rubric</h2>
      <p className="hint">
        Saving makes version {(current.version ?? 0) + 1}. Reviews already made keep the version they were scored with.
      </p>
      <FormError error={save.error} />
      <div className="inline-form">
        <TextField
          label="Lowest score"
          name="scaleMin"
          inputMode="numeric"
          value={scale.min}
          onChange={(e) => setScale((s) => ({ ...s, min: e.target.value }))}
          field="scaleMin"
          error={save.error}
        />
        <TextField
          label="Highest score"
          name="scaleMax"
          inputMode="numeric"
          value={scale.max}
          onChange={(e) => setScale((s) => ({ ...s, max: e.target.value }))}
          field="scaleMax"
          error={save.error}
        />
      </div>
      {criteria.map((c, i) => (
        <fieldset key={c.id} className="panel">
          <legend>
            Criterion {i + 1}
            {c.name ? `: ${c.name}` : ''}
          </legend>
          <TextField
            label="Name"
            value={c.name}
            onChange={(e) => change(c.id, { name: e.target.value })}
            field={`criteria.${i}.name`}
            error={save.error}
          />
          <TextAreaField
            label="Description"
            rows={2}
            value={c.description}
            onChange={(e) => change(c.id, { description: e.target.value })}
            field={`criteria.${i}.description`}
            error={save.error}
          />
          <TextField
            label="Weight"
            inputMode="decimal"
            hint="How much it counts in the review's score, e.g. 1 or 2."
            value={c.weight}
            onChange={(e) => change(c.id, { weight: e.target.value })}
            field={`criteria.${i}.weight`}
            error={save.error}
          />
          <div className="actions">
            <button
              type="button"
              onClick={() => setCriteria((list) => list.filter((x) => x.id !== c.id))}
              aria-label={`Remove criterion ${i + 1}${c.name ? `, ${c.name}` : ''}`}
            >
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          onClick={() => setCriteria((list) => [...list, { id: nextId++, name: '', description: '', weight: '1' }])}
        >
          Add a criterion
        </button>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save as a new version
        </button>
      </div>
    </form>
  );
}

/** The review rubric screen. */
export function RubricScreen() {
  const user = useUser();
  const overview = useQuery({
    queryKey: [...QUALITY_KEY, 'rubric'],
    queryFn: () => api<RubricOverview>('GET', '/review-rubric'),
  });
  const data = overview.data;
  return (
    <>
      <PageHeading>Review rubric</PageHeading>
      <p>
        The criteria a supervisor scores a closed case&apos;s response with; the review&apos;s score is their mean
        weighted by each criterion&apos;s weight.
      </p>
      <FormError error={overview.error} />
      {data && (
        <>
          <section aria-labelledby="rubric-current-heading">
            <h2 id="rubric-current-heading">
              In use: {versionName(data.current)}, scored {data.current.scaleMin} to {data.current.scaleMax}
            </h2>
            <RubricTable rubric={data.current} />
          </section>
          {user.role === 'administrator' && <RubricEditor current={data.current} />}
          <section aria-labelledby="rubric-history-heading">
            <h2 id="rubric-history-heading">Versions</h2>
            {data.versions.length === 0 ? (
              <p>No version saved yet: reviews are scored with the built-in rubric.</p>
            ) : (
              [...data.versions].reverse().map((v) => (
                <details key={v.version}>
                  <summary>
                    {versionName(v)}, saved {formatDateTime(v.createdAt)} by {v.createdByName ?? 'the system'}:{' '}
                    {v.criteria.length} criteria, scored {v.scaleMin} to {v.scaleMax}
                  </summary>
                  <RubricTable rubric={v} />
                </details>
              ))
            )}
          </section>
        </>
      )}
    </>
  );
}
