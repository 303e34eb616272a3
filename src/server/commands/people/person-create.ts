// Creating a person by hand (a walk-in, a phone call, an advocate's office): the record, its contacts and one audit
// event in one transaction; answered with the people who may be the same human, so staff can merge at once.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { contactsOf, insertPerson, replaceContacts } from '../../repositories/people.ts';
import {
  duplicateSuggestions,
  getPerson,
  type DuplicateSuggestion,
  type Person,
} from '../../queries/people-queries.ts';
import {
  auditSnapshot,
  authorizePersonChange,
  cleanPersonFields,
  requireSomeName,
  type PersonFields,
} from './person-input.ts';

export type CreatePersonInput = Pick<PersonFields, 'firstName' | 'lastName'> &
  Partial<Omit<PersonFields, 'firstName' | 'lastName'>>;

/** Creates a person with contacts; returns it with duplicate suggestions (the record is created either way). */
export async function createPerson(
  ctx: CommandContext,
  input: CreatePersonInput,
): Promise<Person & { duplicateSuggestions: DuplicateSuggestion[] }> {
  authorizePersonChange(ctx, "add people's records");
  const { fields, contacts } = cleanPersonFields(input);
  const person = {
    firstName: fields.firstName ?? '',
    lastName: fields.lastName ?? '',
    organisation: fields.organisation ?? null,
  };
  requireSomeName(person);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertPerson(tx, ctx.agency.id, {
      first_name: person.firstName,
      last_name: person.lastName,
      kind: fields.kind ?? 'constituent',
      organisation: person.organisation,
      preferred_language: fields.preferredLanguage ?? 'en',
      interpretation_needed: fields.interpretationNeeded ?? false,
      accessibility_needs: fields.accessibilityNeeds ?? [],
      notes: fields.notes ?? null,
    });
    await replaceContacts(tx, ctx.agency.id, row.id, 'email', contacts.email ?? []);
    await replaceContacts(tx, ctx.agency.id, row.id, 'phone', contacts.phone ?? []);
    await replaceContacts(tx, ctx.agency.id, row.id, 'address', contacts.address ?? []);
    await recordAudit(tx, ctx, {
      action: 'person.created',
      entityType: 'person',
      entityId: row.id,
      after: auditSnapshot(row, await contactsOf(tx, ctx.agency.id, [row.id])),
    });
    return {
      ...(await getPerson(ctx, tx, row.id)),
      duplicateSuggestions: await duplicateSuggestions(ctx, tx, row.id),
    };
  });
}
