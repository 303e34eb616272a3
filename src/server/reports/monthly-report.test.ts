// The monthly report against numbers computed here on their own: a generated agency (varied cases over fourteen
// months, counted in plain TypeScript with the same definitions), and small hand-made scenarios whose answers are
// written down (medians and 90th percentiles, backlog bands, repeat contacts at 89/90/91 days, escalations, survey
// answers, a restricted case a caseworker must not see even in counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { parsePeriod } from '../../shared/report-periods.ts';
import type { Actor } from '../context.ts';
import { buildMonthlyReport, type MonthlyReport, type VolumeRow } from './monthly-report.ts';
import { reportBuilders } from './report-builders.ts';
import {
  contextFor,
  createActor,
  createScenarioAgency,
  generateSeeds,
  insertCases,
  seededRandom,
  type CaseSeed,
  type ScenarioAgency,
} from '../test/monthly-report-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'America/New_York';
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The local day (YYYY-MM-DD) of an instant in New York. */
const localDay = (d: Date) => dayFormat.format(d);
const dayNumber = (day: string) =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY;
const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' });
/** 10:00 in New York on a local day: 14:00 UTC in summer time (EDT), 15:00 UTC in winter (EST). */
const tenAm = (day: string) => {
  const summer = new Date(`${day}T14:00:00Z`);
  return hourFormat.format(summer) === '10' ? summer : new Date(`${day}T15:00:00Z`);
};
const at = (iso: string) => new Date(iso);

