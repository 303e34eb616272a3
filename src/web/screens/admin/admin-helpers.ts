// What the configuration screens share: a mutation that refreshes the screen's list and announces the change,
// comma-separated lists in text inputs, and plain-English summaries of conditions and targets.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';

/** A configuration change: calls the API, refreshes `refresh` keys and announces `message`. */
export function useAdminMutation<Input>(
  request: (input: Input) => { method: string; path: string; body?: unknown },
  refresh: readonly (readonly unknown[])[],
  message: (input: Input, answer: unknown) => string,
) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: (input: Input) => {
      const r = request(input);
      return api<unknown>(r.method, r.path, r.body);
    },
    onSuccess: (answer, input) => {
      for (const key of refresh) void queryClient.invalidateQueries({ queryKey: key });
      announce(message(input, answer));
    },
    onError: () => {
      for (const key of refresh) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

/** "a, b ,c" → ["a","b","c"]; empty → undefined (so the key is left out). */
export function toList(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** ["a","b"] → "a, b". */
export const fromList = (list: readonly string[] | undefined) => (list ?? []).join(', ');

const FIELD_NAMES: Record<string, string> = { writerType: 'writer type' };

/** "channel is email or letter; subject is SNAP" — or "every item". */
export function describeConditions(conditions: Record<string, readonly string[] | undefined>): string {
  const parts = Object.entries(conditions)
    .filter(([, values]) => values && values.length)
    .map(([field, values]) =>
      field === 'words'
        ? `text mentions ${values!.map((w) => `“${w}”`).join(' or ')}`
        : `${FIELD_NAMES[field] ?? field} is ${values!.join(' or ')}`,
    );
  return parts.length ? parts.join('; ') : 'every item';
}

/** "14 calendar days" / "none". */
export function describeTarget(target: { amount: number; unit: string } | null): string {
  if (!target) return 'none';
  return `${target.amount} ${target.unit.replace('_', ' ').replace(/s$/, target.amount === 1 ? '' : 's')}`;
}
