// The agency's settings (calendar, escalation levels, …) as the configuration screens read them.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AgencySettings } from '../../api/types.ts';

export const AGENCY_KEY = ['agency'] as const;

/** GET /agency. */
export function useAgency() {
  return useQuery({ queryKey: AGENCY_KEY, queryFn: () => api<AgencySettings>('GET', '/agency') });
}