function percentileCont(values: number[], fraction: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Modelled {
  id: number;
  seed: CaseSeed;
  named: boolean;
}

/** What the report should count for a reader: visible and not merged. */
function countedFor(models: Modelled[], reader: { system: boolean; units: string[] }) {
  return models.filter(
    (m) =>
      !m.seed.merged &&
      (reader.system || !m.seed.restricted || (m.seed.unit !== null && reader.units.includes(m.seed.unit)) || m.named),
  );
}

const monthOf = (d: Date) => localDay(d).slice(0, 7);

function tally<K>(items: Modelled[], key: (m: Modelled) => K | undefined): Map<K, number> {
  const counts = new Map<K, number>();
  for (const m of items) {
    const k = key(m);
    if (k === undefined) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Expected [this month, month before, year earlier] per key of a dimension. */
function expectedVolumes(counted: Modelled[], key: (s: CaseSeed) => string | null | undefined) {
  const months = ['2026-10', '2026-09', '2025-10'];
  const result = new Map<string | null, number[]>();
  months.forEach((month, i) => {
    for (const m of counted.filter((c) => monthOf(c.seed.receivedAt) === month)) {
      const k = key(m.seed);
      if (k === undefined) continue;
      const row = result.get(k) ?? [0, 0, 0];
      row[i]! += 1;
      result.set(k, row);
    }
  });
  return result;
}

const reported = (rows: VolumeRow[]) =>
  new Map(rows.map((r) => [r.key, [r.thisMonth.count, r.previousMonth.count, r.yearEarlier.count]]));

function bandOf(age: number): number {
  return age <= 7 ? 0 : age <= 14 ? 1 : age <= 30 ? 2 : age <= 60 ? 3 : age <= 90 ? 4 : 5;
}

function checkGeneratedReport(report: MonthlyReport, counted: Modelled[]) {
  // Volumes by every dimension, three months each.
  const dims: [VolumeRow[], (s: CaseSeed) => string | null | undefined][] = [
    [report.volume.byChannel, (s) => s.channel],
    [report.volume.byUnit, (s) => s.unit],
    [report.volume.byFacility, (s) => s.facility ?? null],
    [report.volume.byLanguage, (s) => s.language ?? 'en'],
    [report.volume.byWriterType, (s) => s.writerType ?? 'constituent'],
    [report.volume.bySubject.filter((r) => r.level === 1), (s) => s.subject?.split('.')[0] ?? null],
    [report.volume.bySubject.filter((r) => r.level === 2), (s) => (s.subject?.includes('.') ? s.subject : undefined)],
  ];
  for (const [rows, key] of dims) expect(reported(rows)).toEqual(expectedVolumes(counted, key));
  const october = counted.filter((m) => monthOf(m.seed.receivedAt) === '2026-10');
  const september = counted.filter((m) => monthOf(m.seed.receivedAt) === '2026-09');
  expect(report.volume.total.thisMonth.count).toBe(october.length);
  expect(report.volume.total.changeFromPreviousMonth.absolute).toBe(october.length - september.length);
  expect(report.volume.total.changeFromPreviousMonth.percent).toBe(
    round(((october.length - september.length) / september.length) * 100, 1),
  );

  // The backlog at the end of October (00:00 on 1 November, EDT), ages counted to 31 October.
  const end = at('2026-11-01T04:00:00Z');
  const open = counted.filter((m) => m.seed.receivedAt < end && (!m.seed.closedAt || m.seed.closedAt > end));
  const bands = [0, 0, 0, 0, 0, 0];
  for (const m of open) bands[bandOf(dayNumber('2026-10-31') - dayNumber(localDay(m.seed.receivedAt)))]! += 1;
  expect(report.backlog.at).toBe(end.toISOString());
  expect(report.backlog.asOfDate).toBe('2026-10-31');
  expect(report.backlog.bands.map((b) => b.open.count)).toEqual(bands);
  expect(report.backlog.total.count).toBe(open.length);
  expect(new Map(report.backlog.byUnit.map((u) => [u.key, u.total.count]))).toEqual(tally(open, (m) => m.seed.unit));

  // Times to first response and to close, all channels and per channel.
  const times = (items: Modelled[]) => {
    const response = items
      .filter((m) => m.seed.firstResponseAt)
      .map((m) => (+m.seed.firstResponseAt! - +m.seed.receivedAt) / DAY);
    const close = items.filter((m) => m.seed.closedAt).map((m) => (+m.seed.closedAt! - +m.seed.receivedAt) / DAY);
    return { response, close };
  };
  const close = (actual: number | null, expected: number | null) => {
    if (expected === null) expect(actual).toBeNull();
    else expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(0.0051);
  };
  for (const row of report.responseTimes) {
    const items = row.key === null ? october : october.filter((m) => m.seed.channel === row.key);
    const { response, close: closing } = times(items);
    expect(row.received.count).toBe(items.length);
    expect(row.firstResponse.cases.count).toBe(response.length);
    expect(row.close.cases.count).toBe(closing.length);
    close(row.firstResponse.medianDays, percentileCont(response, 0.5));
    close(row.firstResponse.p90Days, percentileCont(response, 0.9));
    close(row.close.medianDays, percentileCont(closing, 0.5));
    close(row.close.p90Days, percentileCont(closing, 0.9));
  }
  expect(report.responseTimes.map((r) => r.key).sort()).toEqual(
    [null, ...new Set(october.map((m) => m.seed.channel))].sort(),
  );

  // Escalations in October, by level and by unit.
  const escalated = counted.filter((m) => m.seed.escalatedAt && monthOf(m.seed.escalatedAt) === '2026-10');
  expect(report.escalations.total.count).toBe(escalated.length);
  expect(new Map(report.escalations.byLevel.map((l) => [Number(l.key), l.count.count]))).toEqual(
    tally(escalated, (m) => m.seed.escalationLevel),
  );
  expect(new Map(report.escalations.byUnit.map((u) => [u.key, u.count.count]))).toEqual(
    tally(escalated, (m) => m.seed.unit),
  );

  // Elected officials' items.
  const elected = october.filter((m) => m.seed.writerType === 'elected_official');
  const answered = elected.filter((m) => m.seed.firstResponseAt);
  const onTime = answered.filter(
    (m) => m.seed.firstResponseDueAt && m.seed.firstResponseAt! <= m.seed.firstResponseDueAt,
  );
  expect(report.electedOfficials.received.count).toBe(elected.length);
  expect(report.electedOfficials.answered.count).toBe(answered.length);
  expect(report.electedOfficials.answeredWithinStandard.count).toBe(onTime.length);
  expect(report.electedOfficials.openAtBacklogTime.count).toBe(
    open.filter((m) => m.seed.writerType === 'elected_official').length,
  );

  // Repeat contacts: an earlier counted case of the same person and subject within 90 local days.
  const repeats = october.filter(
    (m) =>
      m.seed.person != null &&
      m.seed.subject !== null &&
      counted.some(
        (o) =>
          o !== m &&
          o.seed.person === m.seed.person &&
          o.seed.subject === m.seed.subject &&
          (o.seed.receivedAt < m.seed.receivedAt || (+o.seed.receivedAt === +m.seed.receivedAt && o.id < m.id)) &&
          dayNumber(localDay(m.seed.receivedAt)) - dayNumber(localDay(o.seed.receivedAt)) <= 90,
      ),
  );
  expect(repeats.length).toBeGreaterThan(0);
  expect(report.repeatContacts.count.count).toBe(repeats.length);
  const bySubject = tally(repeats, (m) => m.seed.subject!.split('.')[0]!);
  expect(new Map(report.repeatContacts.topSubjects.map((s) => [s.key, s.count.count]))).toEqual(bySubject);

  // Survey answers given in October.
  const answers = counted.filter((m) => m.seed.survey && monthOf(m.seed.survey.createdAt) === '2026-10');
  expect(report.survey.responses.count).toBe(answers.length);
  const satisfaction = answers.reduce((sum, m) => sum + m.seed.survey!.satisfaction, 0) / answers.length;
  expect(report.survey.meanSatisfaction).toBe(answers.length ? round(satisfaction, 2) : null);
  const resolvedAnswered = answers.filter((m) => m.seed.survey!.resolved !== null);
  expect(report.survey.resolvedAnswered).toBe(resolvedAnswered.length);
  expect(report.survey.resolvedYes).toBe(resolvedAnswered.filter((m) => m.seed.survey!.resolved).length);
}

describe('monthly report on generated cases', () => {
  let scenario: ScenarioAgency;
  let models: Modelled[];
  let caseworker: Actor;
  const period = parsePeriod('2026-10');
  const asOf = at('2026-11-05T12:00:00Z');

  beforeAll(async () => {
    scenario = await createScenarioAgency(t.db, 'generated');
    const seeds = generateSeeds(seededRandom(20261031), 900, at('2025-09-01T00:00:00Z'), at('2026-11-05T00:00:00Z'));
    // Cases on the edges of the month in New York time.
    const edge = (iso: string, extra: Partial<CaseSeed> = {}): CaseSeed => ({
      channel: 'email',
      subject: 'SNAP',
      unit: 'SNAP',
      receivedAt: at(iso),
      ...extra,
    });
    seeds.push(
      edge('2026-10-01T03:59:59.999Z'), // 30 September, 23:59:59.999 EDT
      edge('2026-10-01T04:00:00.000Z'), // 1 October, 00:00 EDT
      edge('2026-11-01T03:59:59.999Z', { closedAt: at('2026-11-01T04:00:00.000Z') }), // closed right at the end
      edge('2026-11-01T04:00:00.000Z'), // 1 November, 00:00 EDT: next month, not in the backlog
      edge('2026-10-15T14:00:00.000Z', { closedAt: at('2026-11-01T04:00:00.001Z') }), // closed just after the end
    );
    const ids = await insertCases(t.db, scenario, seeds);
    caseworker = await createActor(t.db, scenario, {
      email: 'cw@generated.test',
      role: 'caseworker',
      units: ['SNAP', 'FAC'],
    });
    const restrictedElsewhere = ids.filter(
      (_, i) => seeds[i]!.restricted && !['SNAP', 'FAC'].includes(seeds[i]!.unit ?? ''),
    );
    const named = new Set(restrictedElsewhere.slice(0, 3));
    for (const caseId of named) {
      await t.db
        .insertInto('case_access')
        .values({ agency_id: scenario.agency.id, case_id: caseId, user_id: caseworker.userId })
        .execute();
    }
    models = ids.map((id, i) => ({ id, seed: seeds[i]!, named: named.has(id) }));
  }, 120_000);

  it('counts every section as an independent count does, for the whole agency', async () => {
    const report = await buildMonthlyReport(contextFor(t.db, scenario.agency), { period, asOf });
    checkGeneratedReport(report, countedFor(models, { system: true, units: [] }));
    expect(report.period).toMatchObject({
      key: '2026-10',
      start: '2026-10-01T04:00:00.000Z',
      end: '2026-11-01T04:00:00.000Z',
    });
    expect(report.previousMonth.key).toBe('2026-09');
    expect(report.yearEarlier.key).toBe('2025-10');
  });

  it('counts only what a caseworker may see: restricted cases outside their units are left out unless they are named', async () => {
    const report = await buildMonthlyReport(contextFor(t.db, scenario.agency, caseworker), { period, asOf });
    const counted = countedFor(models, { system: false, units: ['SNAP', 'FAC'] });
    expect(counted.length).toBeLessThan(countedFor(models, { system: true, units: [] }).length);
    checkGeneratedReport(report, counted);
  });

  it('is the report kind "monthly" of the report builders, as a document of the same numbers', async () => {
    const ctx = contextFor(t.db, scenario.agency);
    const doc = await reportBuilders.monthly!(ctx, { period, asOf });
    const report = await buildMonthlyReport(ctx, { period, asOf });
    expect(doc.title).toBe('Monthly report: October 2026');
    expect(doc.subtitle[0]).toBe(scenario.agency.name);
    expect(doc.tables.every((table) => table.name.length <= 31)).toBe(true);
    expect(new Set(doc.tables.map((table) => table.name)).size).toBe(doc.tables.length);
    const table = (name: string) => doc.tables.find((x) => x.name === name)!;
    expect(table('Summary').rows[0]).toEqual({ measure: 'Cases received', value: report.volume.total.thisMonth.count });
    expect(table('Backlog by age').rows.map((r) => r.open)).toEqual(report.backlog.bands.map((b) => b.open.count));
    expect(table('Volume by channel').rows.map((r) => [r.key, r.thisMonth, r.previousMonth, r.yearEarlier])).toEqual(
      report.volume.byChannel.map((r) => [r.key, r.thisMonth.count, r.previousMonth.count, r.yearEarlier.count]),
    );
    expect(doc.charts?.map((c) => c.table)).toEqual(expect.arrayContaining(['Volume by channel', 'Backlog by age']));
  });

  it('takes the backlog at asOf when the report is made before the month ends', async () => {
    const midMonth = at('2026-10-20T16:00:00Z');
    const report = await buildMonthlyReport(contextFor(t.db, scenario.agency), { period, asOf: midMonth });
    const counted = countedFor(models, { system: true, units: [] });
    const open = counted.filter(
      (m) => m.seed.receivedAt < midMonth && (!m.seed.closedAt || m.seed.closedAt > midMonth),
    );
    const bands = [0, 0, 0, 0, 0, 0];
    for (const m of open) bands[bandOf(dayNumber('2026-10-20') - dayNumber(localDay(m.seed.receivedAt)))]! += 1;
    expect(report.backlog.asOfDate).toBe('2026-10-20');
    expect(report.backlog.bands.map((b) => b.open.count)).toEqual(bands);
  });
});

describe('monthly report on hand-made cases', () => {
  let scenario: ScenarioAgency;
  const period = parsePeriod('2024-05');
  const asOf = at('2024-06-10T12:00:00Z');
  const received = (day: string, extra: Partial<CaseSeed> = {}): CaseSeed => ({
    channel: 'letter',
    subject: 'CASH',
    unit: 'FIA',
    receivedAt: tenAm(day),
    ...extra,
  });
  const plusDays = (day: string, days: number) => new Date(tenAm(day).getTime() + days * DAY);

  beforeAll(async () => {
    scenario = await createScenarioAgency(t.db, 'hand');
  });

  it('gives the median and 90th percentile of days to first response and to close', async () => {
    const responses = [1, 2, 3, 4, 10];
    const closings = [2, 4, 6, 8, 30];
    await insertCases(t.db, scenario, [
      ...responses.map((d, i) =>
        received('2024-05-06', {
          channel: 'email',
          firstResponseAt: plusDays('2024-05-06', d),
          closedAt: plusDays('2024-05-06', closings[i]!),
        }),
      ),
      received('2024-05-07', { channel: 'email' }), // no response yet: in neither list
      received('2024-05-08', { channel: 'email', merged: true, firstResponseAt: plusDays('2024-05-08', 100) }), // merged
      received('2024-04-20', { channel: 'email', firstResponseAt: plusDays('2024-04-20', 50) }), // April
    ]);
    const report = await buildMonthlyReport(contextFor(t.db, scenario.agency), { period, asOf });
    const email = report.responseTimes.find((r) => r.key === 'email')!;
    // Sorted 1, 2, 3, 4, 10: the median is the third; the 90th percentile lies 0.6 of the way from 4 to 10.
    expect(email.firstResponse).toMatchObject({ medianDays: 3, p90Days: 7.6 });
    expect(email.firstResponse.cases.count).toBe(5);
    // Sorted 2, 4, 6, 8, 30: median 6; 90th percentile 8 + 0.6 × 22 = 21.2.
    expect(email.close).toMatchObject({ medianDays: 6, p90Days: 21.2 });
    expect(email.received.count).toBe(6);
    expect(email.firstResponse.cases.cases).toEqual({
      receivedFrom: '2024-05-01',
      receivedTo: '2024-05-31',
      merged: 'false',
      channel: 'email',
      firstResponse: 'any',
    });
  });

  it('sorts the open backlog at the end of the month into age bands, counting cases closed after it', async () => {
    const other = await createScenarioAgency(t.db, 'backlog');
    const end = at('2024-06-01T04:00:00Z'); // 00:00 on 1 June, EDT
    const ageDay = (age: number) => new Date(Date.UTC(2024, 4, 31 - age)).toISOString().slice(0, 10);
    const seeds: CaseSeed[] = [];
    // Two open cases at each band's edges (youngest and oldest day of the band), one of each pair closed after the end.
    for (const [youngest, oldest] of [
      [0, 7],
      [8, 14],
      [15, 30],
      [31, 60],
      [61, 90],
      [91, 200],
    ] as const) {
      seeds.push(received(ageDay(youngest), { unit: 'SNAP' }));
      seeds.push(received(ageDay(oldest), { unit: 'FIA', closedAt: new Date(end.getTime() + 1) }));
    }
    seeds.push(
      received(ageDay(3), { closedAt: new Date(end.getTime() - 1) }), // closed before the end
      received(ageDay(3), { closedAt: end }), // closed at the very end: not open then
      { channel: 'email', subject: 'CASH', unit: 'FIA', receivedAt: end }, // received at the end: not yet
      received(ageDay(5), { merged: true }), // a merged duplicate
      received(ageDay(2), { writerType: 'elected_official', unit: 'LEG' }),
    );
    await insertCases(t.db, other, seeds);
    const report = await buildMonthlyReport(contextFor(t.db, other.agency), { period, asOf });
    expect(report.backlog.at).toBe(end.toISOString());
    expect(report.backlog.asOfDate).toBe('2024-05-31');
    expect(report.backlog.bands.map((b) => b.open.count)).toEqual([3, 2, 2, 2, 2, 2]);
    expect(report.backlog.total.count).toBe(13);
    expect(report.backlog.byUnit.map((u) => [u.key, u.total.count])).toEqual([
      ['FIA', 6],
      ['SNAP', 6],
      ['LEG', 1],
    ]);
    expect(report.electedOfficials.openAtBacklogTime.count).toBe(1);
    expect(report.backlog.bands[1]!.open.cases).toEqual({
      openAt: end.toISOString(),
      merged: 'false',
      receivedFrom: '2024-05-17',
      receivedTo: '2024-05-23',
    });
    expect(report.backlog.bands[5]!.open.cases).toEqual({
      openAt: end.toISOString(),
      merged: 'false',
      receivedTo: '2024-03-01',
    });
  });

  it('counts a repeat contact at 89 and 90 days but not at 91', async () => {
    const other = await createScenarioAgency(t.db, 'repeats');
    const caseworker = await createActor(t.db, other, { email: 'cw@repeats.test', role: 'caseworker', units: ['FIA'] });
    const later = '2024-05-15';
    const before = (days: number) => new Date(Date.UTC(2024, 4, 15 - days)).toISOString().slice(0, 10);
    await insertCases(t.db, other, [
      received(before(89), { person: 1 }),
      received(later, { person: 1 }),
      received(before(90), { person: 2, subject: 'SHELTER.CONDITIONS', unit: 'FAC' }),
      received(later, { person: 2, subject: 'SHELTER.CONDITIONS', unit: 'FAC' }),
      received(before(91), { person: 3 }),
      received(later, { person: 3 }),
      received(before(10), { person: 4, subject: 'SNAP' }), // another subject: not a repeat
      received(later, { person: 4 }),
      received(before(10), { person: 5, merged: true }), // the earlier case is a merged duplicate
      received(later, { person: 5 }),
      received(before(10), { person: 6, restricted: true, unit: 'DV' }), // visible to the system only
      received(later, { person: 6 }),
    ]);
    const all = await buildMonthlyReport(contextFor(t.db, other.agency), { period, asOf });
    expect(all.repeatContacts.count.count).toBe(3);
    expect(all.repeatContacts.topSubjects.map((s) => [s.key, s.count.count])).toEqual([
      ['CASH', 2],
      ['SHELTER', 1],
    ]);
    // Received in May: the six later cases and the two visible, unmerged earlier ones of 5 May (persons 4 and 6).
    expect(all.repeatContacts.percentOfReceived).toBe(round((3 / 8) * 100, 1));
    const mine = await buildMonthlyReport(contextFor(t.db, other.agency, caseworker), { period, asOf });
    expect(mine.repeatContacts.count.count).toBe(2);
  });

  it('counts escalations of the month by level and unit, and survey answers of the month', async () => {
    const other = await createScenarioAgency(t.db, 'escalations');
    await insertCases(t.db, other, [
      received('2024-04-25', { escalatedAt: plusDays('2024-05-02', 0), escalationLevel: 1 }), // received in April
      received('2024-05-03', { escalatedAt: plusDays('2024-05-04', 0), escalationLevel: 2, unit: 'SNAP' }),
      received('2024-05-03', { escalatedAt: plusDays('2024-05-30', 0), escalationLevel: 2 }),
      received('2024-05-20', { escalatedAt: plusDays('2024-06-01', 0), escalationLevel: 1 }), // escalated in June
      received('2024-05-03', { escalatedAt: plusDays('2024-05-04', 0), escalationLevel: 3, merged: true }),
      received('2024-04-01', {
        closedAt: plusDays('2024-04-20', 0),
        survey: { createdAt: tenAm('2024-05-02'), satisfaction: 5, resolved: true },
      }),
      received('2024-04-01', {
        closedAt: plusDays('2024-04-20', 0),
        survey: { createdAt: tenAm('2024-05-09'), satisfaction: 2, resolved: false },
      }),
      received('2024-04-01', {
        closedAt: plusDays('2024-04-20', 0),
        survey: { createdAt: tenAm('2024-05-31'), satisfaction: 4, resolved: null },
      }),
      received('2024-04-01', {
        closedAt: plusDays('2024-04-20', 0),
        survey: { createdAt: tenAm('2024-06-01'), satisfaction: 1, resolved: false },
      }),
    ]);
    const report = await buildMonthlyReport(contextFor(t.db, other.agency), { period, asOf });
    expect(report.escalations.total.count).toBe(3);
    expect(report.escalations.byLevel.map((l) => [l.key, l.label, l.count.count])).toEqual([
      ['1', 'Supervisor', 1],
      ['2', 'Unit manager', 2],
    ]);
    expect(report.escalations.byUnit.map((u) => [u.key, u.count.count])).toEqual([
      ['FIA', 2],
      ['SNAP', 1],
    ]);
    expect(report.survey).toMatchObject({
      meanSatisfaction: round(11 / 3, 2),
      resolvedYes: 1,
      resolvedAnswered: 2,
      resolvedYesPercent: 50,
    });
    expect(report.survey.responses.count).toBe(3);
  });

  it('leaves a restricted case out of every count for a caseworker outside its unit', async () => {
    const other = await createScenarioAgency(t.db, 'restricted');
    const outsider = await createActor(t.db, other, {
      email: 'out@restricted.test',
      role: 'caseworker',
      units: ['SNAP'],
    });
    const insider = await createActor(t.db, other, { email: 'in@restricted.test', role: 'caseworker', units: ['DV'] });
    await insertCases(t.db, other, [
      received('2024-05-10', {
        subject: 'DV',
        unit: 'DV',
        restricted: true,
        facility: 'Safe House',
        writerType: 'elected_official',
        escalatedAt: tenAm('2024-05-11'),
      }),
      received('2024-05-10', { subject: 'SNAP', unit: 'SNAP' }),
    ]);
    const ctx = (actor: Actor) => contextFor(t.db, other.agency, actor);
    const outside = await buildMonthlyReport(ctx(outsider), { period, asOf });
    const inside = await buildMonthlyReport(ctx(insider), { period, asOf });
    expect(inside.volume.total.thisMonth.count).toBe(2);
    expect(outside.volume.total.thisMonth.count).toBe(1);
    for (const rows of Object.values(outside.volume)) {
      const list = Array.isArray(rows) ? rows : [rows];
      expect(list.some((r) => r.key === 'DV' || r.key === 'Safe House' || r.key === 'elected_official')).toBe(false);
    }
    expect(outside.backlog.total.count).toBe(1);
    expect(outside.escalations.total.count).toBe(0);
    expect(outside.electedOfficials.received.count).toBe(0);
    expect(inside.escalations.total.count).toBe(1);
    expect(inside.electedOfficials.openAtBacklogTime.count).toBe(1);
  });

  it('refuses a period that is not a month', async () => {
    await expect(
      buildMonthlyReport(contextFor(t.db, scenario.agency), { period: parsePeriod('2024-Q2'), asOf }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
