// What the person commands share: the fields a person record takes, their checks (every bad field named at
// once), contact lists cleaned to their normal forms, who may change people, and the snapshot the audit diffs.
import type { CommandContext } from '../../context.ts';
import type { ConfidentialReason, WriterType } from '../../db/schema.ts';
import type { ContactEntry, ContactKind, ContactRow, PersonRow } from '../../repositories/people.ts';
import { normalizeContact } from '../../repositories/people.ts';
import { isLanguageCode, LANGUAGE_CODES } from '../../../shared/languages.ts';
import { FieldProblems, requireRole } from '../common.ts';

export { ACCESSIBILITY_NEEDS, CONFIDENTIAL_REASONS, PERSON_KINDS } from '../../../shared/people.ts';
import { ACCESSIBILITY_NEEDS, CONFIDENTIAL_REASONS, PERSON_KINDS } from '../../../shared/people.ts';
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEEDS)[number];

export interface ContactInput {
  value: string;
  label?: string | null | undefined;
}

/** Every field of a person; on update each one is optional and an absent one is left as it is. */
export interface PersonFields {
  firstName: string;
  lastName: string;
  kind: WriterType;
  organisation: string | null;
  preferredLanguage: string;
  interpretationNeeded: boolean;
  accessibilityNeeds: string[];
  notes: string | null;
  /** Keeps the person inside the confidential compartment (null lifts it); only on update. */
  confidentialReason: ConfidentialReason | null;
  emails: ContactInput[];
  phones: ContactInput[];
  addresses: ContactInput[];
}

export type CleanContacts = Record<ContactKind, ContactEntry[] | undefined>;

const contactFields: [ContactKind, 'emails' | 'phones' | 'addresses'][] = [
  ['email', 'emails'],
  ['phone', 'phones'],
  ['address', 'addresses'],
];

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks and cleans the given fields (400 naming every bad one): trimmed text, known language, kind and needs,
 * contacts in their normal forms with repeats dropped. Absent fields stay absent.
 */
export function cleanPersonFields(input: Partial<PersonFields>): {
  fields: Partial<Omit<PersonFields, 'emails' | 'phones' | 'addresses'>>;
  contacts: CleanContacts;
} {
  const problems = new FieldProblems();
  const fields: Partial<Omit<PersonFields, 'emails' | 'phones' | 'addresses'>> = {};
  if (input.firstName !== undefined) fields.firstName = input.firstName.trim();
  if (input.lastName !== undefined) fields.lastName = input.lastName.trim();
  if (input.kind !== undefined) {
    if (!(PERSON_KINDS as readonly string[]).includes(input.kind)) {
      problems.add('kind', `must be one of ${PERSON_KINDS.join(', ')}`);
    }
    fields.kind = input.kind;
  }
  const organisation = optionalText(input.organisation);
  if (organisation !== undefined) fields.organisation = organisation;
  const notes = optionalText(input.notes);
  if (notes !== undefined) fields.notes = notes;
  if (input.preferredLanguage !== undefined) {
    if (!isLanguageCode(input.preferredLanguage)) {
      problems.add('preferredLanguage', `"${input.preferredLanguage}" is not one of ${LANGUAGE_CODES.join(', ')}`);
    }
    fields.preferredLanguage = input.preferredLanguage;
  }
  if (input.interpretationNeeded !== undefined) fields.interpretationNeeded = input.interpretationNeeded;
  if (input.confidentialReason !== undefined) {
    if (input.confidentialReason !== null && !CONFIDENTIAL_REASONS.includes(input.confidentialReason)) {
      problems.add('confidentialReason', `must be one of ${CONFIDENTIAL_REASONS.join(', ')}, or null`);
    }
    fields.confidentialReason = input.confidentialReason;
  }
  if (input.accessibilityNeeds !== undefined) {
    input.accessibilityNeeds.forEach((need, index) => {
      if (!(ACCESSIBILITY_NEEDS as readonly string[]).includes(need)) {
        problems.add(`accessibilityNeeds.${index}`, `"${need}" is not one of ${ACCESSIBILITY_NEEDS.join(', ')}`);
      }
    });
    // Kept in the fixed order of the list, so the same needs always compare (and audit) equal.
    fields.accessibilityNeeds = ACCESSIBILITY_NEEDS.filter((need) => input.accessibilityNeeds!.includes(need));
  }

  const contacts: CleanContacts = { email: undefined, phone: undefined, address: undefined };
  for (const [kind, field] of contactFields) {
    const list = input[field];
    if (list === undefined) continue;
    const seen = new Set<string>();
    const entries: ContactEntry[] = [];
    list.forEach((contact, index) => {
      const value = contact.value.trim();
      const normalized = normalizeContact(kind, value);
      if (kind === 'email' && !EMAIL_SHAPE.test(normalized)) {
        problems.add(`${field}.${index}.value`, 'is not an email address (name@example.org)');
      } else if (kind === 'phone' && (normalized.length < 7 || normalized.length > 15)) {
        problems.add(`${field}.${index}.value`, 'needs 7 to 15 digits (an extension after "ext" is ignored)');
      } else if (kind === 'address' && normalized === '') {
        problems.add(`${field}.${index}.value`, 'must not be blank');
      }
      if (seen.has(normalized)) return;
      seen.add(normalized);
      entries.push({ value, normalized, label: optionalText(contact.label) ?? null });
    });
    contacts[kind] = entries;
  }
  problems.throwIfAny();
  return { fields, contacts };
}

/** A person needs some name to be found again: a first or last name, or an organisation. */
export function requireSomeName(person: { firstName: string; lastName: string; organisation: string | null }): void {
  if (!person.firstName && !person.lastName && !person.organisation) {
    const problems = new FieldProblems();
    problems.add('lastName', 'a person needs a first name, a last name or an organisation');
    problems.throwIfAny();
  }
}

/** Refuses (403) a change to people's records by an auditor (read-only) or a unit liaison. */
export function authorizePersonChange(ctx: CommandContext, action: string): void {
  requireRole(ctx, ['administrator', 'supervisor', 'caseworker'], action);
}

/** The record as the audit trail compares it: columns plus the contact lists as written. */
export function auditSnapshot(row: PersonRow, contacts: ContactRow[]): Record<string, unknown> {
  const listOf = (kind: ContactKind) =>
    contacts
      .filter((c) => c.person_id === row.id && c.kind === kind)
      .map((c) => (c.label ? { value: c.value, label: c.label } : { value: c.value }));
  return {
    first_name: row.first_name,
    last_name: row.last_name,
    kind: row.kind,
    organisation: row.organisation,
    preferred_language: row.preferred_language,
    interpretation_needed: row.interpretation_needed,
    accessibility_needs: row.accessibility_needs,
    notes: row.notes,
    confidential_reason: row.confidential_reason,
    emails: listOf('email'),
    phones: listOf('phone'),
    addresses: listOf('address'),
    merged_into_id: row.merged_into_id,
  };
}
