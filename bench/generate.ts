// A fast generator of a large case load on PostgreSQL for the read benchmarks: people, cases and their inbound
// timeline entries made by INSERT … SELECT generate_series in chunks, with the distributions of the demo office
// (units by subject, open/closed by age, deadlines from receipt, descriptions from the demo vocabulary plus a
// long tail of words). Secondary indexes are dropped during the load and rebuilt from their own definitions.
import pg from 'pg';
import { descriptionsBySubject, facilities, namesByLanguage, streets } from '../src/server/demo/vocabulary.ts';
import { starterRules } from '../src/server/starter-configuration.ts';

// Subject weights of the demo office, out of 100.
const subjectWeights: Record<string, number> = {
  SNAP: 14,
  CASH: 10,
  MEDICAID: 10,
  HOUSING: 9,
  SHELTER: 3,
  'SHELTER.CONDITIONS': 7,
  'SHELTER.PLACEMENT': 4,
  'SHELTER.TRANSFER': 3,
  'SHELTER.SAFETY': 2,
  EVICTION: 7,
  HOMECARE: 4,
  HEAT: 4,
  ID: 5,
  HIV: 2,
  DV: 1,
  STAFF: 3,
  OTHER: 12,
};

// The long tail of words people use; drawn with a skew so that a few are common and most are rare.
const tailWords = (
  'apartment landlord benefits recertification interview appointment letter notice caseworker supervisor ' +
  'application documents pending denied approved voucher rent arrears utility electric gas water leak ceiling ' +
  'window radiator boiler superintendent repairs inspection emergency children daughter son grandmother ' +
  'disability wheelchair medication pharmacy clinic hospital doctor insurance premium income paystub employer ' +
  'unemployment pension social security immigration status interpreter translation language spanish chinese ' +
  'russian bengali haitian korean arabic urdu french polish brooklyn bronx queens manhattan staten island ' +
  'harlem flushing jamaica astoria washington heights bushwick crown heights sunset park borough park ' +
  'transfer curfew security guard fight theft locker laundry kitchen meals food pantry snacks formula diapers ' +
  'crib mattress bedbugs mice roaches mold asbestos lead paint smoke detector fire exit stairwell elevator ' +
  'heat hot cold freezing broken stolen lost card replacement pin balance deposit payment check refund ' +
  'overpayment fraud hearing fair appeal decision lawyer legal aid advocate council member senator reporter'
).split(/\s+/);

const unitForSubject = (subject: string): string => {
  for (const rule of starterRules) {
    if (rule.conditions.subject?.some((s) => subject === s || subject.startsWith(`${s}.`))) {
      return rule.actions.unitCode ?? 'OCS';
    }
  }
  return 'OCS';
};

const literal = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface GenerateOptions {
  cases: number;
  chunk?: number;
  log?: (line: string) => void;
}

