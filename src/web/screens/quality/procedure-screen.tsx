// One procedure: the version in force rendered from Markdown (the server renders it safely: raw HTML shown as
// text), acknowledging it, who has and has not read it, the files of the version in force and of a draft (added and
// removed by supervisors while the version is a draft), what a version asks of staff (a course to complete, an
// acknowledgement by a due date; set by supervisors on a draft), its versions, and for supervisors approving a draft
// or writing a new version.
import { useState, type FormEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useUser } from '../../session.tsx';
import type { Course, ProcedureDetail } from '../../../shared/quality.ts';
import { QUALITY_KEY, useProcedure, useProcedureFiles } from './use-quality.ts';
import { FileList, FileUpload } from './quality-files.tsx';
import './quality.css';

const qualityProcedureRoute = getRouteApi('/quality/procedures/$procedureId');

function useProcedureAction(id: number, done: string) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: (v: { path: string; body?: unknown }) => api('POST', `/procedures/${id}${v.path}`, v.body ?? {}),
    onSuccess: () => {
      announce(done);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
}

function ProcedureFiles({ procedure, manages }: { procedure: ProcedureDetail; manages: boolean }) {
  const files = useProcedureFiles(procedure.id);
  const draft = procedure.versions.find((v) => v.status === 'draft');
  const shown = [...new Set([procedure.current.version, ...(draft ? [draft.version] : [])])];
  const base = `/procedures/${procedure.id}/files`;
  return (
    <div className="panel">
      <h2>Files</h2>
      {files.error && <p role="alert">{files.error.message}</p>}
      {files.data &&
        shown.map((version) => {
          const status = procedure.versions.find((v) => v.version === version)?.status ?? 'draft';
          return (
            <section key={version} aria-labelledby={`files-v${version}`}>
              <h3 id={`files-v${version}`}>
                Version {version} ({humanize(status)})
              </h3>
              <FileList files={files.data.filter((f) => f.version === version)} base={base} empty="No files." />
            </section>
          );
        })}
      {manages && draft && (
        <FileUpload
          path={`/procedures/${procedure.id}/versions/${draft.version}/files`}
          heading={`Add a file to version ${draft.version}`}
          label="File"
        />
      )}
      {manages && !draft && <p className="small">Files change with a new version: the approved one keeps its files.</p>}
    </div>
  );
}

/** What a version asks of staff, in words. */
function asksOfStaff(v: ProcedureDetail['versions'][number]): string {
  const asks = [
    ...(v.acknowledgementRequired ? ['acknowledge it'] : []),
    ...(v.requiredCourse ? [`complete “${v.requiredCourse.title}”`] : []),
  ];
  return asks.length ? `Staff ${asks.join(' and ')}` : 'Nothing';
}

