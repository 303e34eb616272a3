// The built-in SMTP receiver (smtp-server): accepts mail only for addresses an active email channel owns (550 at
// RCPT TO otherwise — never an open relay), refuses oversized mail at MAIL FROM SIZE= or at DATA (552), and answers
// 250 only once the message is in the database (451 when it cannot be stored, so the sender tries again).
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { findEmailChannelByAddress, type ChannelRow } from '../../repositories/channels.ts';
import { ingestEmail, type IngestDependencies, type IngestOutcome } from './email-ingest.ts';

/** The largest message accepted: 25 MB, the common limit of mail providers. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface SmtpReceiverOptions {
  port: number;
  host?: string;
  maxMessageBytes?: number;
  /** Called after each message (tests, benchmarks). */
  onIngested?: (outcomes: IngestOutcome[]) => void;
  /** Where warnings go (no personal data: no addresses or subjects). */
  log?: (message: string) => void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

type Session = SMTPServerSession & { channels?: Map<string, ChannelRow> };

/** Starts the receiver; resolves once it listens (port 0 picks a free port). */
export async function startSmtpReceiver(deps: IngestDependencies, options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const limitText = `${Math.round(maxBytes / 1024 / 1024)} MB`;
  const server = new SMTPServer({
    name: deps.config.inboundAddress.split('@')[1] ?? 'civicdesk',
    banner: 'civicdesk mail intake',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    async onRcptTo(address, session: Session, callback) {
      try {
        const recipient = address.address.trim().toLowerCase();
        const channel = await findEmailChannelByAddress(deps.db, recipient);
        if (!channel) {
          return callback(new SmtpReply(550, `5.1.1 <${recipient}>: no such mailbox here; this server does not relay`));
        }
        (session.channels ??= new Map()).set(recipient, channel);
        return callback();
      } catch {
        return callback(new SmtpReply(451, '4.3.0 Temporary failure; please try again later'));
      }
    },
    onData(stream, session: Session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', () => {});
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          return callback(
            new SmtpReply(552, `5.3.4 Message too large: the limit is ${limitText}; send large files another way`),
          );
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
        // One message per channel: two recipients on the same channel are one message, not two cases.
        const targets = new Map<number, { to: string; channel: ChannelRow }>();
        for (const [to, channel] of session.channels ?? []) {
          if (!targets.has(channel.id)) targets.set(channel.id, { to, channel });
        }
        session.channels = new Map();
        Promise.all([...targets.values()].map((t) => ingestEmail(deps, raw, { from: envelopeFrom, ...t })))
          .then((outcomes) => {
            options.onIngested?.(outcomes);
            callback(null, 'OK: message stored');
          })
          .catch((error: unknown) => {
            options.log?.(`email intake failed, answered 451: ${(error as Error).message}`);
            callback(new SmtpReply(451, '4.3.0 The message could not be stored; please try again later'));
          });
      });
    },
    onMailFrom(_address, session: Session, callback) {
      session.channels = new Map();
      callback();
    },
  });
  server.on('error', (error) => options.log?.(`SMTP receiver error: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
