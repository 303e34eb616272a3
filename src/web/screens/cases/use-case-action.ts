// One way to change a case from the case view: send the request, put the answered case into the cache, refresh the
// case's timeline, deadlines, audit trail and the queues, and announce what happened. A stale version (409) reloads
// the case so the next try works on what is there now.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { useAnnounce } from '../../components/announcer.tsx';

/** The cache keys of one case and its parts. */
export const caseKeys = {
  record: (tn: string) => ['case', tn] as const,
  part: (tn: string, part: string) => ['case', tn, part] as const,
};

const caseIn = (answer: unknown): CaseRecord | null => {
  if (answer && typeof answer === 'object') {
    if ('trackingNumber' in answer) return answer as CaseRecord;
    if ('case' in answer && answer.case && typeof answer.case === 'object') return answer.case as CaseRecord;
  }
  return null;
};

/** A mutation posting to /cases/:tn/<path>; `message` words the success for the live region. */
export function useCaseAction<Input>(
  trackingNumber: string,
  request: (input: Input) => { method?: string; path: string; body?: unknown },
  message: (input: Input, answer: unknown) => string,
) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: (input: Input) => {
      const r = request(input);
      return api<unknown>(r.method ?? 'POST', `/cases/${encodeURIComponent(trackingNumber)}${r.path}`, r.body);
    },
    onSuccess: (answer, input) => {
      const updated = caseIn(answer);
      if (updated) queryClient.setQueryData(caseKeys.record(trackingNumber), updated);
      void queryClient.invalidateQueries({ queryKey: ['case', trackingNumber] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      announce(message(input, answer));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        void queryClient.invalidateQueries({ queryKey: caseKeys.record(trackingNumber) });
      }
    },
  });
}
