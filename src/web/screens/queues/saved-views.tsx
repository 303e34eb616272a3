// The saved-view picker of the queues: open a view (its queue, filters, sort, columns and row density), save what is
// on screen as a new view — personal, for a unit I belong to, or for the whole agency — or over the open one, rename
// it and delete it. Everything goes through /api/v1/saved-views; the view open stays in the URL (?view=id).
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useUnits } from '../../api/reference.ts';
import { useUser } from '../../session.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import type { SavedView, SavedViewDefinition } from '../../../shared/queues.ts';

const VIEWS_KEY = ['saved-views'] as const;

type SharedWith = SavedView['sharedWith'];

/** The views the reader may open (their own, their units', the agency's). */
export function useSavedViews() {
  return useQuery({
    queryKey: VIEWS_KEY,
    queryFn: async () => (await api<{ items: SavedView[] }>('GET', '/saved-views')).items,
  });
}

const GROUPS: Record<SharedWith, string> = {
  private: 'My views',
  unit: 'Shared with a unit',
  agency: 'Shared with the agency',
};

function sharingWords(view: SavedView): string {
  if (view.sharedWith === 'unit') return `shared with ${view.sharedUnit?.name ?? 'a unit'}`;
  return view.sharedWith === 'agency' ? 'shared with the agency' : 'only you';
}

interface Props {
  /** The open view's id (from the URL). */
  openId: number | undefined;
  /** What is on screen, to save. */
  definition: SavedViewDefinition;
  /** Opens a view (navigates to its queue with its filters and sort; the screen applies its columns). */
  onOpen(view: SavedView): void;
  /** After the open view was deleted. */
  onClosed(): void;
}

/** The picker and its actions. */
export function SavedViews(props: Props) {
  const user = useUser();
  const units = useUnits();
  const views = useSavedViews();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [mode, setMode] = useState<'idle' | 'save' | 'rename' | 'delete'>('idle');
  const saveId = useId();
  const open = views.data?.find((v) => v.id === props.openId);
  const editable = open?.canEdit ? open : undefined;
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    announce(message);
    setMode('idle');
  };

  const create = useMutation({
    mutationFn: (body: { name: string; sharedWith: SharedWith; sharedUnitId: number | null }) =>
      api<SavedView>('POST', '/saved-views', { ...body, definition: props.definition }),
    onSuccess: (view) => {
      done(`View “${view.name}” saved, ${sharingWords(view)}.`);
      props.onOpen(view);
    },
  });
  const change = useMutation({
    mutationFn: (body: { name?: string; definition?: SavedViewDefinition }) =>
      api<SavedView>('PATCH', `/saved-views/${editable!.id}`, { ...body, expectedVersion: editable!.version }),
    onSuccess: (view, body) =>
      done(body.name ? `View renamed to “${view.name}”.` : `View “${view.name}” saved with what is on screen.`),
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => api<void>('DELETE', `/saved-views/${view.id}?expectedVersion=${view.version}`),
    onSuccess: (_answer, view) => {
      done(`View “${view.name}” deleted.`);
      props.onClosed();
    },
  });

  const shareable = (units.data ?? []).filter((u) => user.role === 'administrator' || user.unitIds?.includes(u.id));
  const list = views.data ?? [];
  const options = (['private', 'unit', 'agency'] as const).flatMap((shared) =>
    list
      .filter((v) => v.sharedWith === shared)
      .map((v) => ({
        value: String(v.id),
        label: v.sharedWith === 'private' || v.owner.id === user.id ? v.name : `${v.name} (${v.owner.name})`,
        group: GROUPS[shared],
      })),
  );

  const openChosen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = Number(new FormData(event.currentTarget).get('view'));
    const view = list.find((v) => v.id === id);
    if (view) props.onOpen(view);
  };
  const saveNew = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const sharedWith = String(form.get('sharedWith') ?? 'private') as SharedWith;
    const unit = String(form.get('sharedUnitId') ?? '');
    create.mutate({
      name: String(form.get('name') ?? ''),
      sharedWith,
      sharedUnitId: sharedWith === 'unit' && unit ? Number(unit) : null,
    });
  };
  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate({ name: String(new FormData(event.currentTarget).get('name') ?? '') });
  };
  const readOnly = user.role === 'auditor';

  return (
    <div className="saved-views">
      <form className="inline-form view-picker" onSubmit={openChosen} aria-label="Saved views">
        <SelectField
          label="Saved view"
          name="view"
          key={`${props.openId ?? ''}:${list.length}`}
          defaultValue={open ? String(open.id) : ''}
          placeholder={list.length ? 'Choose a view' : 'No saved views yet'}
          options={options}
        />
        <button type="submit" disabled={!list.length}>
          Open view
        </button>
      </form>
      {open && (
        <p className="open-view">
          Open: <strong>{open.name}</strong> ({sharingWords(open)}
          {open.owner.id === user.id ? '' : `, by ${open.owner.name}`})
        </p>
      )}
      {!readOnly && (
        <div className="actions">
          {editable && (
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => change.mutate({ definition: props.definition })}
            >
              Save changes to “{editable.name}”
            </button>
          )}
          <button
            type="button"
            aria-expanded={mode === 'save'}
            aria-controls={mode === 'save' ? saveId : undefined}
            onClick={() => setMode(mode === 'save' ? 'idle' : 'save')}
          >
            Save as a new view
          </button>
          {editable && (
            <>
              <button type="button" aria-expanded={mode === 'rename'} onClick={() => setMode('rename')}>
                Rename
              </button>
              <button type="button" className="button-danger" onClick={() => setMode('delete')}>
                Delete view
              </button>
            </>
          )}
        </div>
      )}
      <FormError error={views.error ?? (mode === 'idle' ? change.error : null)} />
      {mode === 'save' && (
        <form id={saveId} className="inline-form view-form" onSubmit={saveNew} aria-label="Save as a new view">
          <FormError error={create.error} />
          <TextField label="View name" name="name" required maxLength={120} field="name" error={create.error} />
          <SelectField
            label="Who can use it"
            name="sharedWith"
            defaultValue="private"
            options={[
              { value: 'private', label: 'Only me' },
              { value: 'unit', label: 'A unit I belong to' },
              { value: 'agency', label: 'Everyone in the agency' },
            ]}
            field="sharedWith"
            error={create.error}
          />
          <SelectField
            label="Unit"
            name="sharedUnitId"
            placeholder="When shared with a unit"
            options={shareable.map((u) => ({ value: String(u.id), label: u.name }))}
            field="sharedUnitId"
            error={create.error}
          />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={create.isPending}>
              Save view
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'rename' && editable && (
        <form className="inline-form view-form" onSubmit={rename} aria-label={`Rename “${editable.name}”`}>
          <FormError error={change.error} />
          <TextField
            label="New name"
            name="name"
            required
            maxLength={120}
            defaultValue={editable.name}
            field="name"
            error={change.error}
          />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={change.isPending}>
              Save name
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'delete' && editable && (
        <div className="view-form confirm" role="group" aria-label={`Delete “${editable.name}”`}>
          <p>
            Delete the view “{editable.name}”{editable.sharedWith === 'private' ? '' : ` (${sharingWords(editable)})`}?
            The cases stay as they are.
          </p>
          <FormError error={remove.error} />
          <div className="actions">
            <button
              type="button"
              className="button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(editable)}
            >
              Yes, delete “{editable.name}”
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
