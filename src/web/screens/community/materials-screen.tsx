// The materials library: flyers, brochures, fact sheets and scripts found by title, kind and approved language; a
// material's page with its versions per language (upload a file to a draft, approve or retire — supervisors and
// administrators —, the review-date flag, add a version) and the distribution log with a form to record copies.
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api, queryString } from '../../api/client.ts';
import {
  MATERIAL_KIND_LABELS,
  MATERIAL_STATUS_LABELS,
  type Material,
  type MaterialList,
  type MaterialVersionView,
} from '../../../shared/materials.ts';
import type { EngagementList, OrganizationList } from '../../../shared/community.ts';
import { useUser } from '../../session.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, languageName } from '../../format.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { languageOptions } from './community-options.ts';

type Materials = Static<typeof MaterialList>;
type MaterialDetail = Static<typeof Material>;

const kindOptions = Object.entries(MATERIAL_KIND_LABELS).map(([value, label]) => ({ value, label }));
const kindLabel = (kind: string) => MATERIAL_KIND_LABELS[kind as keyof typeof MATERIAL_KIND_LABELS] ?? kind;
const statusLabel = (status: string) => MATERIAL_STATUS_LABELS[status as keyof typeof MATERIAL_STATUS_LABELS] ?? status;
const languageList = (codes: string[]) => (codes.length ? codes.map(languageName).join(', ') : '—');

/** The library screen. */
export function MaterialsScreen() {
  const [search, setSearch] = useState<{ q?: string; kind?: string; language?: string }>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['materials', search],
    queryFn: () => api<Materials>('GET', `/materials${queryString(search)}`),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setSearch({ q: value('q'), kind: value('kind'), language: value('language') });
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="section-heading">
        <PageHeading>Materials library</PageHeading>
        <button type="button" className="button-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          Add material
        </button>
      </div>
      {adding && (
        <NewMaterialForm
          onCreated={(id) => {
            setAdding(false);
            setSelected(id);
          }}
        />
      )}
      <form className="filters" role="search" aria-label="Search materials" onSubmit={submit}>
        <TextField label="Title" name="q" type="search" defaultValue={search.q ?? ''} />
        <SelectField label="Kind" name="kind" placeholder="Any" options={kindOptions} defaultValue="" />
        <SelectField
          label="Approved in language"
          name="language"
          placeholder="Any"
          options={languageOptions}
          defaultValue=""
        />
        <div className="actions">
          <button type="submit">Search</button>
        </div>
      </form>
      <p role="status" className="result-count">
        {list.isPending ? 'Loading…' : `${items.length} material${items.length === 1 ? '' : 's'}.`}
      </p>
      <FormError error={list.error} />
      {items.length > 0 && (
        <TableWrap label="Materials">
          <table className="data-table">
            <caption className="visually-hidden">Materials</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Approved in</th>
                <th scope="col">Review due</th>
                <th scope="col">Copies distributed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <th scope="row" dir="auto">
                    <button type="button" className="link-button" onClick={() => setSelected(m.id)}>
                      {m.title}
                    </button>
                  </th>
                  <td>{kindLabel(m.kind)}</td>
                  <td>{languageList(m.approvedLanguages)}</td>
                  <td className={m.reviewDueLanguages.length ? 'time-overdue' : undefined}>
                    {m.reviewDueLanguages.length ? `Review due: ${languageList(m.reviewDueLanguages)}` : '—'}
                  </td>
                  <td>{m.distributed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {selected !== null && <SelectedMaterial key={selected} id={selected} />}
    </>
  );
}

function NewMaterialForm({ onCreated }: { onCreated: (id: number) => void }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<MaterialDetail>('POST', '/materials', body),
    onSuccess: async (created) => {
      announce(`Material added: ${created.title}.`);
      await queryClient.invalidateQueries({ queryKey: ['materials'] });
      onCreated(created.id);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({
      title: value('title'),
      kind: value('kind'),
      ...(value('description') ? { description: value('description') } : {}),
    });
  };
  return (
    <form className="panel form-grid" aria-label="Add a material" onSubmit={submit}>
      <h2>Add a material</h2>
      <FormError error={create.error} />
      <TextField label="Title" name="title" required field="title" error={create.error} />
      <SelectField
        label="Kind"
        name="kind"
        required
        placeholder="Choose"
        options={kindOptions}
        defaultValue=""
        field="kind"
        error={create.error}
      />
      <TextAreaField label="Description" name="description" rows={3} field="description" error={create.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save material
        </button>
      </div>
    </form>
  );
}

function SelectedMaterial({ id }: { id: number }) {
  const material = useQuery({
    queryKey: ['materials', 'one', id],
    queryFn: () => api<MaterialDetail>('GET', `/materials/${id}`),
  });
  if (material.error) return <FormError error={material.error} />;
  return material.data ? <MaterialPanel material={material.data} /> : <p role="status">Loading…</p>;
}

/** Invalidate the library after a change to one material and say what happened. */
function useMaterialChange<T>(fn: (body: T) => Promise<MaterialDetail | unknown>, said: (body: T) => string) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (_result, body) => {
      announce(said(body));
      await queryClient.invalidateQueries({ queryKey: ['materials'] });
    },
  });
}

