// Read model of the parties of a case or complaint: each party's person as the reader may see them (the compartment
// of people, and the whereabouts of a party under a protective order only for the staff named on it), the
// authorization of a representative with whether it has expired, and whether a notice may be addressed to them.
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { attachmentNames, partiesOf, staffNames, type PartyRow } from '../repositories/case-parties.ts';
import { findPeople, personSights } from '../repositories/people.ts';
import { presentPeople, type Person } from './people-queries.ts';
import { normalizeAddress } from '../../domain/contact-normalization.ts';
import { localDate } from '../../shared/local-time.ts';
import type { Party } from '../../shared/parties.ts';
import type { PartyHolder } from '../commands/parties/party-input.ts';

/** Whether an authorization has expired on `today` (one without an expiry counts as expired: nothing on file). */
export function authorizationExpired(expiresOn: string | null, today: string): boolean {
  return expiresOn === null || expiresOn < today;
}

/** Whether a notice may be addressed to the party: a representative only while the authorization holds. */
export function mayBeAddressed(row: Pick<PartyRow, 'role' | 'authorization_expires_on'>, today: string): boolean {
  return row.role !== 'authorized_representative' || !authorizationExpired(row.authorization_expires_on, today);
}

export interface PresentedParties {
  parties: Party[];
  /** People whose whereabouts under a protective order were shown (to staff named on it): the caller audits each. */
  disclosedPersonIds: number[];
}

/**
 * Parties rows as the reader sees them. `discloseWhereabouts` shows a protected party's address to the staff named
 * on the order (a party panel); without it (lists, exports) such an address is never shown.
 */
export async function presentParties(
  ctx: CommandContext,
  db: Db,
  holder: PartyHolder,
  rows: PartyRow[],
  options: { discloseWhereabouts: boolean },
): Promise<PresentedParties> {
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const sights = await personSights(ctx, db, personIds);
  const visibleRows = (await findPeople(db, ctx.agency.id, personIds)).filter((p) => sights.get(p.id)?.visible);
  const people = new Map<number, Person>(
    (await presentPeople(ctx, db, visibleRows, options)).map((person) => [person.id, person]),
  );
  const [staff, files] = await Promise.all([
    staffNames(
      db,
      ctx.agency.id,
      rows.flatMap((r) => r.protected_staff_user_ids),
    ),
    attachmentNames(
      db,
      ctx.agency.id,
      holder.caseId,
      rows.flatMap((r) => (r.authorization_attachment_id === null ? [] : [r.authorization_attachment_id])),
    ),
  ]);
  const today = localDate(new Date(), ctx.agency.timeZone);
  const disclosed = new Set<number>();
  const parties: Party[] = [];
  for (const row of rows) {
    // A party whose person the reader may not see (the confidential compartment) is not shown at all.
    const person = people.get(row.person_id);
    if (!person) continue;
    const sight = sights.get(row.person_id)!;
    const address = person.addresses.find((a) => a.isPrimary)?.value ?? person.addresses[0]?.value ?? null;
    if (sight.protectiveOrder && address !== null) disclosed.add(row.person_id);
    parties.push({
      id: row.id,
      personId: row.person_id,
      firstName: person.firstName,
      lastName: person.lastName,
      role: row.role,
      address,
      whereaboutsWithheld: sight.protectiveOrder && address === null,
      authorization:
        row.role === 'authorized_representative'
          ? {
              reference: row.authorization_reference,
              attachmentId: row.authorization_attachment_id,
              attachmentName:
                row.authorization_attachment_id === null ? null : (files.get(row.authorization_attachment_id) ?? null),
              expiresOn: row.authorization_expires_on,
              expired: authorizationExpired(row.authorization_expires_on, today),
            }
          : null,
      mayBeAddressed: mayBeAddressed(row, today),
      protectiveOrder: row.protective_order,
      protectedStaff: row.protected_staff_user_ids.map((id) => ({ id, name: staff.get(id) ?? `user ${id}` })),
      version: row.version,
    });
  }
  return { parties, disclosedPersonIds: [...disclosed] };
}

/** The parties of a case or complaint as the reader sees them in its panel. */
export async function listParties(ctx: CommandContext, db: Db, holder: PartyHolder): Promise<PresentedParties> {
  const rows = await partiesOf(db, ctx.agency.id, holder.owner);
  return presentParties(ctx, db, holder, rows, { discloseWhereabouts: true });
}

/**
 * Refuses a notice that would reveal or reach an address kept under a protective order of a party other than its
 * addressee: the addressee's own address, or any text of the notice, holding such an address (409).
 */
export function refuseProtectedAddresses(
  protectedAddresses: { personId: number; address: string }[],
  addressee: { personId: number | null; address: string | null },
  texts: string[],
): void {
  const others = protectedAddresses
    .filter((p) => p.personId !== addressee.personId)
    .map((p) => normalizeAddress(p.address))
    .filter((a) => a.length > 0);
  if (others.length === 0) return;
  if (addressee.address && others.includes(normalizeAddress(addressee.address))) {
    throw new AppError(
      'conflict',
      'This notice would go to an address kept under a protective order of another party; correct the addressee’s address first.',
    );
  }
  // The street line alone gives the whereabouts away as well as the whole address.
  const needles = protectedAddresses
    .filter((p) => p.personId !== addressee.personId)
    .flatMap((p) => [normalizeAddress(p.address), normalizeAddress(p.address.split(/\r?\n|,/)[0] ?? '')])
    .filter((a) => a.length >= 6);
  const normalizedTexts = texts.map((t) => normalizeAddress(t));
  if (needles.some((address) => normalizedTexts.some((text) => text.includes(address)))) {
    throw new AppError(
      'conflict',
      'This notice names an address kept under a protective order of another party; take it out of the notice first.',
    );
  }
}
