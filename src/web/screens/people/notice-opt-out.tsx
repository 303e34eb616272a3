// A person's choice about notices to the public: whether they asked for none, and a switch to record or withdraw it.
import { useState } from 'react';
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
  // The switch follows the click in the same render, and shows the recorded answer again once the server has replied.
  const [clicked, setClicked] = useState<boolean | undefined>();
  const change = useMutation({
    mutationFn: (optOut: boolean) =>
      api<Standing>(optOut ? 'PUT' : 'DELETE', `/people/${personId}/notice-opt-out`, optOut ? {} : undefined),
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      announce(next.optedOut ? 'Recorded: no notices to the public.' : 'Notices to the public allowed again.');
    },
    onSettled: () => setClicked(undefined),
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
            checked={clicked ?? standing.data.optedOut}
            disabled={change.isPending}
            onChange={(e) => {
              setClicked(e.target.checked);
              change.mutate(e.target.checked);
            }}
          />
          <label htmlFor={`notice-opt-out-${personId}`}>Asked for no notices to the public</label>
        </div>
      )}
    </div>
  );
}