function MaterialPanel({ material }: { material: MaterialDetail }) {
  const user = useUser();
  const canDecide = user.role === 'administrator' || user.role === 'supervisor';
  const decide = useMaterialChange(
    ({ version, path }: { version: MaterialVersionView; path: 'approve' | 'retire' }) =>
      api('POST', `/materials/${material.id}/versions/${version.id}/${path}`),
    ({ version, path }) =>
      `${languageName(version.language)} version ${version.version} ${path === 'approve' ? 'approved' : 'retired'}.`,
  );
  const upload = useMaterialChange(
    ({ version, data }: { version: MaterialVersionView; data: FormData }) =>
      api('POST', `/materials/${material.id}/versions/${version.id}/file`, data),
    ({ version }) => `File uploaded to the ${languageName(version.language)} version ${version.version}.`,
  );
  const headingId = `material-${material.id}-title`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} dir="auto">
        {material.title}
      </h2>
      <p>
        {kindLabel(material.kind)}
        {material.subjectCode && ` · subject ${material.subjectCode}`} · {material.distributed} copies distributed
      </p>
      {material.description && <p dir="auto">{material.description}</p>}
      <h3>Versions</h3>
      <FormError error={decide.error ?? upload.error} />
      {material.versions.length === 0 ? (
        <p>No versions yet. Add one below for each language.</p>
      ) : (
        <TableWrap label="Versions">
          <table className="data-table">
            <caption className="visually-hidden">Versions of {material.title}, by language</caption>
            <thead>
              <tr>
                <th scope="col">Language and version</th>
                <th scope="col">Status</th>
                <th scope="col">Review by</th>
                <th scope="col">File</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {material.versions.map((v) => {
                const name = `${languageName(v.language)} version ${v.version}`;
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      {name}
                      {v.note && (
                        <>
                          <br />
                          <span dir="auto">{v.note}</span>
                        </>
                      )}
                    </th>
                    <td>
                      {statusLabel(v.status)}
                      {v.decidedAt && (
                        <>
                          <br />
                          {v.decidedBy ?? '—'}, {formatDateTime(v.decidedAt)}
                        </>
                      )}
                    </td>
                    <td>
                      {v.reviewOn ?? '—'}
                      {v.reviewDue && (
                        <>
                          <br />
                          <strong className="time-overdue">Review due</strong>
                        </>
                      )}
                    </td>
                    <td>
                      {v.file ? (
                        <a href={`/api/v1/materials/${material.id}/versions/${v.id}/file`} download={v.file.name}>
                          {v.file.name}
                        </a>
                      ) : (
                        'No file'
                      )}
                      {v.status === 'draft' && (
                        <form
                          className="inline-form"
                          aria-label={`Upload the file of the ${name}`}
                          onSubmit={(event) => {
                            event.preventDefault();
                            upload.mutate({ version: v, data: new FormData(event.currentTarget) });
                          }}
                        >
                          <TextField label={`File for the ${name}`} name="file" type="file" required />
                          <button type="submit" disabled={upload.isPending}>
                            Upload
                          </button>
                        </form>
                      )}
                    </td>
                    <td>
                      {canDecide && v.status === 'draft' && (
                        <button
                          type="button"
                          disabled={!v.file || decide.isPending}
                          aria-label={`Approve the ${name}`}
                          onClick={() => decide.mutate({ version: v, path: 'approve' })}
                        >
                          Approve
                        </button>
                      )}
                      {canDecide && v.status === 'approved' && (
                        <button
                          type="button"
                          disabled={decide.isPending}
                          aria-label={`Retire the ${name}`}
                          onClick={() => decide.mutate({ version: v, path: 'retire' })}
                        >
                          Retire
                        </button>
                      )}
                      {!canDecide && v.status === 'draft' && 'Waiting for a supervisor'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <AddVersionForm materialId={material.id} />
      <h3>Distribution log</h3>
      {material.distributions.length === 0 ? (
        <p>No copies recorded yet.</p>
      ) : (
        <TableWrap label="Distribution log">
          <table className="data-table">
            <caption className="visually-hidden">Copies of {material.title} handed out</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Language</th>
                <th scope="col">Copies</th>
                <th scope="col">To</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {material.distributions.map((d) => (
                <tr key={d.id}>
                  <td>{d.distributedOn}</td>
                  <td>{languageName(d.language)}</td>
                  <td>{d.quantity}</td>
                  <td dir="auto">
                    {[d.engagement?.title, d.organization?.name, d.recipient].filter(Boolean).join(' · ') || '—'}
                    {d.note && (
                      <>
                        <br />
                        {d.note}
                      </>
                    )}
                  </td>
                  <td>{d.recordedBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <DistributionForm material={material} />
    </section>
  );
}

function AddVersionForm({ materialId }: { materialId: number }) {
  const add = useMaterialChange(
    (body: Record<string, unknown>) => api('POST', `/materials/${materialId}/versions`, body),
    (body) => `Draft version added in ${languageName(String(body.language))}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    add.mutate(
      {
        language: value('language'),
        ...(value('reviewOn') ? { reviewOn: value('reviewOn') } : {}),
        ...(value('note') ? { note: value('note') } : {}),
      },
      { onSuccess: () => target.reset() },
    );
  };
  return (
    <form className="form-grid" aria-label="Add a version" onSubmit={submit}>
      <h4>Add a version</h4>
      <FormError error={add.error} />
      <SelectField
        label="Language"
        name="language"
        required
        placeholder="Choose"
        options={languageOptions}
        defaultValue=""
        field="language"
        error={add.error}
      />
      <TextField
        label="Review by"
        name="reviewOn"
        type="date"
        field="reviewOn"
        error={add.error}
        hint="The version is flagged for review from this date."
      />
      <TextField label="What changed" name="note" field="note" error={add.error} />
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          Add version
        </button>
      </div>
    </form>
  );
}

function DistributionForm({ material }: { material: MaterialDetail }) {
  const engagements = useQuery({
    queryKey: ['engagements', 'for-distribution'],
    queryFn: () => api<Static<typeof EngagementList>>('GET', '/engagements?limit=200'),
  });
  const organizations = useQuery({
    queryKey: ['organizations', 'for-distribution'],
    queryFn: () => api<Static<typeof OrganizationList>>('GET', '/organizations?limit=100'),
  });
  const record = useMaterialChange(
    (body: Record<string, unknown>) => api('POST', `/materials/${material.id}/distributions`, body),
    (body) => `Recorded ${String(body.quantity)} copies handed out.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const number = (name: string) => (value(name) ? Number(value(name)) : undefined);
    record.mutate(
      {
        language: value('language'),
        quantity: Number(value('quantity')),
        distributedOn: value('distributedOn'),
        ...(number('engagementId') ? { engagementId: number('engagementId') } : {}),
        ...(number('organizationId') ? { organizationId: number('organizationId') } : {}),
        ...(value('recipient') ? { recipient: value('recipient') } : {}),
        ...(value('note') ? { note: value('note') } : {}),
      },
      { onSuccess: () => target.reset() },
    );
  };
  const approved = material.approvedLanguages;
  return (
    <form className="form-grid" aria-label="Record a distribution" onSubmit={submit}>
      <h4>Record copies handed out</h4>
      <FormError error={record.error} />
      <SelectField
        label="Language"
        name="language"
        required
        placeholder="Choose"
        options={languageOptions.filter((o) => approved.length === 0 || approved.includes(o.value))}
        defaultValue=""
        field="language"
        error={record.error}
      />
      <TextField label="Copies" name="quantity" type="number" min={1} required field="quantity" error={record.error} />
      <TextField
        label="Date handed out"
        name="distributedOn"
        type="date"
        required
        field="distributedOn"
        error={record.error}
      />
      <SelectField
        label="Engagement"
        name="engagementId"
        placeholder="None"
        defaultValue=""
        options={(engagements.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.title }))}
        field="engagementId"
        error={record.error}
      />
      <SelectField
        label="Organisation"
        name="organizationId"
        placeholder="None"
        defaultValue=""
        options={(organizations.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
        field="organizationId"
        error={record.error}
      />
      <TextField label="Recipient (if not an organisation)" name="recipient" field="recipient" error={record.error} />
      <TextField label="Note" name="note" field="note" error={record.error} />
      <div className="actions">
        <button type="submit" disabled={record.isPending}>
          Record distribution
        </button>
      </div>
    </form>
  );
}
