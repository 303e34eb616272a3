// Reference lists many screens need (units, subjects, colleagues, channels), cached for a while; a list the caller
// may not read (e.g. staff accounts for a caseworker) comes back empty rather than breaking the screen.
import { nameWithCode } from '../../shared/vocabulary.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Colleague, SignedInUser, StaffUser, Subject, Unit } from './types.ts';
import { CHANNEL_TYPES, PRIORITIES, WRITER_TYPES, channelLabel, writerTypeLabel } from '../../shared/vocabulary.ts';
import { CASE_STATUSES } from '../../shared/case-status.ts';
import { humanize } from '../format.ts';

const FIVE_MINUTES = 5 * 60_000;

/** The agency's units, by code. */
export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => api<Unit[]>('GET', '/units'), staleTime: FIVE_MINUTES });
}

/** The subject taxonomy, parents before children. */
export function useSubjects() {
  return useQuery({
    queryKey: ['subjects'],
    queryFn: () => api<Subject[]>('GET', '/subjects'),
    staleTime: FIVE_MINUTES,
  });
}

/** Staff accounts with contact details (administrators and supervisors may list them; others get an empty list). */
export function useStaffAccounts() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api<StaffUser[]>('GET', '/users').catch(() => [] as StaffUser[]),
    staleTime: FIVE_MINUTES,
  });
}

/** Active colleagues anyone signed in may assign work to (GET /staff: id, name, role, units). */
export function useColleagues() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => api<Colleague[]>('GET', '/staff'),
    staleTime: FIVE_MINUTES,
  });
}

export interface SelectOption {
  value: string;
  label: string;
  /** Options with the same group are shown together under it (an <optgroup>). */
  group?: string;
}

/**
 * Who a case may be assigned to: me first, then the members of `unitId` (the case's unit), then everyone else, then
 * "nobody". Auditors are never offered; unit liaisons only as members of the unit.
 */
export function assigneeOptions(
  colleagues: Colleague[] | undefined,
  me: Pick<SignedInUser, 'id' | 'name'>,
  unit: { id: number; name: string } | undefined,
  nobodyLabel: string,
): SelectOption[] {
  const others = (colleagues ?? []).filter((c) => c.id !== me.id && c.role !== 'auditor');
  const inUnit = unit ? others.filter((c) => c.unitIds.includes(unit.id)) : [];
  const rest = others.filter((c) => !inUnit.includes(c) && c.role !== 'unit_liaison');
  const label = (c: Colleague) => `${c.name} (${c.role.replace('_', ' ')})`;
  return [
    { value: String(me.id), label: `Me (${me.name})` },
    ...inUnit.map((c) => ({ value: String(c.id), label: label(c), group: `In ${unit!.name}` })),
    ...rest.map((c) => ({ value: String(c.id), label: label(c), group: unit ? 'Everyone else' : 'Colleagues' })),
    { value: 'none', label: nobodyLabel },
  ];
}

export interface Channel {
  slug: string;
  type: string;
  name: string;
  address?: string;
  phoneNumber: string | null;
  publicForm: boolean;
  active: boolean;
  unitCode: string | null;
  version: number;
}

/**
 * The agency's configured channels (hotlines included). `fresh` reads them again on every mount, so a hotline an
 * administrator has just opened is offered at once on the screens that take new work.
 */
export function useChannels({ fresh = false }: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: ['channels'],
    queryFn: () => api<Channel[]>('GET', '/channels'),
    staleTime: fresh ? 0 : FIVE_MINUTES,
  });
}

/** Doors a new case may come through: the agency's active channels, else the built-in channel types. */
export const intakeChannelOptions = (channels: Channel[] | undefined) =>
  channels?.length ? channels.filter((c) => c.active).map((c) => ({ value: c.slug, label: c.name })) : channelOptions;

/**
 * Channel filter choices: the agency's own channels by slug (hotlines included; closed ones marked), then the
 * built-in kinds, which match every channel of that kind.
 */
export function channelFilterOptions(channels: Channel[] | undefined): SelectOption[] {
  const own = (channels ?? []).map((c) => ({
    value: c.slug,
    label: c.active ? c.name : `${c.name} (closed)`,
    group: 'Channels',
  }));
  const taken = new Set(own.map((o) => o.value));
  return [
    ...own,
    ...channelOptions.filter((o) => !taken.has(o.value)).map((o) => ({ ...o, group: 'Any channel of the kind' })),
  ];
}

/** Options for a <select>. */
export const unitOptions = (units: Unit[] | undefined) =>
  (units ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: nameWithCode(u.name, u.code) }));

/** Subject options, children indented under their parent. */
export const subjectOptions = (subjects: Subject[] | undefined) =>
  (subjects ?? [])
    .filter((s) => s.active)
    .map((s) => ({ value: s.code, label: s.parentCode ? `— ${s.name}` : s.name }));

export const channelOptions: SelectOption[] = CHANNEL_TYPES.map((c) => ({ value: c, label: channelLabel(c) }));
export const statusOptions = CASE_STATUSES.map((s) => ({ value: s, label: humanize(s) }));
export const priorityOptions = PRIORITIES.map((p) => ({ value: p, label: humanize(p) }));
export const writerTypeOptions = WRITER_TYPES.map((w) => ({ value: w, label: writerTypeLabel(w) }));
