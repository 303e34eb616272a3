// Saved cross-tabs: the ones you may open (yours, your units', the agency's) with their downloads and a link to
// schedule them, and the form that saves what is on screen — as a new report, or as changes to your own, shared
// with nobody, one of your units or the whole agency.
import { useId, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import { useUnits } from '../../api/reference.ts';
import type { ReportSearch } from '../../route-search.ts';
import { useUser } from '../../session.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { searchFromDefinition, savedDownloadPath, type DefinitionInput, type SavedReport } from './crosstab-search.ts';

const SAVED_KEY = ['saved-reports'] as const;

const SHARING_WORDS: Record<SavedReport['sharedWith'], string> = {
  private: 'Only the owner',
  unit: 'A unit',
  agency: 'Everyone in the agency',
};

/** The saved reports the reader may open. */
export function useSavedReports() {
  return useQuery({ queryKey: SAVED_KEY, queryFn: () => api<SavedReport[]>('GET', '/reports/saved') });
}

function sharingText(report: SavedReport): string {
  return report.sharedWith === 'unit' ? (report.sharedUnit?.name ?? 'A unit') : SHARING_WORDS[report.sharedWith];
}

/** The list of saved reports. */
export function SavedReportsList(props: { onOpen(next: ReportSearch): void; openId: number | undefined }) {
  const saved = useSavedReports();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const remove = useMutation({
    mutationFn: (report: SavedReport) =>
      api<void>('DELETE', `/reports/saved/${report.id}?expectedVersion=${report.version}`),
    onSuccess: (_answer, report) => {
      void queryClient.invalidateQueries({ queryKey: SAVED_KEY });
      announce(`Saved report “${report.name}” deleted.`);
      if (report.id === props.openId) props.onOpen({});
    },
  });
  const reports = saved.data ?? [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Saved reports</h2>
      <FormError error={saved.error ?? remove.error} />
      {saved.isPending ? (
        <p role="status">Loading saved reports…</p>
      ) : reports.length === 0 ? (
        <p>No saved reports yet. Build a cross-tab below and save it to find it here.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Saved reports" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Owner</th>
                <th scope="col">Shared with</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} aria-current={r.id === props.openId ? 'true' : undefined}>
                  <th scope="row">
                    <Link
                      to="/reports/$section"
                      params={{ section: 'crosstab' }}
                      search={searchFromDefinition(r.definition, r.id)}
                    >
                      {r.name}
                    </Link>
                    {r.description && <p className="muted">{r.description}</p>}
                  </th>
                  <td>{r.owner.name}</td>
                  <td>{sharingText(r)}</td>
                  <td>
                    <div className="actions">
                      <a href={savedDownloadPath(r, 'csv')} download aria-label={`Download “${r.name}” as CSV`}>
                        CSV
                      </a>
                      <a href={savedDownloadPath(r, 'xlsx')} download aria-label={`Download “${r.name}” as XLSX`}>
                        XLSX
                      </a>
                      <Link
                        to="/reports/$section"
                        params={{ section: 'schedules' }}
                        search={{ kind: 'saved', savedReportId: String(r.id) }}
                        aria-label={`Schedule “${r.name}”`}
                      >
                        Schedule
                      </Link>
                      {r.canEdit && (
                        <button
                          type="button"
                          className="button-danger"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(r)}
                          aria-label={`Delete “${r.name}”`}
                        >
                          Delete
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface SaveBody {
  name: string;
  description: string;
  definition: DefinitionInput;
  sharedWith: SavedReport['sharedWith'];
  sharedUnitId: number | null;
}

/** The form that saves the cross-tab on screen, new or over the open report (when the reader may change it). */
export function SaveReportForm(props: {
  definition: DefinitionInput;
  open: SavedReport | undefined;
  onSaved(next: ReportSearch): void;
}) {
  const user = useUser();
  const units = useUnits();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const editing = props.open?.canEdit ? props.open : undefined;
  const save = useMutation({
    mutationFn: ({ body, asNew }: { body: SaveBody; asNew: boolean }) =>
      asNew || !editing
        ? api<SavedReport>('POST', '/reports/saved', body)
        : api<SavedReport>('PATCH', `/reports/saved/${editing.id}`, { ...body, expectedVersion: editing.version }),
    onSuccess: (report, { asNew }) => {
      void queryClient.invalidateQueries({ queryKey: SAVED_KEY });
      announce(`Report “${report.name}” ${asNew || !editing ? 'saved' : 'updated'}.`);
      props.onSaved(searchFromDefinition(report.definition, report.id));
    },
  });
  const shareable = (units.data ?? []).filter((u) => user.role === 'administrator' || user.unitIds?.includes(u.id));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const sharedWith = String(form.get('sharedWith') ?? 'private') as SavedReport['sharedWith'];
    const unit = String(form.get('sharedUnitId') ?? '');
    save.mutate({
      asNew: submitter?.value === 'new',
      body: {
        name: String(form.get('name') ?? ''),
        description: String(form.get('description') ?? ''),
        definition: props.definition,
        sharedWith,
        sharedUnitId: sharedWith === 'unit' && unit ? Number(unit) : null,
      },
    });
  };
  if (user.role === 'auditor') return null;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{editing ? `Save “${editing.name}”` : 'Save this cross-tab'}</h2>
      <form onSubmit={submit} key={editing ? `${editing.id}:${editing.version}` : 'new'} className="form-grid">
        <FormError error={save.error} />
        <TextField
          label="Name"
          name="name"
          required
          maxLength={200}
          defaultValue={editing?.name ?? ''}
          field="name"
          error={save.error}
        />
        <TextAreaField
          label="Description"
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={editing?.description ?? ''}
          field="description"
          error={save.error}
        />
        <div className="field-row">
          <SelectField
            label="Share with"
            name="sharedWith"
            defaultValue={editing?.sharedWith ?? 'private'}
            options={[
              { value: 'private', label: 'Nobody (only me)' },
              { value: 'unit', label: 'A unit I belong to' },
              { value: 'agency', label: 'Everyone in the agency' },
            ]}
            field="sharedWith"
            error={save.error}
            hint="Each reader sees only the cases they may see."
          />
          <SelectField
            label="Unit to share with"
            name="sharedUnitId"
            defaultValue={editing?.sharedUnit ? String(editing.sharedUnit.id) : ''}
            placeholder="Choose when sharing with a unit"
            options={shareable.map((u) => ({ value: String(u.id), label: u.name }))}
            field="sharedUnitId"
            error={save.error}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" value={editing ? 'update' : 'new'} disabled={save.isPending}>
            {editing ? 'Save changes' : 'Save report'}
          </button>
          {editing && (
            <button type="submit" value="new" disabled={save.isPending}>
              Save as a new report
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
