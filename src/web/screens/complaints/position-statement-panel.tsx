// The position statement of one state hearing request: the facts, citations and witnesses staff write, the case
// attachments numbered as exhibits (in the order ticked), and the PDF packet to download.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { PositionStatement } from '../../../shared/position-statement.ts';
import { FormError } from '../../components/form-error.tsx';
import { CheckboxField, TextAreaField } from '../../components/fields.tsx';
import { useAnnounce } from '../../components/announcer.tsx';

function PositionStatementForm(props: { path: string; statement: PositionStatement; hearingId: number }) {
  const { statement } = props;
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [exhibits, setExhibits] = useState(statement.exhibits.map((e) => e.attachmentId));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<PositionStatement>('PUT', props.path, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['position-statement', props.path], saved);
      announce(`Position statement saved with ${saved.exhibits.length} exhibits.`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      facts: String(form.get('facts') ?? ''),
      citations: String(form.get('citations') ?? ''),
      witnesses: String(form.get('witnesses') ?? ''),
      exhibitIds: exhibits,
    });
  };
  return (
    <form onSubmit={submit} aria-label={`Position statement of hearing request ${props.hearingId}`}>
      <FormError error={save.error} />
      <TextAreaField
        label="Statement of facts"
        name="facts"
        field="facts"
        required
        defaultValue={statement.facts ?? ''}
        rows={5}
      />
      <TextAreaField
        label="Citations"
        name="citations"
        field="citations"
        defaultValue={statement.citations ?? ''}
        rows={2}
      />
      <TextAreaField
        label="Witnesses"
        name="witnesses"
        field="witnesses"
        hint="One witness a line."
        defaultValue={statement.witnesses ?? ''}
        rows={3}
      />
      <fieldset>
        <legend>Exhibits (numbered in the order you tick them)</legend>
        {statement.available.length === 0 && <p>The case has no attachments.</p>}
        {statement.available.map((a) => {
          const index = exhibits.indexOf(a.attachmentId);
          return (
            <CheckboxField
              key={a.attachmentId}
              label={index >= 0 ? `Exhibit ${index + 1}: ${a.filename}` : a.filename}
              checked={index >= 0}
              onChange={(e) =>
                setExhibits((list) =>
                  e.target.checked ? [...list, a.attachmentId] : list.filter((id) => id !== a.attachmentId),
                )
              }
            />
          );
        })}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save the position statement
        </button>
        <a href={`/api/v1${props.path}/pdf`} download>
          Download the position statement packet (PDF)
        </a>
      </div>
    </form>
  );
}

/** The position statement panel of a hearing request. */
export function PositionStatementPanel(props: { complaintNumber: string; hearingId: number }) {
  const path = `/complaints/${encodeURIComponent(props.complaintNumber)}/hearing-requests/${props.hearingId}/position-statement`;
  const statement = useQuery({
    queryKey: ['position-statement', path],
    queryFn: () => api<PositionStatement>('GET', path),
  });
  return (
    <details className="position-statement">
      <summary>Position statement</summary>
      <FormError error={statement.error} />
      {statement.data && <PositionStatementForm path={path} statement={statement.data} hearingId={props.hearingId} />}
    </details>
  );
}