/** Loads `cases` cases (and a third as many people) into agency `main` of the database at `url`. */
export async function generateCases(url: string, options: GenerateOptions): Promise<{ seconds: number }> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set maintenance_work_mem = '256MB'`);
    await client.query(`select setseed(0.42)`);
    const agency = (await client.query(`select id from agencies where slug = 'main'`)).rows[0] as { id: number };
    const units = new Map(
      (await client.query(`select id, code from units where agency_id = $1`, [agency.id])).rows.map(
        (r: { id: number; code: string }) => [r.code, r.id] as const,
      ),
    );
    // A weighted pick list of 100 subjects with their units, and every demo sentence with its subject.
    const picks: { subject: string; unit: number }[] = [];
    for (const [subject, weight] of Object.entries(subjectWeights)) {
      for (let i = 0; i < weight; i++) picks.push({ subject, unit: units.get(unitForSubject(subject))! });
    }
    // Every demo sentence, grouped by subject: a pick takes one of its subject's sentences at random.
    const sentences: string[] = [];
    const sentenceRange = new Map<string, { start: number; count: number }>();
    for (const [subject, texts] of Object.entries(descriptionsBySubject)) {
      sentenceRange.set(subject, { start: sentences.length + 1, count: texts.length });
      for (const text of texts) {
        const n = sentences.length;
        const street = streets[n % streets.length]!;
        sentences.push(
          text
            .replace('{facility}', facilities[n % facilities.length]!)
            .replace('{street}', `${100 + n * 7} ${street.street}, ${street.city}`),
        );
      }
    }
    const range = (subject: string) => sentenceRange.get(subject) ?? sentenceRange.get('OTHER')!;
    const first = Object.values(namesByLanguage).flatMap((n) => n.first);
    const last = Object.values(namesByLanguage).flatMap((n) => n.last);

    const indexes = (
      await client.query(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema()
          and tablename in ('cases', 'timeline_entries', 'people', 'person_contacts')
          and indexdef not ilike 'create unique%'`,
      )
    ).rows as { indexname: string; indexdef: string }[];
    for (const index of indexes) await client.query(`drop index ${index.indexname}`);
    log(`dropped ${indexes.length} secondary indexes for the load`);

    const peopleCount = Math.max(1, Math.round(options.cases / 3));
    const base = (await client.query(`select coalesce(max(id), 0)::int as id from people`)).rows[0].id as number;
    await client.query(
      `insert into people (agency_id, id, first_name, last_name, kind, preferred_language, created_at)
       select $1, $2 + g, (${literal(first)})[1 + floor(random() * ${first.length})::int],
         (${literal(last)})[1 + floor(random() * ${last.length})::int],
         'constituent', 'en', now() - random() * interval '396 days'
       from generate_series(1, $3::int) g`,
      [agency.id, base, peopleCount],
    );
    await client.query(
      `insert into person_contacts (agency_id, person_id, kind, value, normalized, is_primary)
       select agency_id, id, 'email', 'writer' || id || '@example.com', 'writer' || id || '@example.com', true
       from people where agency_id = $1 and id > $2`,
      [agency.id, base],
    );
    await client.query(`select setval(pg_get_serial_sequence('people', 'id'), (select max(id) from people))`);
    log(`${peopleCount} people`);

    const chunk = options.chunk ?? 100_000;
    const caseBase = (await client.query(`select coalesce(max(id), 0)::int as id from cases`)).rows[0].id as number;
    for (let from = 1; from <= options.cases; from += chunk) {
      const to = Math.min(options.cases, from + chunk - 1);
      await client.query(
        `insert into cases (agency_id, id, tracking_number, channel, subject_code, description, received_at, status,
           priority, language, writer_type, person_id, unit_id, facility, first_response_due_at, resolution_due_at,
           first_response_at, closed_at, created_at, updated_at)
         select $1, $2 + g, 'BEN-' || to_char(received, 'YYYY') || '-' || lpad(g::text, 7, '0'),
           (array['email','email','email','email','311','311','web','web','letter','phone'])[1 + floor(random() * 10)::int],
           subject, sentence || ' ' || tail, received,
           case when closed is not null then 'closed'
                when answered is not null then 'responded'
                when r3 < 0.2 then 'triaged' when r3 < 0.45 then 'assigned'
                when r3 < 0.9 then 'in_progress' else 'waiting_on_constituent' end,
           case when r3 < 0.03 then 'urgent' when r3 < 0.1 then 'high' else 'normal' end,
           case when r4 < 0.7 then 'en' when r4 < 0.82 then 'es' when r4 < 0.87 then 'zh' else 'ru' end,
           case when r4 < 0.985 then 'constituent' else 'elected_official' end,
           $3 + 1 + floor(random() * $4)::int, unit,
           case when subject like 'SHELTER.%' then (${literal(facilities)})[1 + floor(random() * ${facilities.length})::int] end,
           received + interval '14 days', received + interval '30 days', answered, closed, received,
           coalesce(closed, answered, received)
         from (
           select g, received, subject, unit, sentence, tail, r3, r4, answered,
             case when answered is not null and r5 < 0.93 and answered + (r5 * interval '4 days') < now()
                  then answered + (r5 * interval '4 days') end as closed
           from (
             select g, received, p.subject, p.unit, tail, r3, r4, r5,
               (${literal(sentences)})[p.start + floor(random() * p.count)::int] as sentence,
               case when received + delay < now() and r3 > 0.03 then received + delay end as answered
             from (
               select g, now() - (random() ^ 1.1) * interval '396 days' as received,
                 1 + floor(random() * ${picks.length})::int as pick,
                 random() as r3, random() as r4, random() as r5,
                 case when random() < 0.1 then interval '15 days' + random() * interval '25 days'
                      else interval '2 days' + random() * interval '8 days' end as delay,
                 (${literal(tailWords)})[1 + floor(random() ^ 3 * ${tailWords.length})::int] || ' ' ||
                 (${literal(tailWords)})[1 + floor(random() ^ 2 * ${tailWords.length})::int] || ' ' ||
                 (${literal(tailWords)})[1 + floor(random() * ${tailWords.length})::int] as tail
               from generate_series($5::int, $6::int) g
             ) x
             join (select ordinality::int as k, subject, unit, start, count
               from unnest(${literal(picks.map((p) => p.subject))}, array[${picks.map((p) => p.unit).join(',')}]::int[],
                 array[${picks.map((p) => range(p.subject).start).join(',')}]::int[],
                 array[${picks.map((p) => range(p.subject).count).join(',')}]::int[])
                 with ordinality as t(subject, unit, start, count)) p on p.k = x.pick
           ) y
         ) z`,
        [agency.id, caseBase, base, peopleCount, from, to],
      );
      log(`cases ${to}/${options.cases}`);
    }
    await client.query(`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`);
    for (let from = caseBase + 1; from <= caseBase + options.cases; from += chunk * 2) {
      await client.query(
        `insert into timeline_entries (agency_id, case_id, kind, channel, subject, body, language, created_at)
         select agency_id, id, 'inbound', channel, left(description, 60), description, language, received_at
         from cases where agency_id = $1 and id between $2 and $3`,
        [agency.id, from, from + chunk * 2 - 1],
      );
    }
    log('timeline entries');
    for (const index of indexes) {
      await client.query(index.indexdef);
      log(`rebuilt ${index.indexname}`);
    }
    // A settled table, as autovacuum leaves it: statistics and a visibility map (index-only counts need it).
    await client.query('vacuum analyze');
    return { seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
