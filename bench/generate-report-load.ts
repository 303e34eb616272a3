// A large, realistic reporting load for the report benchmarks: people, cases over three years up to `now`, calls,
// interpretation requests and survey answers, made by INSERT … SELECT generate_series with deterministic
// pseudo-random numbers (a hash of the row number and a stream number), so PostgreSQL and PGlite get the same rows.
// Secondary indexes are dropped during the load and rebuilt from their own definitions; foreign keys are not checked
// (the rows are consistent by construction: session_replication_role = replica); the triggers on cases (the
// dashboard rollups) either run during the load or stay off and the rollups are recounted afterwards.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import { electedOffices, facilities, namesByLanguage } from '../src/server/demo/vocabulary.ts';
import { starterRules, starterStandards } from '../src/server/starter-configuration.ts';

/** The supervisor whose policies scope the measured reports: member of OCS and FAC, named on a few restricted cases. */
export const BENCH_SUPERVISOR_EMAIL = 'bench.supervisor@bench.example';
export const BENCH_SUPERVISOR_UNITS = ['OCS', 'FAC'];

export interface ReportLoadOptions {
  cases: number;
  calls: number;
  interpretations: number;
  /** The instant the load ends at; every generated time is at or before it. */
  now: Date;
  /**
   * 'triggers': the triggers on cases run during the load; 'backfill': they stay off and the rollups are recounted
   * afterwards with civicdesk_rebuild_case_rollups (migration 0014), when the database has it.
   */
  rollups: 'triggers' | 'backfill';
  chunk?: number;
  log?: (line: string) => void;
}

export interface ReportLoadResult {
  seconds: number;
  steps: { step: string; seconds: number }[];
  counts: Record<string, number>;
  /** The user triggers found on cases (the rollups), and how they were handled. */
  caseTriggers: string[];
  rollups: 'triggers' | 'backfill';
}

