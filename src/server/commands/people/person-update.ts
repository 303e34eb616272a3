// Editing a person: the fields given change, each contact list given replaces the old one, all at the version the
// editor saw (409 otherwise); one audit event with every changed field's old and new value.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, diffFields } from '../../repositories/audit.ts';
import {
  contactsOf,
  findVisiblePerson,
  personSights,
  replaceContacts,
  updatePersonRow,
  type ContactKind,
  type PersonChanges,
} from '../../repositories/people.ts';
import { getPersonWithHistory, type Person, type PersonCase } from '../../queries/people-queries.ts';
import { checkVersion } from '../common.ts';
import { authorizeConfidentialFlag } from '../../policies/person-access.ts';
import {
  auditSnapshot,
  authorizePersonChange,
  cleanPersonFields,
  requireSomeName,
  type PersonFields,
} from './person-input.ts';

export type UpdatePersonInput = Partial<PersonFields>;

/** Applies an edit at the expected version; returns the person with their case history. */
export async function updatePerson(
  ctx: CommandContext,
  id: number,
  input: UpdatePersonInput,
  expectedVersion: number,
): Promise<Person & { cases: PersonCase[] }> {
  authorizePersonChange(ctx, "edit people's records");
  const { fields, contacts } = cleanPersonFields(input);
  return ctx.db.transaction().execute(async (tx) => {
    // A person the actor may not see does not exist for them: 404, as a read answers.
    const current = await findVisiblePerson(ctx, tx, id, { forUpdate: true });
    if (!current) throw notFound(`Person ${id}`);
    const sight = (await personSights(ctx, tx, [id])).get(id)!;
    if (current.merged_into_id !== null) {
      throw new AppError(
        'conflict',
        `Person ${id} was merged into person ${current.merged_into_id}; edit that record instead.`,
      );
    }
    checkVersion(`Person ${id}`, current.version, expectedVersion);
    const changes: PersonChanges = {};
    if (fields.firstName !== undefined) changes.first_name = fields.firstName;
    if (fields.lastName !== undefined) changes.last_name = fields.lastName;
    if (fields.kind !== undefined) changes.kind = fields.kind;
    if (fields.organisation !== undefined) changes.organisation = fields.organisation;
    if (fields.preferredLanguage !== undefined) changes.preferred_language = fields.preferredLanguage;
    if (fields.interpretationNeeded !== undefined) changes.interpretation_needed = fields.interpretationNeeded;
    if (fields.accessibilityNeeds !== undefined) changes.accessibility_needs = fields.accessibilityNeeds;
    if (fields.notes !== undefined) changes.notes = fields.notes;
    if (fields.confidentialReason !== undefined && fields.confidentialReason !== current.confidential_reason) {
      authorizeConfidentialFlag(sight, sight.seesRestrictedCase);
      changes.confidential_reason = fields.confidentialReason;
    }
    requireSomeName({
      firstName: changes.first_name ?? current.first_name,
      lastName: changes.last_name ?? current.last_name,
      organisation: changes.organisation === undefined ? current.organisation : changes.organisation,
    });

    const before = auditSnapshot(current, await contactsOf(tx, ctx.agency.id, [id]));
    for (const kind of ['email', 'phone', 'address'] as ContactKind[]) {
      const entries = contacts[kind];
      // Outside the compartment an editor replaces only what ordinary cases gave; inside it, what they add stays there.
      if (entries) {
        await replaceContacts(tx, ctx.agency.id, id, kind, entries, {
          keepRestricted: !sight.insider,
          restrictNew: sight.insider && sight.compartmented,
        });
      }
    }
    const proposed = auditSnapshot(
      { ...current, ...changes } as typeof current,
      await contactsOf(tx, ctx.agency.id, [id]),
    );
    // Saving what is already there changes nothing: no new version, no audit event.
    if (diffFields(before, proposed).length > 0) {
      const next = await updatePersonRow(tx, current, changes);
      await recordAudit(tx, ctx, {
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        before,
        after: auditSnapshot(next, await contactsOf(tx, ctx.agency.id, [id])),
      });
    }
    return getPersonWithHistory(ctx, id, tx);
  });
}
