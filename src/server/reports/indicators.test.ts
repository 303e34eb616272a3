// The customer-service indicators against generated data with known answers: e-mails and letters around the 14th
// day, across the March daylight-saving change and month boundaries in New York, pending and late items, restricted
// cases and who may count them, merged cases, closings around their deadline per channel, calls at 29/30/31 s,
// abandoned calls, interpretation completions, a fiscal year, and drill-downs that add up to every number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import { systemActor, type Actor, type CommandContext } from '../context.ts';
import { parsePeriod } from '../../shared/report-periods.ts';
import { computeIndicators, type Indicator, type IndicatorsResult } from './indicators.ts';
import { indicatorItems } from './indicator-items.ts';
import type { IndicatorGroup } from '../../shared/indicator-definitions.ts';
import {
  NEW_YORK,
  expectedClosed,
  expectedPercent,
  expectedResponses,
  generateClosedCases,
  generateResponseCases,
  insertCalls,
  insertCases,
  insertInterpretations,
  ny,
  type CallSpec,
  type CaseSpec,
  type ExpectedRate,
  type InterpretationSpec,
  type Viewer,
} from '../test/indicators-test-support.ts';

const asOf = ny('2026-04-10 12:00');

// Items whose answer is known by reading them (the generated ones are classified by the helpers' hand rules).
const edgeCases: CaseSpec[] = [
  // Received late on 1 March (EST), due 15 March (EDT): the last second of the 15th is on time, the 16th is late —
  // although 14 × 24 hours after receipt would still be running at 00:10 on the 16th.
  { tracking: 'EDGE-DST-ON-TIME', channel: 'email', received: '2026-03-01 23:30', response: '2026-03-15 23:59:59' },
  { tracking: 'EDGE-DST-LATE', channel: 'email', received: '2026-03-01 23:30', response: '2026-03-16 00:10' },
  // Month boundaries in local time: the last second of February is not March; 23:59:59 on 31 March is.
  { tracking: 'EDGE-FEB', channel: 'email', received: '2026-02-28 23:59:59', response: '2026-03-02 10:00' },
  { tracking: 'EDGE-MAR-END', channel: 'email', received: '2026-03-31 23:59:59', response: '2026-04-02 10:00' },
  { tracking: 'EDGE-APR', channel: 'email', received: '2026-04-01 00:00', response: '2026-04-02 10:00' },
  // asOf is 10 April: received 27 March is due 10 April (pending); received 26 March was due 9 April (late).
  { tracking: 'EDGE-PENDING', channel: 'email', received: '2026-03-27 10:00' },
  { tracking: 'EDGE-OVERDUE', channel: 'email', received: '2026-03-26 23:59' },
  // A response after asOf does not count yet: still pending inside the 14 days, late after them.
  { tracking: 'EDGE-ANSWER-LATER', channel: 'email', received: '2026-03-30 09:00', response: '2026-04-11 09:00' },
  { tracking: 'EDGE-ANSWER-TOO-LATE', channel: 'letter', received: '2026-03-02 09:00', response: '2026-04-20 09:00' },
  // A restricted e-mail of the DV unit, answered on time; and a merged one, never counted.
  {
    tracking: 'EDGE-RESTRICTED',
    channel: 'email',
    received: '2026-03-10 09:00',
    response: '2026-03-11 09:00',
    restricted: true,
    unit: 'DV',
  },
  {
    tracking: 'EDGE-MERGED',
    channel: 'email',
    received: '2026-03-10 09:00',
    response: '2026-03-11 09:00',
    merged: true,
  },
  // Closed exactly at its deadline: on time. Without a deadline: excluded.
  {
    tracking: 'EDGE-CLOSED-AT-DUE',
    channel: '311',
    received: '2026-03-01 09:00',
    closed: '2026-03-20 17:00',
    due: '2026-03-20 17:00',
  },
  { tracking: 'EDGE-CLOSED-NO-DUE', channel: '311', received: '2026-03-01 09:00', closed: '2026-03-20 17:00' },
];

