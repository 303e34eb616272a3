// Response reviews: supervisors draw a random sample of closed cases (optionally one worker's), score each against
// the rubric with a comment, and read the results by worker and unit; a caseworker sees the reviews of their own
// cases here.
import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { Course, Review, ReviewSummary, RubricOverview, SampledCase } from '../../../shared/quality.ts';
import { useOwnerOptions } from './plans-screen.tsx';
import { QUALITY_KEY } from './use-quality.ts';
import './quality.css';

type Rubric = ReviewSummary['rubric'];
type Scale = { scaleMin: number; scaleMax: number };

/** The scores a criterion may take, best first. */
const scores = ({ scaleMin, scaleMax }: Scale) =>
  Array.from({ length: scaleMax - scaleMin + 1 }, (_, i) => scaleMax - i).map((n) => ({
    value: String(n),
    label: `${n}${n === scaleMax ? ' (excellent)' : n === scaleMin ? ' (poor)' : ''}`,
  }));

function ReviewForm(props: { item: SampledCase; rubric: Rubric; scale: Scale; onDone(): void }) {
  const { item, rubric, scale, onDone } = props;
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Review>('POST', '/reviews', body),
    onSuccess: (review) => {
      announce(`Review of ${review.trackingNumber} saved: ${review.average} of ${scale.scaleMax}.`);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
      onDone();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      trackingNumber: item.trackingNumber,
      scores: Object.fromEntries(rubric.map((c) => [c.key, Number(form.get(c.key))])),
      comment: String(form.get('comment') ?? ''),
    });
  };
  return (
    <form onSubmit={submit} className="panel" aria-label={`Review of ${item.trackingNumber}`}>
      <h3>
        Review of{' '}
        <Link to="/cases/$trackingNumber" params={{ trackingNumber: item.trackingNumber }}>
          {item.trackingNumber}
        </Link>
      </h3>
      <p className="small muted">
        {item.workerName ?? 'Nobody assigned'} · {item.unitName ?? 'No unit'} · {item.channel} · closed{' '}
        {formatDateTime(item.closedAt)}
      </p>
      <FormError error={save.error} />
      {rubric.map((c) => (
        <SelectField
          key={c.key}
          label={c.name}
          name={c.key}
          hint={c.question}
          defaultValue={String(Math.round((scale.scaleMin + scale.scaleMax) / 2))}
          options={scores(scale)}
          field={`scores.${c.key}`}
          error={save.error}
        />
      ))}
      <TextAreaField label="Comment" name="comment" rows={2} field="comment" error={save.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save review
        </button>
      </div>
    </form>
  );
}

function Sampler() {
  const owners = useOwnerOptions();
  const [reviewed, setReviewed] = useState<string[]>([]);
  const sample = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<{ rubric: Rubric; cases: SampledCase[] } & Scale>('POST', '/reviews/sample', body),
    onSuccess: () => setReviewed([]),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const worker = String(form.get('workerId') ?? '');
    sample.mutate({ count: Number(form.get('count') || 10), ...(worker ? { workerId: Number(worker) } : {}) });
  };
  const left = (sample.data?.cases ?? []).filter((c) => !reviewed.includes(c.trackingNumber));
  return (
    <section aria-labelledby="sample-heading">
      <h2 id="sample-heading">Sample closed cases</h2>
      <form onSubmit={submit} className="inline-form">
        <TextField
          label="How many"
          name="count"
          inputMode="numeric"
          defaultValue="10"
          field="count"
          error={sample.error}
        />
        <SelectField label="Worker" name="workerId" placeholder="Anyone" options={owners} />
        <button type="submit" disabled={sample.isPending}>
          Draw sample
        </button>
      </form>
      <FormError error={sample.error} />
      {sample.data && (
        <p role="status">
          {sample.data.cases.length === 0
            ? 'No closed case is left to review.'
            : `${left.length} of ${sample.data.cases.length} left to review.`}
        </p>
      )}
      {sample.data &&
        left.map((item) => (
          <ReviewForm
            key={item.trackingNumber}
            item={item}
            rubric={sample.data.rubric}
            scale={sample.data}
            onDone={() => setReviewed((r) => [...r, item.trackingNumber])}
          />
        ))}
    </section>
  );
}