/** What the version in force asks of staff and, for supervisors, the form setting what a draft will ask. */
function StaffRequirements({ procedure, manages }: { procedure: ProcedureDetail; manages: boolean }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const draft = procedure.versions.find((v) => v.status === 'draft');
  const inForce = procedure.versions.find((v) => v.status === 'approved');
  const courses = useQuery({
    queryKey: [...QUALITY_KEY, 'courses'],
    queryFn: () => api<Course[]>('GET', '/training/courses'),
    enabled: manages && draft !== undefined,
  });
  const save = useMutation({
    mutationFn: (body: { requiredCourseId: number | null; acknowledgementRequired: boolean }) =>
      api('PUT', `/procedures/${procedure.id}/versions/${draft!.version}/requirements`, body),
    onSuccess: () => {
      announce('What the draft asks of staff is saved.');
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  if (!inForce && !(manages && draft)) return null;
  const dueOn = inForce?.obligationsDueOn ?? null;
  return (
    <div className="panel">
      <h2>What staff must do</h2>
      {inForce && (
        <p>
          {inForce.acknowledgementRequired || inForce.requiredCourse
            ? `Version ${inForce.version}: ${asksOfStaff(inForce)}${dueOn ? `, by ${dueOn}` : ''}.`
            : `Version ${inForce.version} asks nothing of staff.`}
        </p>
      )}
      {manages && draft && (
        <form
          aria-labelledby="draft-requirements-heading"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const course = String(data.get('requiredCourseId') ?? '');
            save.mutate({
              requiredCourseId: course ? Number(course) : null,
              acknowledgementRequired: data.get('acknowledgementRequired') === 'on',
            });
          }}
        >
          <h3 id="draft-requirements-heading">When version {draft.version} is approved</h3>
          <p className="small">Everyone on staff owes it within 30 days of its effective date and is reminded after.</p>
          <FormError error={save.error ?? courses.error} />
          <SelectField
            label="Training course staff must complete"
            name="requiredCourseId"
            field="requiredCourseId"
            error={save.error}
            placeholder="No course"
            defaultValue={draft.requiredCourse ? String(draft.requiredCourse.id) : ''}
            options={(courses.data ?? []).map((c) => ({ value: String(c.id), label: c.title }))}
          />
          <CheckboxField
            label="Staff must acknowledge that they read it"
            name="acknowledgementRequired"
            defaultChecked={draft.acknowledgementRequired}
          />
          <div className="actions">
            <button type="submit" disabled={save.isPending}>
              Save what version {draft.version} asks
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function NewVersionForm({ procedure }: { procedure: ProcedureDetail }) {
  const [open, setOpen] = useState(false);
  const draft = useProcedureAction(procedure.id, 'New draft version saved.');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Write a new version
      </button>
    );
  }
  return (
    <form
      className="panel"
      aria-labelledby="new-version-heading"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const body = String(new FormData(e.currentTarget).get('body') ?? '');
        draft.mutate({ path: '/versions', body: { body } }, { onSuccess: () => setOpen(false) });
      }}
    >
      <h2 id="new-version-heading">New version</h2>
      <FormError error={draft.error} />
      <TextAreaField
        label="Text"
        name="body"
        rows={10}
        required
        defaultValue={procedure.current.body}
        field="body"
        error={draft.error}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={draft.isPending}>
          Save draft
        </button>
      </div>
    </form>
  );
}

/** The procedure screen. */
export function ProcedureScreen() {
  const { procedureId } = qualityProcedureRoute.useParams();
  const id = Number(procedureId);
  const procedure = useProcedure(id);
  const user = useUser();
  const manages = user.role === 'administrator' || user.role === 'supervisor';
  const acknowledge = useProcedureAction(id, 'Thank you: your reading is recorded.');
  const decide = useProcedureAction(id, 'Decision saved.');
  if (procedure.isPending) return <p>Loading the procedure…</p>;
  if (procedure.error) return <p role="alert">{procedure.error.message}</p>;
  const p = procedure.data;
  const draft = p.versions.find((v) => v.status === 'draft');
  const ack = p.acknowledgements;
  return (
    <>
      <p>
        <Link to="/quality/$section" params={{ section: 'procedures' }}>
          Procedures library
        </Link>
      </p>
      <PageHeading>{p.current.title}</PageHeading>
      <p>
        {humanize(p.kind)} · version {p.current.version} ({p.current.status})
        {p.reviewDueOn ? ` · review due ${p.reviewDueOn}` : ''}
      </p>
      <FormError error={acknowledge.error ?? decide.error} />
      <div className="quality-columns">
        <div>
          <article
            className="procedure-body"
            aria-label={`Text of ${p.current.title}`}
            dangerouslySetInnerHTML={{ __html: p.current.bodyHtml }}
          />
          {ack.version !== null && user.role !== 'auditor' && (
            <p>
              {p.acknowledgedByMe ? (
                <span className="badge badge-met">You have read version {ack.version}</span>
              ) : (
                <button
                  type="button"
                  className="button-primary"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate({ path: `/versions/${ack.version}/acknowledge` })}
                >
                  I have read version {ack.version}
                </button>
              )}
            </p>
          )}
        </div>
        <div>
          {manages && (
            <div className="panel">
              <h2>Approval</h2>
              {draft ? (
                <button
                  type="button"
                  className="button-primary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ path: `/versions/${draft.version}/approve` })}
                >
                  Approve version {draft.version}
                </button>
              ) : (
                <NewVersionForm procedure={p} />
              )}
            </div>
          )}
          <StaffRequirements procedure={p} manages={manages} />
          <ProcedureFiles procedure={p} manages={manages} />
          {ack.version !== null && (
            <div className="panel">
              <h2>Who has read version {ack.version}</h2>
              <p>
                {ack.acknowledged.length} read, {ack.pending.length} not yet.
                {ack.required && ack.dueOn ? ` Everyone must acknowledge it by ${ack.dueOn}.` : ''}
              </p>
              <h3>Not yet read</h3>
              <ul className="plain-list">
                {ack.pending.map((s) => (
                  <li key={s.userId}>{s.name}</li>
                ))}
              </ul>
              <h3>Read</h3>
              <ul className="plain-list">
                {ack.acknowledged.map((s) => (
                  <li key={s.userId}>
                    {s.name}, {formatDateTime(s.at)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <h2>Versions</h2>
      <TableWrap label="Versions">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Effective</th>
              <th scope="col">Written by</th>
              <th scope="col">Approved by</th>
              <th scope="col">Asks of staff</th>
            </tr>
          </thead>
          <tbody>
            {p.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>{humanize(v.status)}</td>
                <td>{v.effectiveOn ?? '—'}</td>
                <td>
                  {v.createdByName ?? '—'}, {formatDateTime(v.createdAt)}
                </td>
                <td>{v.decidedByName ? `${v.decidedByName}, ${formatDateTime(v.decidedAt)}` : '—'}</td>
                <td>{asksOfStaff(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
