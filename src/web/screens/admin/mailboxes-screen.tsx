// IMAP mailboxes: the mailbox each email channel polls — server, account, folders — set, tested ("poll now", with what
// came in) and removed here. The password is write-only: the screen says whether one is stored, never shows it, and
// a save with the password left empty keeps the stored one.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useChannels, type Channel } from '../../api/reference.ts';
import { CheckboxField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { formatDateTime } from '../../format.ts';
import type { Static } from '@sinclair/typebox';
import type { MailboxSchema, MailPollResultSchema } from '../../../shared/email.ts';
import { useAdminMutation } from './admin-helpers.ts';

type Mailbox = Static<typeof MailboxSchema>;
type PollResult = Static<typeof MailPollResultSchema>;

const mailboxKey = (slug: string) => ['mailbox', slug] as const;

/** The channel's mailbox, or null when it has none (the API answers 404). */
function useMailbox(slug: string) {
  return useQuery({
    queryKey: mailboxKey(slug),
    queryFn: async () => {
      try {
        return await api<Mailbox>('GET', `/channels/${encodeURIComponent(slug)}/mailbox`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

function pollSummary(result: PollResult): string {
  const parts = [
    `${result.fetched} fetched`,
    `${result.casesCreated} new cases`,
    `${result.replies} replies`,
    `${result.duplicates} duplicates`,
    `${result.quarantined} quarantined`,
    `${result.failed} failed`,
  ];
  return `The mailbox answered: ${parts.join(', ')}.`;
}

function MailboxForm({ channel, mailbox }: { channel: Channel; mailbox: Mailbox | null }) {
  const slug = channel.slug;
  const [editing, setEditing] = useState(false);
  const [pollResult, setPollResult] = useState<string | null>(null);
  const path = `/channels/${encodeURIComponent(slug)}/mailbox`;
  const save = useAdminMutation<Record<string, unknown>>(
    (body) => ({ method: 'PUT', path, body }),
    [mailboxKey(slug)],
    () => `Mailbox of ${channel.name} saved.`,
  );
  const remove = useAdminMutation<void>(
    () => ({ method: 'DELETE', path }),
    [mailboxKey(slug)],
    () => `${channel.name} no longer polls a mailbox.`,
  );
  const poll = useAdminMutation<void>(
    () => ({ method: 'POST', path: `${path}/poll` }),
    [mailboxKey(slug)],
    (_input, answer) => pollSummary(answer as PollResult),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const port = Number(value('port'));
    save.mutate(
      {
        host: value('host'),
        port: Number.isInteger(port) && value('port') ? port : 0,
        secure: form.get('secure') === 'on',
        username: value('username'),
        // Left empty: the stored password stays.
        ...(value('password') ? { password: String(form.get('password')) } : {}),
        folder: value('folder') || 'INBOX',
        moveTo: value('moveTo') || null,
        active: form.get('active') === 'on',
      },
      { onSuccess: () => setEditing(false) },
    );
  };

  const headingId = `mailbox-${slug}`;
  const showForm = editing || mailbox === null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {channel.name}
        {channel.address ? <span className="muted"> ({channel.address})</span> : null}
      </h2>
      {mailbox && (
        <dl className="facts">
          <div>
            <dt>Server</dt>
            <dd>
              {mailbox.host}:{mailbox.port} {mailbox.secure ? '(TLS)' : '(no TLS)'}
            </dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>{mailbox.username}</dd>
          </div>
          <div>
            <dt>Password</dt>
            <dd>{mailbox.hasPassword ? 'Stored (never shown)' : 'None stored'}</dd>
          </div>
          <div>
            <dt>Folders</dt>
            <dd>
              Reads {mailbox.folder}
              {mailbox.moveTo ? `, moves read mail to ${mailbox.moveTo}` : ''}
            </dd>
          </div>
          <div>
            <dt>Polling</dt>
            <dd>{mailbox.active ? 'On' : 'Paused'}</dd>
          </div>
          <div>
            <dt>Last polled</dt>
            <dd>
              {/* Sent as ISO text, typed Date by the schema. */}
              {formatDateTime(mailbox.lastPolledAt === null ? null : String(mailbox.lastPolledAt))}
              {mailbox.lastError ? <span className="field-error"> — {mailbox.lastError}</span> : null}
            </dd>
          </div>
        </dl>
      )}
      {mailbox === null && !showForm && <p>No mailbox is polled for this channel.</p>}
      {mailbox && !showForm && (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit mailbox
          </button>
          <button
            type="button"
            disabled={poll.isPending}
            onClick={() =>
              poll.mutate(undefined, { onSuccess: (answer) => setPollResult(pollSummary(answer as PollResult)) })
            }
          >
            {poll.isPending ? 'Polling…' : 'Test: poll now'}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Stop polling the mailbox of ${channel.name}? Its settings and password are removed.`))
                remove.mutate();
            }}
          >
            Remove mailbox
          </button>
        </div>
      )}
      {pollResult && (
        <p className="notice" role="status">
          {pollResult}
        </p>
      )}
      <FormError error={poll.error ?? remove.error} />
      {showForm && (
        <form onSubmit={submit} noValidate aria-label={`Mailbox of ${channel.name}`}>
          <FormError error={save.error} />
          <div className="field-row">
            <TextField
              label="IMAP server"
              name="host"
              defaultValue={mailbox?.host ?? ''}
              placeholder="imap.example.gov"
              required
              field="host"
              error={save.error}
            />
            <TextField
              label="Port"
              name="port"
              type="number"
              min={1}
              max={65535}
              defaultValue={mailbox?.port ?? 993}
              required
              field="port"
              error={save.error}
            />
          </div>
          <div className="field-row">
            <TextField
              label="Account (user name)"
              name="username"
              autoComplete="off"
              defaultValue={mailbox?.username ?? ''}
              required
              field="username"
              error={save.error}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              defaultValue=""
              hint={
                mailbox?.hasPassword
                  ? 'A password is stored. Leave this empty to keep it; it is never shown.'
                  : 'Kept encrypted; never shown again.'
              }
              field="password"
              error={save.error}
            />
          </div>
          <div className="field-row">
            <TextField
              label="Folder to read"
              name="folder"
              defaultValue={mailbox?.folder ?? 'INBOX'}
              field="folder"
              error={save.error}
            />
            <TextField
              label="Move read mail to (optional)"
              name="moveTo"
              defaultValue={mailbox?.moveTo ?? ''}
              field="moveTo"
              error={save.error}
            />
          </div>
          <CheckboxField label="Use TLS (port 993)" name="secure" defaultChecked={mailbox?.secure ?? true} />
          <CheckboxField label="Poll this mailbox" name="active" defaultChecked={mailbox?.active ?? true} />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              Save mailbox
            </button>
            {mailbox && (
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function ChannelMailbox({ channel }: { channel: Channel }) {
  const mailbox = useMailbox(channel.slug);
  if (mailbox.isError) return <FormError error={mailbox.error} />;
  if (mailbox.data === undefined) return <p role="status">Loading {channel.name}…</p>;
  return <MailboxForm key={mailbox.data?.version ?? 0} channel={channel} mailbox={mailbox.data} />;
}

/** The IMAP mailboxes screen. */
export function MailboxesScreen() {
  const channels = useChannels({ fresh: true });
  const email = (channels.data ?? []).filter((c) => c.type === 'email');
  return (
    <>
      <PageHeading>Mailboxes (IMAP)</PageHeading>
      <p>
        Each email channel can poll a mailbox for new mail, which becomes cases or replies. Test a mailbox with “poll
        now”: it reads what is waiting and says what came of it. Add an email channel under Channels first.
      </p>
      <FormError error={channels.error} />
      {channels.data && email.length === 0 && <p>The agency has no email channel.</p>}
      {email.map((channel) => (
        <ChannelMailbox key={channel.slug} channel={channel} />
      ))}
    </>
  );
}
