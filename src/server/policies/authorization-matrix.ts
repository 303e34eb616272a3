// The authorization matrix: for each role, each resource and each standing of the record (ordinary; restricted and
// the reader outside its unit; restricted and the reader a member of its unit), what the API answers. It states the
// rules of case-access.ts and person-access.ts as data; authorization-matrix.test.ts exercises the API for every
// cell, so a change of rule shows here, in review, before it ships.
import type { Role } from '../db/schema.ts';

/** allowed: the API does it; refused: 403 (the reader sees the record but may not do this); hidden: 404, not listed. */
export type Outcome = 'allowed' | 'refused' | 'hidden';

/** The record the operation touches: ordinary, or restricted with the reader outside or inside its unit. */
export type Standing = 'ordinary' | 'restricted_outsider' | 'restricted_insider';

export const STANDINGS: readonly Standing[] = ['ordinary', 'restricted_outsider', 'restricted_insider'];

export const ROLES: readonly Role[] = ['administrator', 'supervisor', 'caseworker', 'unit_liaison', 'auditor'];

/** The operations the matrix covers; for a person, "restricted" means known only from a restricted case. */
export type Resource =
  | 'case.view' // GET /cases/{trackingNumber}
  | 'case.list' // GET /cases?q= finds it
  | 'case.edit' // PATCH /cases/{trackingNumber}
  | 'case.note' // POST /cases/{trackingNumber}/notes
  | 'person.view' // GET /people/{id}
  | 'person.search' // GET /people?q= finds them
  | 'person.edit' // PATCH /people/{id}
  | 'search' // GET /search?q= finds the person
  | 'open311.request'; // GET /open311/v2/requests/{id} (no role: the public) answers for the case

export const RESOURCES: readonly Resource[] = [
  'case.view',
  'case.list',
  'case.edit',
  'case.note',
  'person.view',
  'person.search',
  'person.edit',
  'search',
  'open311.request',
];

type Row = Record<Standing, Outcome>;
const row = (ordinary: Outcome, restrictedOutsider: Outcome, restrictedInsider: Outcome): Row => ({
  ordinary,
  restricted_outsider: restrictedOutsider,
  restricted_insider: restrictedInsider,
});

// Readers who are not liaisons see every ordinary case of the agency; a liaison sees only their unit's (the ordinary
// case of the matrix is routed elsewhere). Nobody outside a restricted case's unit sees it, administrators included.
const seesAll = row('allowed', 'hidden', 'allowed');
const liaisonCases = row('hidden', 'hidden', 'allowed');

/** The matrix: MATRIX[role][resource][standing]. */
export const MATRIX: Record<Role, Record<Resource, Row>> = {
  administrator: {
    'case.view': seesAll,
    'case.list': seesAll,
    'case.edit': seesAll,
    'case.note': seesAll,
    'person.view': seesAll,
    'person.search': seesAll,
    'person.edit': seesAll,
    search: seesAll,
    'open311.request': row('allowed', 'hidden', 'hidden'),
  },
  supervisor: {
    'case.view': seesAll,
    'case.list': seesAll,
    'case.edit': seesAll,
    'case.note': seesAll,
    'person.view': seesAll,
    'person.search': seesAll,
    'person.edit': seesAll,
    search: seesAll,
    'open311.request': row('allowed', 'hidden', 'hidden'),
  },
  caseworker: {
    'case.view': seesAll,
    'case.list': seesAll,
    'case.edit': seesAll,
    'case.note': seesAll,
    'person.view': seesAll,
    'person.search': seesAll,
    'person.edit': seesAll,
    search: seesAll,
    'open311.request': row('allowed', 'hidden', 'hidden'),
  },
  unit_liaison: {
    'case.view': liaisonCases,
    'case.list': liaisonCases,
    'case.edit': row('hidden', 'hidden', 'refused'),
    'case.note': liaisonCases,
    'person.view': seesAll,
    'person.search': seesAll,
    // Refused by role before any record is read, so the answer says nothing about the person.
    'person.edit': row('refused', 'refused', 'refused'),
    search: seesAll,
    'open311.request': row('allowed', 'hidden', 'hidden'),
  },
  auditor: {
    'case.view': seesAll,
    'case.list': seesAll,
    'case.edit': row('refused', 'hidden', 'refused'),
    'case.note': row('refused', 'hidden', 'refused'),
    'person.view': seesAll,
    'person.search': seesAll,
    'person.edit': row('refused', 'refused', 'refused'),
    search: seesAll,
    'open311.request': row('allowed', 'hidden', 'hidden'),
  },
};
