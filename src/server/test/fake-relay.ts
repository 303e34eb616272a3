// A fake outbound mail relay for tests: a real smtp-server that keeps every message it accepts (envelope and raw
// bytes), can be stopped and started again on the same port, and can refuse recipients with a chosen code.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface RelayedMessage {
  from: string;
  to: string[];
  raw: string;
}

export interface FakeRelay {
  port: number;
  url: string;
  messages: RelayedMessage[];
  /** Recipients refused at RCPT TO with this code (e.g. 550). */
  refuse: Map<string, number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a relay on a free port (or `port`); stop() and start() reuse the port. */
export async function startFakeRelay(port = 0): Promise<FakeRelay> {
  const messages: RelayedMessage[] = [];
  const refuse = new Map<string, number>();
  let server: SMTPServer | null = null;
  const relay: FakeRelay = {
    port,
    url: '',
    messages,
    refuse,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          const code = refuse.get(address.address.toLowerCase());
          if (code) return callback(Object.assign(new Error(`refused by test relay`), { responseCode: code }));
          return callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('utf8'),
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(relay.port, '127.0.0.1', () => resolve()));
      relay.port = (server.server.address() as AddressInfo).port;
      relay.url = `smtp://127.0.0.1:${relay.port}`;
    },
    async stop() {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
  await relay.start();
  return relay;
}