/** A review's finding assigns a course to the reviewed worker (once per review). */
function AssignTraining({ review }: { review: Review }) {
  const [open, setOpen] = useState(false);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const courses = useQuery({
    queryKey: [...QUALITY_KEY, 'courses'],
    queryFn: () => api<Course[]>('GET', '/training/courses'),
    enabled: open,
  });
  const assign = useMutation({
    mutationFn: (body: { courseId: number; reason: string }) =>
      api<Review>('POST', `/reviews/${review.id}/training`, body),
    onSuccess: (saved) => {
      announce(`${saved.workerName ?? 'The worker'} is assigned ${saved.assignedCourse?.title ?? 'the course'}.`);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  if (review.assignedCourse) return <>{review.assignedCourse.title}</>;
  if (review.workerId === null) return <>—</>;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Assign training<span className="visually-hidden"> for the review of {review.trackingNumber}</span>
      </button>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    assign.mutate({ courseId: Number(form.get('courseId')), reason: String(form.get('reason') ?? '') });
  };
  return (
    <form
      className="assign-training"
      onSubmit={submit}
      aria-label={`Assign training from the review of ${review.trackingNumber}`}
    >
      <FormError error={assign.error} />
      <SelectField
        label="Course"
        name="courseId"
        required
        placeholder="Choose a course"
        options={(courses.data ?? []).map((c) => ({ value: String(c.id), label: c.title }))}
        defaultValue=""
      />
      <TextAreaField label="What the review found" name="reason" required rows={2} />
      <button type="submit" disabled={assign.isPending}>
        Assign
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

function ReviewList({ reviews, rubric, manages }: { reviews: Review[]; rubric: Rubric; manages: boolean }) {
  if (reviews.length === 0) return <p>No reviews yet.</p>;
  return (
    <TableWrap label="Reviews">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Worker</th>
            {rubric.map((c) => (
              <th key={c.key} scope="col">
                {c.name}
              </th>
            ))}
            <th scope="col">Average</th>
            <th scope="col">Rubric</th>
            <th scope="col">Comment</th>
            <th scope="col">Training</th>
            <th scope="col">Reviewed</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.trackingNumber}</th>
              <td>{r.workerName ?? '—'}</td>
              {rubric.map((c) => (
                <td key={c.key}>{r.scores[c.key] ?? '—'}</td>
              ))}
              <td>{r.average}</td>
              <td>{r.rubricVersion === null ? 'Built-in' : `Version ${r.rubricVersion}`}</td>
              <td>{r.comment}</td>
              <td>{manages ? <AssignTraining review={r} /> : (r.assignedCourse?.title ?? '—')}</td>
              <td>
                {r.reviewerName ?? '—'}, {formatDateTime(r.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Summary({ summary }: { summary: ReviewSummary }) {
  return (
    <>
      {(['byWorker', 'byUnit'] as const).map((part) => (
        <section key={part} aria-labelledby={`${part}-heading`}>
          <h2 id={`${part}-heading`}>Results by {part === 'byWorker' ? 'worker' : 'unit'}</h2>
          <TableWrap label={`Results by ${part === 'byWorker' ? 'worker' : 'unit'}`}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{part === 'byWorker' ? 'Worker' : 'Unit'}</th>
                  <th scope="col">Reviews</th>
                  <th scope="col">Average</th>
                  {summary.rubric.map((c) => (
                    <th key={c.key} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary[part].map((row) => (
                  <tr key={`${row.id}`}>
                    <th scope="row">{row.name}</th>
                    <td>{row.reviews}</td>
                    <td>{row.average}</td>
                    {summary.rubric.map((c) => (
                      <td key={c.key}>{row.byCriterion[c.key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </>
  );
}

/** The response reviews screen. */
export function ReviewsScreen() {
  const user = useUser();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  const reviews = useQuery({ queryKey: [...QUALITY_KEY, 'reviews'], queryFn: () => api<Review[]>('GET', '/reviews') });
  const summary = useQuery({
    queryKey: [...QUALITY_KEY, 'review-summary'],
    queryFn: () => api<ReviewSummary>('GET', '/reviews/summary'),
    enabled: manages,
  });
  const inUse = useQuery({
    queryKey: [...QUALITY_KEY, 'rubric'],
    queryFn: () => api<RubricOverview>('GET', '/review-rubric'),
  });
  const rubric: Rubric =
    summary.data?.rubric ??
    inUse.data?.current.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      question: c.description,
      weight: c.weight,
    })) ??
    [];
  return (
    <>
      <PageHeading>{manages ? 'Response reviews' : 'My reviews'}</PageHeading>
      {manages && <Sampler />}
      {manages && summary.data && <Summary summary={summary.data} />}
      <h2>{manages ? 'All reviews' : 'Reviews of my cases'}</h2>
      {reviews.error && <p role="alert">{reviews.error.message}</p>}
      {reviews.data && <ReviewList reviews={reviews.data} rubric={rubric} manages={manages} />}
    </>
  );
}