const calls: CallSpec[] = [
  { callId: 'w29', offered: '2026-03-03 10:00', answerAfterSeconds: 29 },
  { callId: 'w30', offered: '2026-03-03 10:05', answerAfterSeconds: 30 },
  { callId: 'w31', offered: '2026-03-03 10:10', answerAfterSeconds: 31 },
  { callId: 'w30.5', offered: '2026-03-03 10:15', answerAfterSeconds: 30.5 },
  { callId: 'w0', offered: '2026-03-04 09:00', answerAfterSeconds: 0 },
  { callId: 'w10', offered: '2026-03-04 09:30', answerAfterSeconds: 10 },
  { callId: 'w45', offered: '2026-03-05 16:00', answerAfterSeconds: 45 },
  { callId: 'dst', offered: '2026-03-08 01:59:50', answerAfterSeconds: 20 },
  { callId: 'last-second', offered: '2026-03-31 23:59:59', answerAfterSeconds: 29 },
  { callId: 'gave-up-5', offered: '2026-03-06 11:00', abandonAfterSeconds: 5 },
  { callId: 'gave-up-60', offered: '2026-03-06 11:10', abandonAfterSeconds: 60 },
  { callId: 'neither-1', offered: '2026-03-07 12:00' },
  { callId: 'neither-2', offered: '2026-03-07 12:01' },
  { callId: 'february', offered: '2026-02-28 23:59:50', answerAfterSeconds: 5 },
  { callId: 'april', offered: '2026-04-01 00:00', answerAfterSeconds: 5 },
  { callId: 'last-year-10', offered: '2025-03-12 10:00', answerAfterSeconds: 10 },
  { callId: 'last-year-gave-up', offered: '2025-03-12 10:05', abandonAfterSeconds: 40 },
];

// Worked out by hand from the list above for March 2026.
const marchCalls = {
  numerator: ['w29', 'w30', 'w0', 'w10', 'dst', 'last-second'],
  late: ['w31', 'w30.5', 'w45', 'gave-up-5', 'gave-up-60'],
  excluded: ['neither-1', 'neither-2'],
  answered: ['w29', 'w30', 'w31', 'w30.5', 'w0', 'w10', 'w45', 'dst', 'last-second'],
  waitSum: 29 + 30 + 31 + 30.5 + 0 + 10 + 45 + 20 + 29,
};

const interpretations: InterpretationSpec[] = [
  { requested: '2026-02-27 10:00', completed: '2026-03-01 00:00:01' },
  { requested: '2026-03-10 10:00', completed: '2026-03-15 12:00' },
  { requested: '2026-03-30 10:00', completed: '2026-03-31 23:59:59' },
  { requested: '2026-02-20 10:00', completed: '2026-02-28 23:59:59' },
  { requested: '2026-03-31 10:00', completed: '2026-04-01 00:00' },
  { requested: '2026-03-20 10:00', completed: null },
  { requested: '2025-03-20 10:00', completed: '2025-03-21 10:00' },
];

const specs: CaseSpec[] = [
  ...edgeCases,
  ...generateResponseCases(1, 700, '2026-02-20', 45),
  ...generateResponseCases(2, 120, '2025-02-25', 40),
  ...generateResponseCases(5, 80, '2025-06-25', 12),
  ...generateClosedCases(3, 400, '2026-02-25', 40),
  ...generateClosedCases(4, 80, '2025-02-27', 35),
];

let t: TestApp;
let agency: CommandContext['agency'];
const actors: Record<string, Actor> = {};
const viewers: Record<string, Viewer> = {
  system: 'system',
  ocsCaseworker: { units: ['OCS'] },
  dvCaseworker: { units: ['DV'] },
  supervisor: { units: [] },
};

const ctxOf = (name: string): CommandContext => ({ db: t.db, agency, actor: actors[name]!, requestId: null });

async function staffActor(email: string, role: Actor['role'], units: string[]): Promise<Actor> {
  const user = await createUser(t.db, { email, role, units });
  const unitIds = units.length
    ? (
        await t.db
          .selectFrom('units')
          .select('id')
          .where('agency_id', '=', agency.id)
          .where('code', 'in', units)
          .execute()
      ).map((u) => u.id)
    : [];
  return { userId: user.id, name: email, email, role, unitIds, managedUnitIds: [], via: 'session' };
}

