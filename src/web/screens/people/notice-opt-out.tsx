// A person's choice about notices to the public: whether they asked for none, and a switch to record or withdraw it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { OptOut } from '../../../shared/notices.ts';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';

type Standing = Static<typeof OptOut>;

/** The opt-out switch of one person (recording it needs the community change permission; the server decides). */
export function NoticeOptOut({ personId }: { personId: number }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const key = ['notice-opt-out', personId];
  const standing = useQuery({
    queryKey: key,
    queryFn: () => api<Standing>('GET', `/people/${personId}/notice-opt-out`),
  });
  const change = useMutation({
    mutationFn: (optOut: boolean) =>
      api<Standing>(optOut ? 'PUT' : 'DELETE', `/people/${personId}/notice-opt-out`, optOut ? {} : undefined),
    // The switch follows the click at once and goes back if the server refuses.
    onMutate: (optOut) => queryClient.setQueryData<Standing>(key, { personId, optedOut: optOut }),
    onError: (_error, optOut) => queryClient.setQueryData<Standing>(key, { personId, optedOut: !optOut }),
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      announce(next.optedOut ? 'Recorded: no notices to the public.' : 'Notices to the public allowed again.');
    },
  });
  return (
    <div className="notice-opt-out">
      <h3>Notices to the public</h3>
      <FormError error={standing.error ?? change.error} />
      {standing.data && (
        <div className="checkbox-field">
          <input
            type="checkbox"
            id={`notice-opt-out-${personId}`}
            checked={standing.data.optedOut}
            disabled={change.isPending}
            onChange={(e) => change.mutate(e.target.checked)}
          />
          <label htmlFor={`notice-opt-out-${personId}`}>Asked for no notices to the public</label>
        </div>
      )}
    </div>
  );
}