type Run = (text: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

// Weighted pick lists: each value repeated by its weight, indexed by a uniform number.
const expand = <T>(weights: [T, number][]): T[] => weights.flatMap(([value, weight]) => Array(weight).fill(value));
const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
const textArray = (values: string[]) => `array[${values.map(quote).join(',')}]::text[]`;
const intArray = (values: number[]) => `array[${values.join(',')}]::int[]`;
/** `(array[…])[1 + floor(u * n)]`: one value of a list picked by the uniform number `u`. */
const pickText = (values: string[], u: string) => `(${textArray(values)})[1 + floor((${u}) * ${values.length})::int]`;
const pickInt = (values: number[], u: string) => `(${intArray(values)})[1 + floor((${u}) * ${values.length})::int]`;
/**
 * How far back row `g` of `total` lies, as a fraction of the three years: rows are made oldest first, as intake
 * stores them in order of receipt (so a month's rows sit together on disk, as in a live database), with a little
 * jitter, and more rows in recent months (the office grows).
 */
const age = (g: string, stream: number, total: string) =>
  `((1 - (${g} - bench_u(${g}, ${stream})) / ${total}::float8) ^ 1.15)`;

// Subjects and their share of the mail, out of 100.
const subjectWeights: [string, number][] = [
  ['SNAP', 14],
  ['CASH', 10],
  ['MEDICAID', 9],
  ['HOUSING', 9],
  ['SHELTER', 3],
  ['SHELTER.CONDITIONS', 7],
  ['SHELTER.PLACEMENT', 4],
  ['SHELTER.TRANSFER', 3],
  ['SHELTER.SAFETY', 2],
  ['EVICTION', 7],
  ['HOMECARE', 4],
  ['HEAT', 4],
  ['ID', 5],
  ['HIV', 2],
  ['DV', 2],
  ['STAFF', 3],
  ['OTHER', 12],
];

// Channels, out of 100; the mean days to a first response differ by channel.
const channelWeights: [string, number][] = [
  ['email', 36],
  ['311', 20],
  ['web', 14],
  ['letter', 9],
  ['phone', 10],
  ['hotline', 4],
  ['walk_in', 3],
  ['social_media', 2],
  ['fax', 1],
  ['community_meeting', 1],
];
const meanResponseDays: Record<string, number> = { email: 4.5, letter: 6.5, web: 4, '311': 3, fax: 6 };

// Case languages (English and the ten Local Law 30 languages), out of 200.
const languageWeights: [string, number][] = [
  ['en', 136],
  ['es', 28],
  ['zh', 10],
  ['ru', 6],
  ['bn', 4],
  ['ht', 4],
  ['ko', 3],
  ['ar', 3],
  ['ur', 2],
  ['fr', 2],
  ['pl', 2],
];

const unitForSubject = (subject: string): string => {
  for (const rule of starterRules) {
    if (rule.conditions.writerType) continue;
    if (rule.conditions.subject?.some((s) => subject === s || subject.startsWith(`${s}.`))) {
      return rule.actions.unitCode ?? 'OCS';
    }
  }
  return 'OCS';
};

/** The helper functions the generator's SQL calls: a uniform number in [0, 1) from (row, stream). */
const helperFunctions = [
  `create or replace function bench_u(g bigint, k int) returns float8 language sql immutable parallel safe as
     $$ select (hashint8extended(g, k) & 16777215)::float8 / 16777216 $$`,
  // An exponential delay with the given mean, in days, as an interval.
  `create or replace function bench_exp_days(u float8, mean float8) returns interval language sql immutable as
     $$ select interval '1 day' * (-ln(1 - u) * mean) $$`,
];

/** Secondary indexes of the loaded tables (not unique, not primary keys): dropped for the load, rebuilt after. */
async function secondaryIndexes(run: Run) {
  return (await run(
    `select indexname, indexdef from pg_indexes where schemaname = current_schema()
       and tablename in ('cases', 'people', 'calls', 'interpretation_requests', 'survey_invitations', 'survey_responses')
       and indexdef not ilike 'create unique%'`,
  )) as { indexname: string; indexdef: string }[];
}

async function caseTriggerNames(run: Run): Promise<string[]> {
  const rows = await run(
    `select tgname from pg_trigger where tgrelid = 'cases'::regclass and not tgisinternal order by tgname`,
  );
  return rows.map((r) => String(r.tgname));
}

interface Lookups {
  agencyId: number;
  unitIds: Map<string, number>;
  standardIds: number[];
}

async function lookups(run: Run): Promise<Lookups> {
  const agency = (await run(`select id from agencies where slug = 'main'`))[0] as { id: number };
  const units = (await run(`select id, code from units where agency_id = $1`, [agency.id])) as {
    id: number;
    code: string;
  }[];
  const standards = (await run(`select id from service_standards where agency_id = $1 order by position, id`, [
    agency.id,
  ])) as { id: number }[];
  if (standards.length < starterStandards.length) throw new Error('the starter service standards are missing');
  return {
    agencyId: agency.id,
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    standardIds: standards.map((s) => s.id),
  };
}

async function insertPeople(run: Run, agencyId: number, base: number, count: number, now: Date) {
  const languages = expand(languageWeights);
  const first = Object.values(namesByLanguage).flatMap((n) => n.first);
  const last = Object.values(namesByLanguage).flatMap((n) => n.last);
  // People 1–50 are elected officials' offices, 51–500 advocates who write often, the rest constituents.
  await run(
    `insert into people (agency_id, id, first_name, last_name, kind, organisation, preferred_language, created_at)
     select $1, $2 + g,
       case when g <= 50 then 'Council Member' else ${pickText(first, 'bench_u(g, 61)')} end,
       case when g <= 50 then ${pickText(
         electedOffices.map((o) => o.last),
         'bench_u(g, 62)',
       )} else ${pickText(last, 'bench_u(g, 62)')} end,
       case when g <= 50 then 'elected_official' when g <= 500 then 'advocate' else 'constituent' end,
       case when g <= 50 then ${pickText(
         electedOffices.map((o) => o.organisation),
         'bench_u(g, 62)',
       )} end,
       ${pickText(languages, 'bench_u(g, 60)')}, $3::timestamptz - interval '1100 days'
     from generate_series(1, $4::int) g`,
    [agencyId, base, now.toISOString(), count],
  );
  await run(`select setval(pg_get_serial_sequence('people', 'id'), (select max(id) from people))`);
}

/** The SELECT that makes cases g = $from … $to; every column is a function of g (and of an earlier row for repeats). */
function caseSelect(l: Lookups, peopleCount: number): string {
  const subjects = subjectWeights.map(([s]) => s);
  const subjectPick = expand(subjectWeights.map(([s, w]) => [subjects.indexOf(s) + 1, w] as [number, number]));
  const units = subjects.map((s) => l.unitIds.get(unitForSubject(s))!);
  const [electedStandard, mailStandard, otherStandard] = l.standardIds as [number, number, number];
  const meanDays = `case channel ${Object.entries(meanResponseDays)
    .map(([c, d]) => `when ${quote(c)} then ${d}`)
    .join(' ')} else 1.5 end`;
  // $1 agency, $2 case id base, $3 people id base, $4 now, $5 from, $6 to, $7 all the cases of the load.
  return `
    select $1::int as agency_id, $2 + g as id,
      'BEN-' || to_char(received, 'YYYY') || '-' || lpad(g::text, 8, '0') as tracking_number,
      channel, subject as subject_code, 'Generated ' || lower(subject) || ' case' as description, received as received_at,
      case when closed is not null then 'closed'
           when answered is not null then case when bench_u(g, 30) < 0.6 then 'responded' else 'waiting_on_constituent' end
           else (array['new','triaged','assigned','in_progress','in_progress'])[1 + floor(bench_u(g, 30) * 5)::int]
      end as status,
      case when writer = 'elected_official' then 'high' when bench_u(g, 15) < 0.03 then 'urgent'
           when bench_u(g, 15) < 0.1 then 'high' else 'normal' end as priority,
      language, writer as writer_type, $3 + person as person_id,
      case when writer = 'elected_official' then ${l.unitIds.get('LEG')} else (${intArray(units)})[subject_index] end as unit_id,
      case when subject like 'SHELTER%' then ${pickText(facilities, 'bench_u(src, 23) ^ 1.6')} end as facility,
      (subject = 'DV' or bench_u(src, 14) < 0.02) as restricted,
      case when writer = 'elected_official' then array['elected-official'] else array[]::text[] end as tags,
      case when writer = 'elected_official' then ${electedStandard}
           when channel in ('email', 'letter') then ${mailStandard} else ${otherStandard} end as service_standard_id,
      first_due as first_response_due_at, resolution_due as resolution_due_at,
      answered as first_response_at, closed as closed_at,
      case when escalated is not null then 1 + floor(bench_u(g, 31) * 3)::int else 0 end as escalation_level,
      case when follow and closed is not null and bench_u(g, 35) < 0.03 then $2 + src end as merged_into_id,
      escalated as escalated_at, received as created_at, coalesce(closed, answered, received) as updated_at
    from (
      select *,
        case when writer = 'elected_official' and bench_u(g, 32) < 0.3 then least(received + interval '1 day', $4)
             when (answered is null and first_due < $4) or answered > first_due then
               case when bench_u(g, 33) < 0.6 then least(first_due + bench_u(g, 34) * interval '2 days', $4) end
        end as escalated
      from (
        select *,
          case when not no_response and received + d1 <= $4 then received + d1 end as answered,
          case when not no_response and not stuck and received + d1 + d2 <= $4 then received + d1 + d2 end as closed,
          received + case when writer = 'elected_official' then interval '7 days' else interval '14 days' end as first_due,
          received + case when writer = 'elected_official' then interval '14 days' else interval '30 days' end
            as resolution_due
        from (
          select *, (${textArray(subjects)})[subject_index] as subject,
            bench_exp_days(bench_u(g, 16), (${meanDays}) * (0.7 + 0.6 * bench_u(subject_index, 50))
              * case when writer = 'elected_official' then 0.5 else 1 end) as d1,
            bench_exp_days(bench_u(g, 18), 6) as d2,
            bench_u(g, 17) < 0.02 as no_response, bench_u(g, 19) < 0.045 as stuck
          from (
            select g, src, follow, channel, writer, person,
              ${pickText(expand(languageWeights), 'bench_u(person, 60)')} as language,
              ${pickInt(subjectPick, `case when follow and bench_u(g, 22) < 0.85 then bench_u(src, 7) else bench_u(g, 7) end`)}
                as subject_index,
              case when not follow then base when base + gap <= $4 then base + gap else base - gap end as received
            from (
              select g, src, follow, channel, base,
                interval '1 day' * (3 + 80 * bench_u(g, 6)) as gap,
                case when w < 0.03 then 'elected_official' when w < 0.065 then 'advocate'
                     when w < 0.11 then 'representative' when w < 0.125 then 'media' else 'constituent' end as writer,
                case when w < 0.03 then 1 + floor(bench_u(src, 10) * 50)::int
                     when w < 0.065 then 51 + floor(bench_u(src, 10) * 450)::int
                     else 501 + floor(bench_u(src, 8) * ${Math.max(1, peopleCount - 500)})::int end as person
              from (
                select g, src, follow, channel, bench_u(src, 11) as w,
                  case when shifted > $4 then shifted - interval '7 days' else shifted end as base
                from (
                  select g, src, follow, channel,
                    case when extract(isodow from day) >= 6 and bench_u(src, 5) < 0.65
                         then day + (floor(bench_u(src, 9) * 5)::int + 1 - extract(isodow from day)::int)
                           * interval '1 day'
                         else day end
                      + interval '12 hours' + bench_u(src, 4) * interval '10 hours' as shifted
                  from (
                    select g, src, follow, ${pickText(expand(channelWeights), 'bench_u(g, 12)')} as channel,
                      date_trunc('day', $4::timestamptz - interval '1095 days' * ${age('src', 3, '$7')}) as day
                    from (
                      select g, follow,
                        case when follow then g - 1 - floor(bench_u(g, 2) * 2000)::int else g end as src
                      from (select g, g > 2000 and bench_u(g, 1) < 0.10 as follow
                            from generate_series($5::int, $6::int) g offset 0) s0
                     offset 0) s1
                   offset 0) s2
                 offset 0) s3
               offset 0) s4
             offset 0) s5
           offset 0) s6
         offset 0) s7
       offset 0) s8
     offset 0) s9`;
}

const caseColumns =
  'agency_id, id, tracking_number, channel, subject_code, description, received_at, status, priority, language, ' +
  'writer_type, person_id, unit_id, facility, restricted, tags, service_standard_id, first_response_due_at, ' +
  'resolution_due_at, first_response_at, closed_at, escalation_level, merged_into_id, escalated_at, created_at, ' +
  'updated_at';

async function insertCalls(run: Run, agencyId: number, count: number, chunk: number, now: Date, log: Log) {
  const languages = expand(languageWeights);
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    // Wait and patience are exponential: most calls are answered within half a minute, some callers give up.
    await run(
      `insert into calls (agency_id, call_id, queue, offered_at, answered_at, abandoned_at, ended_at, agent, language,
         row_hash, created_at, updated_at)
       select $1, 'BENCH-' || g, queue, offered,
         case when not lost and wait <= patience then offered + wait end,
         case when not lost and wait > patience then offered + patience end,
         case when lost then null when wait <= patience then offered + wait + talk else offered + patience end,
         case when not lost and wait <= patience then 'agent ' || (1 + floor(bench_u(g, 76) * 40)::int) end,
         language, 'bench-' || g, offered, offered
       from (
         select g, least(offered, $2::timestamptz - interval '1 hour') as offered,
           case when language = 'en' then 'main' else 'languages' end as queue, language,
           bench_exp_days(bench_u(g, 72), 22.0 / 86400) as wait,
           bench_exp_days(bench_u(g, 73), 240.0 / 86400) as patience,
           interval '1 second' * (60 + 840 * bench_u(g, 74)) as talk,
           bench_u(g, 75) < 0.005 as lost
         from (
           select g, date_trunc('day', $2::timestamptz - interval '1095 days' * ${age('g', 70, '$5')})
               + interval '13 hours' + bench_u(g, 71) * interval '10 hours' as offered,
             ${pickText(languages, 'bench_u(g, 77)')} as language
           from generate_series($3::int, $4::int) g
         ) a
       ) b`,
      [agencyId, now.toISOString(), from, to, count],
    );
    log(`calls ${to.toLocaleString('en-US')}/${count.toLocaleString('en-US')}`);
  }
}

