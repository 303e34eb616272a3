// The process under test, started by bench/run.ts: `serve` opens the configured database (DATABASE_URL or an
// embedded one in CIVICDESK_DATA_DIR), migrates, adds the benchmark's users and API tokens and listens on
// 127.0.0.1; `sql` writes the rows an intake writes with plain SQL over the same driver, at a set concurrency.
// Each mode prints one JSON line on standard output for the parent to read.
import { sql } from 'kysely';
import { loadConfig } from '../src/server/env.ts';
import { startRuntime } from '../src/server/runtime.ts';
import { buildApp } from '../src/server/app.ts';
import type { Db } from '../src/server/db/database.ts';
import { mainAdministrator, tokenFor } from './tokens.ts';
import { createTrackingSequence, trackingSequenceName } from '../src/server/repositories/case-intake.ts';
import { normalizeEmail, normalizePhone } from '../src/domain/contact-normalization.ts';
import { starterRules } from '../src/server/starter-configuration.ts';
import { intakeBodies, type IntakeBody } from './intake-bodies.ts';
import { percentile } from './stats.ts';

const CASEWORKER_EMAIL = 'bench.caseworker@bench.example';

/** The administrator's token and that of a caseworker in unit `queueUnit`, creating the caseworker once. */
async function benchTokens(db: Db, queueUnit: string) {
  const { agencyId, adminId } = await mainAdministrator(db);
  let worker = await db.selectFrom('users').select('id').where('email', '=', CASEWORKER_EMAIL).executeTakeFirst();
  if (!worker) {
    worker = await db
      .insertInto('users')
      .values({ agency_id: agencyId, email: CASEWORKER_EMAIL, name: 'Bench Caseworker', role: 'caseworker' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('code', '=', queueUnit)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('unit_memberships')
      .values({ agency_id: agencyId, user_id: worker.id, unit_id: unit.id })
      .execute();
  }
  return {
    adminToken: await tokenFor(db, agencyId, adminId),
    caseworkerToken: await tokenFor(db, agencyId, worker.id),
  };
}

async function serve(): Promise<void> {
  const config = loadConfig(process.env, { host: '127.0.0.1', port: 0, logLevel: 'error' });
  const runtime = await startRuntime(config);
  const tokens = await benchTokens(runtime.db, process.env.BENCH_QUEUE_UNIT ?? 'FAC');
  const app = await buildApp({ config, db: runtime.db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port, kind: runtime.kind, ...tokens })}\n`);
  const stop = async () => {
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

const unitForSubject = (subject: string): string => {
  for (const rule of starterRules) {
    if (rule.conditions.subject?.some((s) => subject === s || subject.startsWith(`${s}.`))) {
      return rule.actions.unitCode ?? 'OCS';
    }
  }
  return 'OCS';
};

/** One intake's rows, as the case-create command writes them, in plain SQL. */
async function plainIntake(db: Db, agencyId: number, prefix: string, body: IntakeBody): Promise<void> {
  const now = new Date();
  const year = now.getFullYear();
  const sequence = trackingSequenceName(agencyId, year);
  const taken = await sql<{ n: number }>`select nextval(${sequence}::regclass)::int as n`.execute(db);
  const trackingNumber = `${prefix}-${year}-${String(taken.rows[0]!.n).padStart(6, '0')}`;
  const firstDue = new Date(now.getTime() + 14 * 86_400_000);
  const resolutionDue = new Date(now.getTime() + 30 * 86_400_000);
  await db.transaction().execute(async (tx) => {
    const unit = await sql<{ id: number }>`select id from units where agency_id = ${agencyId}
      and code = ${unitForSubject(body.subject)}`.execute(tx);
    const email = normalizeEmail(body.person.email);
    const phone = normalizePhone(body.person.phone);
    const found = await sql<{ id: number }>`select p.id from person_contacts c
      join people p on p.agency_id = c.agency_id and p.id = c.person_id
      where c.agency_id = ${agencyId} and c.kind = 'email' and c.normalized = ${email} and p.merged_into_id is null
      order by p.id limit 1`.execute(tx);
    let personId = found.rows[0]?.id;
    if (personId === undefined) {
      const created = await sql<{ id: number }>`insert into people (agency_id, first_name, last_name,
        preferred_language, kind) values (${agencyId}, ${body.person.firstName}, ${body.person.lastName},
        ${body.person.language}, 'constituent') returning id`.execute(tx);
      personId = created.rows[0]!.id;
    }
    for (const [kind, value, normalized] of [
      ['email', body.person.email, email],
      ['phone', body.person.phone, phone],
    ] as const) {
      await sql`insert into person_contacts (agency_id, person_id, kind, value, normalized, label, is_primary, position)
        values (${agencyId}, ${personId}, ${kind}, ${value}, ${normalized}, null,
          not exists (select 1 from person_contacts where agency_id = ${agencyId} and person_id = ${personId}
            and kind = ${kind}),
          (select coalesce(max(position) + 1, 0) from person_contacts where agency_id = ${agencyId}
            and person_id = ${personId} and kind = ${kind}))
        on conflict (agency_id, person_id, kind, normalized) do nothing`.execute(tx);
    }
    const row = await sql<{ id: number }>`insert into cases (agency_id, tracking_number, channel, subject_code,
      description, received_at, status, priority, language, writer_type, person_id, unit_id, facility, tags,
      first_response_due_at, resolution_due_at, escalation_level)
      values (${agencyId}, ${trackingNumber}, ${body.channel}, ${body.subject}, ${body.description}, ${now},
        'triaged', 'normal', ${body.language}, 'constituent', ${personId}, ${unit.rows[0]?.id ?? null},
        ${body.facility ?? null}, '{}', ${firstDue}, ${resolutionDue}, 0)
      returning *`.execute(tx);
    const caseId = row.rows[0]!.id;
    await sql`insert into timeline_entries (agency_id, case_id, kind, channel, subject, body, language, created_at)
      values (${agencyId}, ${caseId}, 'inbound', ${body.channel}, ${body.title}, ${body.description},
        ${body.language}, ${now})`.execute(tx);
    await sql`insert into audit_events (agency_id, actor_user_id, actor_label, action, entity_type, entity_id,
      case_id, changes, reason, request_id)
      values (${agencyId}, null, 'benchmark', 'case.created', 'case', ${trackingNumber}, ${caseId},
        ${JSON.stringify([{ field: 'status', old: null, new: 'triaged' }])}::jsonb, null, null)`.execute(tx);
  });
}

async function plainSql(): Promise<void> {
  const config = loadConfig(process.env, { logLevel: 'error' });
  const runtime = await startRuntime(config);
  const db = runtime.db;
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'tracking_prefix'])
    .where('slug', '=', 'main')
    .executeTakeFirstOrThrow();
  await createTrackingSequence(db, agency.id, new Date().getFullYear());
  const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const warmupMs = Number(process.env.BENCH_WARMUP_SECONDS ?? 2) * 1000;
  const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
  const next = intakeBodies(Number(process.env.BENCH_SEED ?? 11), `sql${process.pid}`);
  const latencies: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          try {
            await plainIntake(db, agency.id, agency.tracking_prefix, next());
            if (record) latencies.push(performance.now() - started);
          } catch {
            errors += 1;
          }
        }
      }),
    );
  };
  await run(Date.now() + warmupMs, false);
  const started = Date.now();
  await run(started + durationMs, true);
  const seconds = (Date.now() - started) / 1000;
  await runtime.close();
  process.stdout.write(
    `${JSON.stringify({
      count: latencies.length,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
    })}\n`,
  );
}

const mode = process.argv[2];
if (mode === 'serve') await serve();
else if (mode === 'sql') await plainSql();
else {
  process.stderr.write('usage: tsx bench/target.ts serve|sql\n');
  process.exit(2);
}
