// The quality API as TanStack queries: the catalogue, the scorecard, one measure, plans and procedures.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  ActionPlan,
  ActionPlanSummary,
  Measure,
  MeasureDetail,
  ProcedureDetail,
  ProcedureSummary,
  QualityFile,
  Scorecard,
} from '../../../shared/quality.ts';

export const QUALITY_KEY = ['quality'] as const;

/** The measures catalogue. */
export function useMeasures() {
  return useQuery({ queryKey: [...QUALITY_KEY, 'measures'], queryFn: () => api<Measure[]>('GET', '/measures') });
}

/** The scorecard. */
export function useScorecard() {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'scorecard'],
    queryFn: () => api<Scorecard>('GET', '/quality/scorecard'),
  });
}

/** One measure with its values and goals (nothing while no key is chosen). */
export function useMeasure(key: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'measure', key],
    queryFn: () => api<MeasureDetail>('GET', `/measures/${encodeURIComponent(key!)}`),
    enabled: Boolean(key),
  });
}

/** Every action plan. */
export function usePlans() {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'plans'],
    queryFn: () => api<ActionPlanSummary[]>('GET', '/action-plans'),
  });
}

/** One action plan. */
export function usePlan(id: number) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'plan', id],
    queryFn: () => api<ActionPlan>('GET', `/action-plans/${id}`),
  });
}

/** The procedures library, or the procedures matching `q`. */
export function useProcedures(q: string) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'procedures', q],
    queryFn: () => api<ProcedureSummary[]>('GET', `/procedures${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  });
}

/** One procedure. */
export function useProcedure(id: number) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'procedure', id],
    queryFn: () => api<ProcedureDetail>('GET', `/procedures/${id}`),
  });
}

/** The files of a procedure's versions. */
export function useProcedureFiles(id: number) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'procedure', id, 'files'],
    queryFn: () => api<QualityFile[]>('GET', `/procedures/${id}/files`),
  });
}

/** The evidence files of a plan's actions. */
export function usePlanFiles(id: number) {
  return useQuery({
    queryKey: [...QUALITY_KEY, 'plan', id, 'files'],
    queryFn: () => api<QualityFile[]>('GET', `/action-plans/${id}/files`),
  });
}