async function insertInterpretations(run: Run, agencyId: number, count: number, now: Date) {
  const languages = expand(languageWeights.filter(([code]) => code !== 'en'));
  await run(
    `insert into interpretation_requests (agency_id, row_hash, requested_at, language, mode, completed_at, created_at)
     select $1, 'bench-' || g, requested, language, mode,
       case when bench_u(g, 83) < 0.94 and requested + delay <= $2 then requested + delay end, requested
     from (
       select g, least(date_trunc('day', $2::timestamptz - interval '1095 days' * ${age('g', 80, '$3')})
           + interval '13 hours' + bench_u(g, 81) * interval '9 hours', $2::timestamptz - interval '1 hour') as requested,
         ${pickText(languages, 'bench_u(g, 82)')} as language,
         ${pickText(
           expand<string>([
             ['phone', 7],
             ['in_person', 2],
             ['video', 1],
           ]),
           'bench_u(g, 84)',
         )} as mode,
         bench_exp_days(bench_u(g, 85), 2) as delay
       from generate_series(1, $3::int) g
     ) a`,
    [agencyId, now.toISOString(), count],
  );
}

/** One survey invitation for about one closed case in eight; about three in ten are answered within a week. */
async function insertSurveys(run: Run, agencyId: number, now: Date) {
  await run(
    `insert into survey_invitations (agency_id, case_id, token_digest, language, created_at, expires_at, answered_at)
     select agency_id, id, md5('bench-survey-' || id), language, closed_at, closed_at + interval '60 days',
       case when bench_u(id, 91) < 0.3 and closed_at + bench_u(id, 92) * interval '7 days' <= $2
            then closed_at + bench_u(id, 92) * interval '7 days' end
     from cases where agency_id = $1 and closed_at is not null and bench_u(id, 90) < 0.125`,
    [agencyId, now.toISOString()],
  );
  await run(
    `insert into survey_responses (agency_id, invitation_id, case_id, satisfaction, resolved, comment, language,
       created_at)
     select agency_id, id, case_id, ${pickInt(
       expand<number>([
         [1, 10],
         [2, 8],
         [3, 15],
         [4, 30],
         [5, 37],
       ]),
       'bench_u(id, 93)',
     )},
       case when bench_u(id, 94) < 0.1 then null else bench_u(id, 94) < 0.75 end, '', language, answered_at
     from survey_invitations where agency_id = $1 and answered_at is not null`,
    [agencyId],
  );
}

