// The IMAP mailbox of an email channel (administrators): where civicdesk fetches mail that arrives at another mail
// server. The password is a secret: stored for the poller, never returned, never in the audit trail or a log.
import type { CommandContext } from '../../context.ts';
import type { Config } from '../../env.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findChannel, type ChannelRow } from '../../repositories/channels.ts';
import { deleteMailbox, findMailbox, saveMailbox, type MailboxRow } from '../../repositories/email-messages.ts';
import { FieldProblems, requireAdministrator } from '../common.ts';
import { pollMailbox } from '../../channels/email/imap-poller.ts';
import { sealMailboxPassword } from './stored-secrets.ts';

export interface MailboxInput {
  host: string;
  port: number;
  secure?: boolean | undefined;
  username: string;
  /** Omitted on a change: the stored password stays. */
  password?: string | undefined;
  folder?: string | undefined;
  moveTo?: string | null | undefined;
  active?: boolean | undefined;
}

/** The API shape of a mailbox: everything but the password. */
export function presentMailbox(channel: ChannelRow, row: MailboxRow) {
  return {
    channel: channel.slug,
    host: row.host,
    port: row.port,
    secure: row.secure,
    username: row.username,
    hasPassword: row.password !== '',
    folder: row.folder,
    moveTo: row.move_to,
    active: row.active,
    lastPolledAt: row.last_polled_at,
    lastError: row.last_error,
    version: row.version,
  };
}

async function emailChannel(ctx: CommandContext, slug: string): Promise<ChannelRow> {
  const channel = await findChannel(ctx.db, ctx.agency.id, slug);
  if (!channel) throw notFound(`Channel "${slug}"`);
  if (channel.type !== 'email') {
    throw new AppError(
      'validation_failed',
      `Channel "${slug}" is a ${channel.type} channel; only email channels have a mailbox.`,
      [{ field: 'slug', message: 'not an email channel' }],
    );
  }
  return channel;
}

/** The mailbox of an email channel (administrators). */
export async function getChannelMailbox(ctx: CommandContext, slug: string) {
  requireAdministrator(ctx, 'see mailbox settings');
  const channel = await emailChannel(ctx, slug);
  const row = await findMailbox(ctx.db, ctx.agency.id, channel.id);
  if (!row) throw notFound(`A mailbox of channel "${slug}"`);
  return presentMailbox(channel, row);
}

/** Sets (creates or replaces) the mailbox of an email channel. */
export async function setChannelMailbox(
  ctx: CommandContext,
  config: Pick<Config, 'secret'>,
  slug: string,
  input: MailboxInput,
) {
  requireAdministrator(ctx, 'change mailbox settings');
  const channel = await emailChannel(ctx, slug);
  const problems = new FieldProblems();
  const host = input.host.trim();
  if (!/^[a-z0-9.-]+$/i.test(host) && !/^\[?[0-9a-f:.]+\]?$/i.test(host))
    problems.add('host', 'must be a host name or an IP address');
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) problems.add('port', 'must be 1–65535');
  if (!input.username.trim()) problems.add('username', 'must not be blank');
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/;
  for (const [field, value] of [
    ['username', input.username],
    ['password', input.password ?? ''],
    ['folder', input.folder ?? ''],
    ['moveTo', input.moveTo ?? ''],
  ] as const) {
    if (control.test(value)) problems.add(field, 'must not contain line breaks or control characters');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findMailbox(tx, ctx.agency.id, channel.id);
    if (!current && !input.password) problems.add('password', 'is required for a new mailbox');
    problems.throwIfAny();
    const row = await saveMailbox(tx, {
      agency_id: ctx.agency.id,
      channel_id: channel.id,
      host,
      port: input.port,
      secure: input.secure ?? input.port === 993,
      username: input.username.trim(),
      // Kept encrypted (secret-box.ts); an unchanged password stays as stored.
      password: input.password
        ? await sealMailboxPassword(tx, config, ctx.agency.id, channel.id, input.password)
        : current!.password,
      folder: input.folder?.trim() || 'INBOX',
      move_to: input.moveTo?.trim() || null,
      active: input.active ?? true,
    });
    const visible = (r: MailboxRow | undefined) =>
      r ? { ...presentMailbox(channel, r), hasPassword: undefined, lastPolledAt: undefined, version: undefined } : null;
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: current ? 'channel.mailbox_changed' : 'channel.mailbox_added',
        entityType: 'channel',
        entityId: slug,
        before: visible(current),
        after: { ...visible(row), ...(input.password ? { password: current ? '(changed)' : '(set)' } : {}) },
      },
    );
    return presentMailbox(channel, row);
  });
}

/** Removes the mailbox of an email channel. */
export async function removeChannelMailbox(ctx: CommandContext, slug: string) {
  requireAdministrator(ctx, 'change mailbox settings');
  const channel = await emailChannel(ctx, slug);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await findMailbox(tx, ctx.agency.id, channel.id);
    if (!current || !(await deleteMailbox(tx, ctx.agency.id, channel.id)))
      throw notFound(`A mailbox of channel "${slug}"`);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'channel.mailbox_removed',
        entityType: 'channel',
        entityId: slug,
        before: { host: current.host, username: current.username },
      },
    );
  });
}

/** Polls a channel's mailbox now and reports what came in. */
export async function pollChannelMailbox(ctx: CommandContext, config: Config, slug: string) {
  requireAdministrator(ctx, 'poll mailboxes');
  const channel = await emailChannel(ctx, slug);
  const mailbox = await findMailbox(ctx.db, ctx.agency.id, channel.id);
  if (!mailbox) throw notFound(`A mailbox of channel "${slug}"`);
  try {
    const result = await pollMailbox({ db: ctx.db, config }, mailbox, channel);
    const count = (outcome: string) => result.outcomes.filter((o) => o.outcome === outcome).length;
    return {
      fetched: result.fetched,
      casesCreated: count('case_created'),
      replies: count('reply'),
      duplicates: count('duplicate'),
      quarantined: count('quarantined'),
      failed: result.failed,
    };
  } catch (error) {
    throw new AppError('service_unavailable', (error as Error).message);
  }
}