beforeAll(async () => {
  t = await createTestApp();
  const row = await t.db
    .updateTable('agencies')
    .set({ time_zone: NEW_YORK })
    .where('slug', '=', 'main')
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
  agency = { id: row.id, slug: row.slug, name: row.name, timeZone: NEW_YORK };
  await insertCases(t.db, agency.id, specs);
  await insertCalls(t.db, agency.id, calls);
  await insertInterpretations(t.db, agency.id, interpretations);
  actors.system = systemActor('indicator test');
  actors.ocsCaseworker = await staffActor('ocs.worker@example.gov', 'caseworker', ['OCS']);
  actors.dvCaseworker = await staffActor('dv.worker@example.gov', 'caseworker', ['DV']);
  actors.supervisor = await staffActor('supervisor@example.gov', 'supervisor', []);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const find = (result: IndicatorsResult, key: string): Indicator => {
  const indicator = result.indicators.find((i) => i.key === key);
  if (!indicator) throw new Error(`no indicator ${key} in ${result.indicators.map((i) => i.key).join(', ')}`);
  return indicator;
};

const rateNumbers = (e: ExpectedRate, extra: 'pending' | 'excluded') => ({
  value: expectedPercent(e.numerator.length, e.numerator.length + e.late.length),
  numerator: e.numerator.length,
  denominator: e.numerator.length + e.late.length,
  [extra]: e[extra].length,
});

function expectCaseIndicators(result: IndicatorsResult, from: string, to: string, viewer: Viewer, when = asOf) {
  for (const [key, channel] of [
    ['emails_responded_14d_pct', 'email'],
    ['letters_responded_14d_pct', 'letter'],
  ] as const) {
    const expected = expectedResponses(specs, channel, from, to, when, viewer);
    expect(expected.numerator.length + expected.late.length).toBeGreaterThan(0);
    const { key: _key, name: _name, unit: _unit, better: _better, previousYear: _p, ...numbers } = find(result, key);
    expect(numbers, key).toEqual(rateNumbers(expected, 'pending'));
  }
  for (const channel of ['311', 'web', 'phone', 'email']) {
    const expected = expectedClosed(specs, channel, from, to, when, viewer);
    const {
      key: _key,
      name: _name,
      unit: _unit,
      better: _better,
      previousYear: _p,
      ...numbers
    } = find(result, `cases_closed_on_time_pct_${channel}`);
    expect(numbers, channel).toEqual(rateNumbers(expected, 'excluded'));
  }
}

describe('customer-service indicators', () => {
  it('match the hand count for March 2026 (system actor: every case, calls and interpretation)', async () => {
    const result = await computeIndicators(ctxOf('system'), { period: parsePeriod('2026-03'), asOf });
    expect(result.period.key).toBe('2026-03');
    expect(result.previousYearPeriod.key).toBe('2025-03');
    expect(result.asOf).toBe(asOf.toISOString());
    expectCaseIndicators(result, '2026-03-01', '2026-03-31', 'system');
    expect(result.indicators.map((i) => i.key)).toEqual([
      'emails_responded_14d_pct',
      'letters_responded_14d_pct',
      'calls_answered_30s_pct',
      'average_wait_seconds',
      'interpretation_requests_completed',
      'cases_closed_on_time_pct_311',
      'cases_closed_on_time_pct_email',
      'cases_closed_on_time_pct_web',
      'cases_closed_on_time_pct_phone',
    ]);
    expect(find(result, 'cases_closed_on_time_pct_311').name).toBe(
      '311 service requests closed within their service standard (%)',
    );
    const callsIndicator = find(result, 'calls_answered_30s_pct');
    expect(callsIndicator).toMatchObject({ value: 54.5, numerator: 6, denominator: 11, excluded: 2 });
    expect(callsIndicator.previousYear).toMatchObject({ value: 50, numerator: 1, denominator: 2, excluded: 0 });
    expect(find(result, 'average_wait_seconds')).toMatchObject({
      value: Math.round((marchCalls.waitSum / marchCalls.answered.length) * 10) / 10,
      numerator: 224.5,
      denominator: 9,
      unit: 'seconds',
      better: 'lower',
    });
    expect(find(result, 'average_wait_seconds').value).toBe(24.9);
    expect(find(result, 'interpretation_requests_completed')).toMatchObject({
      value: 3,
      numerator: 3,
      denominator: null,
      previousYear: { value: 1, numerator: 1, denominator: null },
    });
    const emails = find(result, 'emails_responded_14d_pct');
    expect(emails.unit).toBe('percent');
    expect(emails.value).not.toBeNull();
    expect(emails.value!).toBeGreaterThanOrEqual(0);
    expect(emails.value!).toBeLessThanOrEqual(100);
    expect(emails.target).toBeUndefined();
  });

  it('compare with the same month a year earlier, across that year’s daylight-saving change', async () => {
    const result = await computeIndicators(ctxOf('system'), { period: parsePeriod('2026-03'), asOf });
    for (const [key, channel] of [
      ['emails_responded_14d_pct', 'email'],
      ['letters_responded_14d_pct', 'letter'],
    ] as const) {
      const expected = expectedResponses(specs, channel, '2025-03-01', '2025-03-31', asOf, 'system');
      expect(expected.pending).toEqual([]);
      expect(find(result, key).previousYear).toEqual(rateNumbers(expected, 'pending'));
    }
    const closed = expectedClosed(specs, '311', '2025-03-01', '2025-03-31', asOf, 'system');
    expect(closed.numerator.length + closed.late.length).toBeGreaterThan(0);
    expect(find(result, 'cases_closed_on_time_pct_311').previousYear).toEqual(rateNumbers(closed, 'excluded'));
  });

  it('count restricted cases only for those who may see them, and show calls to supervisors but not caseworkers', async () => {
    for (const name of ['ocsCaseworker', 'dvCaseworker', 'supervisor']) {
      const result = await computeIndicators(ctxOf(name), { period: parsePeriod('2026-03'), asOf });
      expectCaseIndicators(result, '2026-03-01', '2026-03-31', viewers[name]!);
      const keys = result.indicators.map((i) => i.key);
      const seesCalls = name === 'supervisor';
      expect(keys.includes('calls_answered_30s_pct'), name).toBe(seesCalls);
      expect(keys.includes('average_wait_seconds'), name).toBe(seesCalls);
      expect(keys.includes('interpretation_requests_completed'), name).toBe(seesCalls);
    }
    const outside = await computeIndicators(ctxOf('ocsCaseworker'), { period: parsePeriod('2026-03'), asOf });
    const inside = await computeIndicators(ctxOf('dvCaseworker'), { period: parsePeriod('2026-03'), asOf });
    // The DV unit's restricted e-mails make the difference.
    const restrictedDv = specs.filter(
      (s) =>
        s.channel === 'email' &&
        s.restricted &&
        s.unit === 'DV' &&
        !s.merged &&
        s.received >= '2026-03-01' &&
        s.received < '2026-04-01',
    );
    const counted = (r: IndicatorsResult) => {
      const e = find(r, 'emails_responded_14d_pct');
      return e.denominator! + e.pending!;
    };
    expect(restrictedDv.length).toBeGreaterThan(1);
    expect(counted(inside) - counted(outside)).toBe(
      restrictedDv.length -
        specs.filter(
          (s) =>
            s.channel === 'email' &&
            s.restricted &&
            s.unit === 'OCS' &&
            !s.merged &&
            s.received >= '2026-03-01' &&
            s.received < '2026-04-01',
        ).length,
    );
  });

  it('cover a city fiscal year (July–June) and a range of days', async () => {
    const fiscal = await computeIndicators(ctxOf('system'), { period: parsePeriod('FY2026'), asOf });
    expect(fiscal.period).toMatchObject({ from: '2025-07-01', to: '2026-06-30' });
    expectCaseIndicators(fiscal, '2025-07-01', '2026-06-30', 'system');
    const previousFiscal = expectedResponses(specs, 'email', '2024-07-01', '2025-06-30', asOf, 'system');
    expect(find(fiscal, 'emails_responded_14d_pct').previousYear).toEqual(rateNumbers(previousFiscal, 'pending'));
    expect(find(fiscal, 'interpretation_requests_completed').value).toBe(5);

    const range = await computeIndicators(ctxOf('dvCaseworker'), {
      period: parsePeriod('2026-03-08..2026-03-21'),
      asOf,
    });
    expectCaseIndicators(range, '2026-03-08', '2026-03-21', viewers.dvCaseworker!);
  });

  it('take the numbers as of a moment: a report made earlier counts what was known then', async () => {
    const earlier = ny('2026-03-20 08:00');
    const result = await computeIndicators(ctxOf('system'), { period: parsePeriod('2026-03'), asOf: earlier });
    expectCaseIndicators(result, '2026-03-01', '2026-03-31', 'system', earlier);
  });

  it('show an administrator’s targets', async () => {
    await t.db
      .insertInto('indicator_targets')
      .values([
        { agency_id: agency.id, key: 'emails_responded_14d_pct', target: 90 },
        { agency_id: agency.id, key: 'average_wait_seconds', target: 42.5 },
      ])
      .execute();
    const result = await computeIndicators(ctxOf('system'), { period: parsePeriod('2026-03'), asOf });
    expect(find(result, 'emails_responded_14d_pct').target).toBe(90);
    expect(find(result, 'average_wait_seconds').target).toBe(42.5);
    expect(find(result, 'letters_responded_14d_pct').target).toBeUndefined();
    await t.db.deleteFrom('indicator_targets').execute();
  });
});

async function drillAll(ctx: CommandContext, key: string, group: IndicatorGroup, period = '2026-03') {
  const seen: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let pages = 0; pages < 200; pages++) {
    const page = await indicatorItems(ctx, { key, group, period: parsePeriod(period), asOf, cursor, limit: 37 });
    total = page.total;
    for (const item of page.items) {
      seen.push('trackingNumber' in item ? item.trackingNumber : 'callId' in item ? item.callId : String(item.id));
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { total, ids: seen };
}

describe('indicator drill-down', () => {
  it('lists exactly the cases behind every number, page by page, for each reader', async () => {
    for (const name of ['system', 'ocsCaseworker', 'dvCaseworker']) {
      const ctx = ctxOf(name);
      const result = await computeIndicators(ctx, { period: parsePeriod('2026-03'), asOf });
      for (const indicator of result.indicators.filter(
        (i) => i.unit === 'percent' && i.key !== 'calls_answered_30s_pct',
      )) {
        const channel = indicator.key.startsWith('cases_closed')
          ? indicator.key.slice('cases_closed_on_time_pct_'.length)
          : indicator.key.startsWith('emails')
            ? 'email'
            : 'letter';
        const expected = indicator.key.startsWith('cases_closed')
          ? expectedClosed(specs, channel, '2026-03-01', '2026-03-31', asOf, viewers[name]!)
          : expectedResponses(specs, channel, '2026-03-01', '2026-03-31', asOf, viewers[name]!);
        const groups: [IndicatorGroup, string[], number | undefined][] = [
          ['numerator', expected.numerator, indicator.numerator],
          ['late', expected.late, indicator.denominator! - indicator.numerator],
          ['denominator', [...expected.numerator, ...expected.late], indicator.denominator!],
          indicator.key.startsWith('cases_closed')
            ? ['excluded', expected.excluded, indicator.excluded]
            : ['pending', expected.pending, indicator.pending],
        ];
        for (const [group, ids, number] of groups) {
          const listed = await drillAll(ctx, indicator.key, group);
          expect(listed.total, `${name} ${indicator.key} ${group}`).toBe(number);
          expect(listed.ids.length).toBe(number);
          expect([...listed.ids].sort()).toEqual([...ids].sort());
        }
      }
    }
  });

  it('puts the edge cases where the definitions say', async () => {
    const ctx = ctxOf('system');
    const emailsOnTime = (await drillAll(ctx, 'emails_responded_14d_pct', 'numerator')).ids;
    const emailsLate = (await drillAll(ctx, 'emails_responded_14d_pct', 'late')).ids;
    const emailsPending = (await drillAll(ctx, 'emails_responded_14d_pct', 'pending')).ids;
    const lettersLate = (await drillAll(ctx, 'letters_responded_14d_pct', 'late')).ids;
    expect(emailsOnTime).toEqual(expect.arrayContaining(['EDGE-DST-ON-TIME', 'EDGE-MAR-END', 'EDGE-RESTRICTED']));
    expect(emailsLate).toEqual(expect.arrayContaining(['EDGE-DST-LATE', 'EDGE-OVERDUE']));
    expect(emailsPending).toEqual(expect.arrayContaining(['EDGE-PENDING', 'EDGE-ANSWER-LATER']));
    expect(lettersLate).toContain('EDGE-ANSWER-TOO-LATE');
    const all = [...emailsOnTime, ...emailsLate, ...emailsPending];
    for (const absent of ['EDGE-FEB', 'EDGE-APR', 'EDGE-MERGED']) expect(all).not.toContain(absent);
    expect((await drillAll(ctx, 'cases_closed_on_time_pct_311', 'numerator')).ids).toContain('EDGE-CLOSED-AT-DUE');
    expect((await drillAll(ctx, 'cases_closed_on_time_pct_311', 'excluded')).ids).toContain('EDGE-CLOSED-NO-DUE');
    const outside = (await drillAll(ctxOf('ocsCaseworker'), 'emails_responded_14d_pct', 'numerator')).ids;
    expect(outside).not.toContain('EDGE-RESTRICTED');
  });

  it('lists the calls and interpretation requests behind their numbers, waits included', async () => {
    const ctx = ctxOf('supervisor');
    const sorted = (ids: string[]) => [...ids].sort();
    expect(sorted((await drillAll(ctx, 'calls_answered_30s_pct', 'numerator')).ids)).toEqual(
      sorted(marchCalls.numerator),
    );
    expect(sorted((await drillAll(ctx, 'calls_answered_30s_pct', 'late')).ids)).toEqual(sorted(marchCalls.late));
    expect(sorted((await drillAll(ctx, 'calls_answered_30s_pct', 'excluded')).ids)).toEqual(
      sorted(marchCalls.excluded),
    );
    expect((await drillAll(ctx, 'calls_answered_30s_pct', 'denominator')).total).toBe(11);
    const waits = await indicatorItems(ctx, {
      key: 'average_wait_seconds',
      group: 'denominator',
      period: parsePeriod('2026-03'),
      asOf,
      limit: 100,
    });
    expect(sorted(waits.items.map((i) => ('callId' in i ? i.callId : '')))).toEqual(sorted(marchCalls.answered));
    expect(waits.items.reduce((sum, i) => sum + ('waitSeconds' in i ? i.waitSeconds! : 0), 0)).toBeCloseTo(224.5, 6);
    const interpretationsDone = await drillAll(ctx, 'interpretation_requests_completed', 'numerator');
    expect(interpretationsDone.total).toBe(3);
    expect(interpretationsDone.ids).toHaveLength(3);
  });

  it('refuses calls to caseworkers, unknown keys, groups an indicator does not have and forged cursors', async () => {
    const period = parsePeriod('2026-03');
    await expect(
      indicatorItems(ctxOf('ocsCaseworker'), {
        key: 'calls_answered_30s_pct',
        group: 'numerator',
        period,
        asOf,
        limit: 5,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      indicatorItems(ctxOf('system'), { key: 'no_such_indicator', group: 'numerator', period, asOf, limit: 5 }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      indicatorItems(ctxOf('system'), {
        key: 'cases_closed_on_time_pct_311',
        group: 'pending',
        period,
        asOf,
        limit: 5,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'group' }] });
    await expect(
      indicatorItems(ctxOf('system'), {
        key: 'emails_responded_14d_pct',
        group: 'numerator',
        period,
        asOf,
        limit: 5,
        cursor: 'bm90IGEgY3Vyc29y',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'cursor' }] });
    for (const forged of [{ t: '1', id: 1e300 }, { t: '99999999999999999999', id: 1 }, { t: 5, id: 1 }, null]) {
      await expect(
        indicatorItems(ctxOf('system'), {
          key: 'emails_responded_14d_pct',
          group: 'late',
          period,
          asOf,
          limit: 5,
          cursor: Buffer.from(JSON.stringify(forged)).toString('base64url'),
        }),
      ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'cursor' }] });
    }
  });
});