/** The supervisor the reports are measured for, with unit memberships and a few restricted cases named to them. */
async function insertSupervisor(run: Run, l: Lookups) {
  const user = (
    await run(
      `insert into users (agency_id, email, name, role) values ($1, $2, 'Bench Supervisor', 'supervisor')
       on conflict do nothing returning id`,
      [l.agencyId, BENCH_SUPERVISOR_EMAIL],
    )
  )[0] as { id: number } | undefined;
  if (!user) return;
  for (const code of BENCH_SUPERVISOR_UNITS) {
    await run(`insert into unit_memberships (agency_id, user_id, unit_id, is_manager) values ($1, $2, $3, $4)`, [
      l.agencyId,
      user.id,
      l.unitIds.get(code),
      code === 'FAC',
    ]);
  }
  const mine = BENCH_SUPERVISOR_UNITS.map((c) => l.unitIds.get(c)!);
  await run(
    `insert into case_access (agency_id, case_id, user_id)
     select agency_id, id, $2 from cases
     where agency_id = $1 and restricted and unit_id <> all($3::int[]) and bench_u(id, 95) < 0.002`,
    [l.agencyId, user.id, mine],
  );
}

type Log = (line: string) => void;

/** Loads the reporting load into agency `main` of a migrated database (PostgreSQL or PGlite). */
export async function generateReportLoad(db: Kysely<Database>, options: ReportLoadOptions): Promise<ReportLoadResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const steps: { step: string; seconds: number }[] = [];
  // One connection for the whole load: session settings and the switched-off triggers stay with it.
  return db.connection().execute(async (conn) => {
    const run: Run = async (text, parameters = []) =>
      (await conn.executeQuery(CompiledQuery.raw(text, parameters))).rows as Record<string, unknown>[];
    let stepStarted = Date.now();
    const step = (name: string) => {
      const seconds = (Date.now() - stepStarted) / 1000;
      steps.push({ step: name, seconds });
      log(`${name}: ${seconds.toFixed(1)} s`);
      stepStarted = Date.now();
    };
    await run(`set timezone = 'UTC'`);
    // Room to sort in memory: the rollup recount groups every case, the index builds sort every row.
    await run(`set maintenance_work_mem = '512MB'`).catch(() => undefined);
    await run(`set work_mem = '256MB'`).catch(() => undefined);
    for (const statement of helperFunctions) await run(statement);
    const l = await lookups(run);
    const caseTriggers = await caseTriggerNames(run);
    const indexes = await secondaryIndexes(run);
    for (const index of indexes) await run(`drop index ${index.indexname}`);
    // As a replica the session fires no triggers (foreign-key checks included) but those enabled ALWAYS.
    await run(`set session_replication_role = replica`);
    if (options.rollups === 'triggers') {
      for (const trigger of caseTriggers) await run(`alter table cases enable always trigger ${trigger}`);
    }
    log(`dropped ${indexes.length} secondary indexes; triggers on cases: ${caseTriggers.join(', ') || 'none'}`);

    const peopleCount = Math.max(600, Math.round(options.cases * 0.55));
    const peopleBase = Number((await run(`select coalesce(max(id), 0)::int as id from people`))[0]!.id);
    await insertPeople(run, l.agencyId, peopleBase, peopleCount, options.now);
    step(`${peopleCount.toLocaleString('en-US')} people`);

    const chunk = options.chunk ?? 250_000;
    const caseBase = Number((await run(`select coalesce(max(id), 0)::int as id from cases`))[0]!.id);
    const select = caseSelect(l, peopleCount);
    for (let from = 1; from <= options.cases; from += chunk) {
      const to = Math.min(options.cases, from + chunk - 1);
      await run(`insert into cases (${caseColumns}) ${select}`, [
        l.agencyId,
        caseBase,
        peopleBase,
        options.now.toISOString(),
        from,
        to,
        options.cases,
      ]);
      const seconds = (Date.now() - stepStarted) / 1000;
      log(
        `cases ${to.toLocaleString('en-US')}/${options.cases.toLocaleString('en-US')} (${Math.round(to / seconds)}/s)`,
      );
    }
    await run(`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`);
    step(`${options.cases.toLocaleString('en-US')} cases${options.rollups === 'triggers' ? ' (triggers on)' : ''}`);

    await insertCalls(run, l.agencyId, options.calls, chunk, options.now, log);
    step(`${options.calls.toLocaleString('en-US')} calls`);
    await insertInterpretations(run, l.agencyId, options.interpretations, options.now);
    step(`${options.interpretations.toLocaleString('en-US')} interpretation requests`);
    await insertSurveys(run, l.agencyId, options.now);
    await insertSupervisor(run, l);
    step('survey invitations and answers, supervisor');

    if (options.rollups === 'triggers') {
      for (const trigger of caseTriggers) await run(`alter table cases enable trigger ${trigger}`);
    }
    const rebuild = await run(`select 1 from pg_proc where proname = 'civicdesk_rebuild_case_rollups'`);
    if (options.rollups === 'backfill' && rebuild.length) {
      await run(`select civicdesk_rebuild_case_rollups($1)`, [l.agencyId]);
      step('rollups recounted from cases (civicdesk_rebuild_case_rollups)');
    }
    await run(`set session_replication_role = origin`);
    for (const index of indexes) await run(index.indexdef);
    step(`${indexes.length} indexes rebuilt`);
    for (const statement of ['drop function bench_exp_days(float8, float8)', 'drop function bench_u(bigint, int)']) {
      await run(statement);
    }
    // A settled database, as autovacuum leaves it: statistics and a visibility map (index-only scans need it).
    await run('vacuum analyze');
    step('vacuum analyze');
    const counts: Record<string, number> = {};
    for (const table of ['people', 'cases', 'calls', 'interpretation_requests', 'survey_responses', 'case_access']) {
      counts[table] = Number((await run(`select count(*)::int as n from ${table}`))[0]!.n);
    }
    return {
      seconds: (Date.now() - started) / 1000,
      steps,
      counts,
      caseTriggers,
      rollups: options.rollups,
    };
  });
}
