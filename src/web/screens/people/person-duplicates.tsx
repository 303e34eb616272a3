// People who may be the same as this one (same email, same phone, or same name at the same address), each with a
// merge into this profile after confirmation: contacts and cases move here and the other profile is retired.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { DuplicateSuggestion, Person } from '../../api/types.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { personName } from './people-search-screen.tsx';

const REASONS = { sameEmail: 'same email', samePhone: 'same phone', sameNameAndAddress: 'same name and address' };

/** The duplicates panel. */
export function PersonDuplicates({ person: p }: { person: Person }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState<Person | null>(null);
  const duplicates = useQuery({
    queryKey: ['person', String(p.id), 'duplicates'],
    queryFn: () => api<{ items: DuplicateSuggestion[] }>('GET', `/people/${p.id}/duplicates`),
  });
  const merge = useMutation({
    mutationFn: (duplicate: Person) =>
      api<Person & { moved: { cases: string[] } }>('POST', `/people/${p.id}/merge`, {
        duplicateId: duplicate.id,
        expectedVersion: p.version,
      }),
    onSuccess: (result, duplicate) => {
      setConfirming(null);
      announce(`${personName(duplicate)} merged here; ${result.moved?.cases?.length ?? 0} case(s) moved.`);
      void queryClient.invalidateQueries({ queryKey: ['person', String(p.id)] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const items = duplicates.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Possible duplicates</h2>
      <FormError error={duplicates.error} />
      {duplicates.isPending ? (
        <p>Looking…</p>
      ) : items.length === 0 ? (
        <p>No one else looks like this person.</p>
      ) : (
        <ul className="plain-list stack">
          {items.map((d) => (
            <li key={d.person.id}>
              <Link to="/people/$personId" params={{ personId: String(d.person.id) }} dir="auto">
                {personName(d.person)}
              </Link>
              <span className="block muted">{d.reasons.map((r) => `${REASONS[r.reason]}: ${r.value}`).join('; ')}</span>
              <button type="button" onClick={() => setConfirming(d.person)}>
                Merge into this profile
              </button>
            </li>
          ))}
        </ul>
      )}
      <ModalDialog open={confirming !== null} title="Merge these people?" onClose={() => setConfirming(null)}>
        {confirming && (
          <>
            <p>
              {personName(confirming)}’s contacts and cases move to {personName(p)}, and that profile is retired. This
              is recorded in the audit trail.
            </p>
            <FormError error={merge.error} />
            <div className="actions">
              <button
                type="button"
                className="button-primary"
                disabled={merge.isPending}
                onClick={() => merge.mutate(confirming)}
              >
                Merge
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </ModalDialog>
    </section>
  );
}
