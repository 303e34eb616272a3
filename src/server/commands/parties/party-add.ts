// Adding a party to a case or complaint: a person on file (one the actor may see) or a new one found or made by the
// intake's person writer (same email, else same phone and last name), with a role; one transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findVisiblePerson, type IntakePerson } from '../../repositories/people.ts';
import { findOrCreatePersonForIntake } from '../../repositories/case-intake.ts';
import { insertParty } from '../../repositories/case-parties.ts';
import type { AddPartyBody } from '../../../shared/parties.ts';
import { refuse } from '../complaints/complaint-refusal.ts';
import { partyColumns, partyHolder, partyProblems, partySnapshot, type PartyHolderRef } from './party-input.ts';

/** Adds a party; returns its id. */
export async function addParty(ctx: CommandContext, ref: PartyHolderRef, input: AddPartyBody): Promise<number> {
  const early = [];
  if ((input.personId === undefined) === (input.person === undefined)) {
    early.push({ field: 'personId', message: 'choose a person on file or give a new person, one of the two' });
  }
  if (input.person && !input.person.firstName.trim() && !input.person.lastName.trim()) {
    early.push({ field: 'person.lastName', message: "give the person's name" });
  }
  refuse(early);
  return ctx.db.transaction().execute(async (tx) => {
    const holder = await partyHolder(tx, ctx, ref, true);
    refuse(await partyProblems(tx, ctx.agency.id, holder, input));
    let personId: number;
    if (input.personId !== undefined) {
      const person = await findVisiblePerson(ctx, tx, input.personId);
      if (!person) throw notFound(`Person ${input.personId}`);
      personId = person.merged_into_id ?? person.id;
    } else {
      const given = input.person!;
      const intake: IntakePerson = { firstName: given.firstName.trim(), lastName: given.lastName.trim() };
      if (given.email?.trim()) intake.email = given.email.trim();
      if (given.phone?.trim()) intake.phone = given.phone.trim();
      if (given.address?.trim()) intake.address = given.address.trim();
      if (given.language?.trim()) intake.language = given.language.trim();
      personId = (await findOrCreatePersonForIntake(tx, ctx.agency.id, intake, holder.restricted)).id;
    }
    const columns = partyColumns(input);
    const id = await insertParty(tx, {
      agency_id: ctx.agency.id,
      case_id: 'caseId' in holder.owner ? holder.owner.caseId : null,
      complaint_id: 'complaintId' in holder.owner ? holder.owner.complaintId : null,
      person_id: personId,
      ...columns,
      created_by: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'party.added',
      entityType: 'case_party',
      entityId: id,
      caseId: holder.caseId,
      after: partySnapshot({ ...columns, person_id: personId }),
    });
    return id;
  });
}
