// SQL for channels: the configured doors of an agency (email addresses, web form, hotlines, 311 …).
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ChannelSettings, ChannelsTable } from '../db/schema.ts';

export type ChannelRow = Selectable<ChannelsTable>;

/** The channels every new agency starts with; the email channel gets the configured inbound address. */
export function defaultChannels(inboundAddress: string | null) {
  return [
    { slug: 'email', type: 'email', name: 'Email', address: inboundAddress, public_form: false },
    { slug: 'letter', type: 'letter', name: 'Letters', address: null, public_form: false },
    { slug: 'web', type: 'web', name: 'Website form', address: null, public_form: true },
    { slug: 'phone', type: 'phone', name: 'Telephone', address: null, public_form: false },
    { slug: '311', type: '311', name: '311', address: null, public_form: false },
    { slug: 'walk-in', type: 'walk_in', name: 'Walk-in', address: null, public_form: false },
  ];
}

/** Creates the default channels an agency lacks (by slug); an existing channel is left as it is. */
export async function ensureDefaultChannels(tx: Db, agencyId: number, inboundAddress: string | null): Promise<void> {
  const taken = inboundAddress
    ? await tx
        .selectFrom('channels')
        .select('agency_id')
        .where((eb) => eb(eb.fn('lower', ['address']), '=', inboundAddress.toLowerCase()))
        .where('type', '=', 'email')
        .executeTakeFirst()
    : undefined;
  const rows = defaultChannels(taken && taken.agency_id !== agencyId ? null : inboundAddress);
  await tx
    .insertInto('channels')
    .values(rows.map((r) => ({ ...r, agency_id: agencyId, settings: JSON.stringify({}) })))
    .onConflict((oc) => oc.columns(['agency_id', 'slug']).doNothing())
    .execute();
}

/** All channels of an agency, by type then name. */
export async function listChannels(db: Db, agencyId: number): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('type')
    .orderBy('name')
    .execute();
}

/** One channel by slug, or undefined. */
export async function findChannel(db: Db, agencyId: number, slug: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** The active email channel that owns an address (any agency), or undefined — mail for others is refused. */
export async function findEmailChannelByAddress(db: Db, address: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('type', '=', 'email')
    .where('active', '=', true)
    .where((eb) => eb(eb.fn('lower', ['address']), '=', address.trim().toLowerCase()))
    .executeTakeFirst();
}

/** Whether an email channel (of any agency) already receives this address, ignoring case. */
export async function emailAddressTaken(db: Db, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('channels')
    .select('slug')
    .where((eb) => eb(eb.fn('lower', ['address']), '=', address.toLowerCase()))
    .where('type', '=', 'email')
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a channel; returns its row. */
export async function insertChannel(db: Db, channel: Insertable<ChannelsTable>): Promise<ChannelRow> {
  return db.insertInto('channels').values(channel).returningAll().executeTakeFirstOrThrow();
}

/** One channel by slug, locked for the rest of the transaction, or undefined. */
export async function lockChannel(db: Db, agencyId: number, slug: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('slug', '=', slug)
    .forUpdate()
    .executeTakeFirst();
}

/** Changes a channel; returns the new row. */
export async function updateChannelRow(
  db: Db,
  agencyId: number,
  id: number,
  patch: Updateable<ChannelsTable>,
): Promise<ChannelRow> {
  return db
    .updateTable('channels')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type { ChannelSettings };
