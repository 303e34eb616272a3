// The `smtp` service of main.ts: the SMTP receiver on CIVICDESK_SMTP_PORT, IMAP polling of configured mailboxes
// every minute, and a periodic re-queue of outbound mail waiting in the outbox (e.g. sent while no relay was set).
import type { Db } from '../../db/database.ts';
import type { Config } from '../../env.ts';
import { enqueueJob } from '../../repositories/jobs.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';
import { pollAllMailboxes } from './imap-poller.ts';

const POLL_EVERY_MS = 60_000;

/** Starts mail intake; stop() closes the receiver and waits for a poll in progress. */
export async function startEmailService(
  deps: { db: Db; config: Config },
  log: (message: string) => void,
): Promise<{ port: number; stop(): Promise<void> }> {
  const receiver = await startSmtpReceiver(deps, { port: deps.config.smtpPort, host: deps.config.host, log });
  let polling: Promise<void> = Promise.resolve();
  const tick = () => {
    polling = polling
      .then(async () => {
        await pollAllMailboxes(deps, log);
        await enqueueJob(deps.db, 'email-requeue', {}, { uniqueKey: 'email-requeue' });
      })
      .catch((error: unknown) => log(`mail polling failed: ${(error as Error).message}`));
  };
  tick();
  const timer = setInterval(tick, POLL_EVERY_MS);
  return {
    port: receiver.port,
    async stop() {
      clearInterval(timer);
      await receiver.close();
      await polling;
    },
  };
}
