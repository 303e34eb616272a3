// The measures API from outside: the catalogue with the federal measures, entering a federal fiscal year's values
// (value = numerator ÷ denominator), refusals naming the field with nothing written, replacement with audit, goals
// and thresholds beside the values, CSV import with row errors and no partial writes, the scorecard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import type { Measure, MeasureDetail, MeasureValue, Scorecard } from '../../../../shared/quality.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support' });
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'worker@example.gov', role: 'caseworker' });
  caseworker = await signInAs(t.app, 'worker@example.gov', USER_PASSWORD);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const valueCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('quality_measure_values')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('GET /api/v1/measures', () => {
  it('lists the federal measures with their period kind and source, California’s, and civicdesk’s indicators', async () => {
    const res = await caseworker.call('GET', '/api/v1/measures');
    expect(res.statusCode).toBe(200);
    const measures = res.json() as Measure[];
    const byKey = new Map(measures.map((m) => [m.key, m]));
    for (const key of [
      'current_collections',
      'arrears_collections',
      'cases_with_orders',
      'paternity_establishment_ivd',
      'paternity_establishment_statewide',
      'cost_effectiveness',
    ]) {
      expect(byKey.get(key), key).toMatchObject({ periodKind: 'federal_fiscal_year', source: 'federal' });
    }
    expect(byKey.get('ca_service_of_summons')?.source).toBe('california');
    expect(byKey.get('emails_responded_14d_pct')).toMatchObject({ source: 'civicdesk', periodKind: 'month' });
    expect(byKey.get('cost_effectiveness')?.thresholds).toEqual({ fullCredit: 5, noCredit: 2, penaltyFloor: null });
    for (const m of measures)
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['key', 'name', 'periodKind', 'source']));
  });
});

describe('POST /api/v1/measures/{key}/values', () => {
  it('enters a federal fiscal year: value is numerator ÷ denominator, with who entered it and the thresholds', async () => {
    const res = await admin.call('POST', '/api/v1/measures/current_collections/values', {
      period: 'FFY2026',
      numerator: 620,
      denominator: 1000,
      source: 'OCSE-157 draft',
    });
    expect(res.statusCode).toBe(201);
    const value = res.json() as MeasureValue;
    expect(value).toMatchObject({
      period: 'FFY2026',
      from: '2025-10-01',
      to: '2026-09-30',
      numerator: 620,
      denominator: 1000,
      source: 'OCSE-157 draft',
      enteredVia: 'console',
      enteredByName: 'Administrator',
      reliable: true,
      thresholds: { fullCredit: 0.8, noCredit: 0.4, penaltyFloor: 0.35 },
      assessment: { applicablePercentage: 72, credit: 'partial', penalty: false },
    });
    expect(value.value).toBeCloseTo(0.62);
  });

  it('refuses a zero denominator and a period of the wrong kind, naming the field, writing nothing', async () => {
    const before = await valueCount();
    const zero = await admin.call('POST', '/api/v1/measures/cases_with_orders/values', {
      period: 'FFY2026',
      numerator: 5,
      denominator: 0,
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details).toEqual([expect.objectContaining({ field: 'denominator' })]);
    const wrongKind = await admin.call('POST', '/api/v1/measures/cases_with_orders/values', {
      period: 'FY2026',
      numerator: 5,
      denominator: 10,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details[0]).toMatchObject({ field: 'period' });
    expect(wrongKind.json().error.message).toMatch(/FFY2026/);
    const missing = await admin.call('POST', '/api/v1/measures/cases_with_orders/values', { period: 'FFY2026' });
    expect(missing.statusCode).toBe(400);
    expect(await valueCount()).toBe(before);
  });

  it('replaces a period entered again and keeps the old numbers in the audit trail', async () => {
    await admin.call('POST', '/api/v1/measures/cases_with_orders/values', {
      period: 'FFY2025',
      numerator: 7,
      denominator: 10,
    });
    const again = await admin.call('POST', '/api/v1/measures/cases_with_orders/values', {
      period: 'FFY2025',
      numerator: 8,
      denominator: 10,
      reliable: false,
      reliabilityNote: 'Sample failed the 95 % standard',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ version: 2, reliable: false });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_id', '=', 'cases_with_orders/FFY2025')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['measure_value.entered', 'measure_value.replaced']);
    expect(audit[1]!.changes).toEqual(expect.arrayContaining([{ field: 'numerator', old: 7, new: 8 }]));
  });

  it('refuses caseworkers, unknown measures and civicdesk’s computed indicators', async () => {
    const body = { period: 'FFY2026', numerator: 1, denominator: 2 };
    expect((await caseworker.call('POST', '/api/v1/measures/current_collections/values', body)).statusCode).toBe(403);
    expect((await admin.call('POST', '/api/v1/measures/no_such_measure/values', body)).statusCode).toBe(404);
    const computed = await admin.call('POST', '/api/v1/measures/emails_responded_14d_pct/values', {
      ...body,
      period: '2026-01',
    });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().error.details[0].field).toBe('key');
  });
});

describe('goals, custom measures, import and scorecard', () => {
  it('shows the year’s goal beside each value and whether it is met', async () => {
    const goal = await admin.call('PUT', '/api/v1/measures/current_collections/goals/2026', { goal: 0.65 });
    expect(goal.statusCode).toBe(200);
    expect((await admin.call('PUT', '/api/v1/measures/current_collections/goals/2026', { goal: 65 })).statusCode).toBe(
      400,
    );
    const detail = (await admin.call('GET', '/api/v1/measures/current_collections')).json() as MeasureDetail;
    expect(detail.goals).toEqual([{ year: 2026, goal: 0.65 }]);
    expect(detail.values.at(-1)).toMatchObject({ period: 'FFY2026', goal: 0.65, meetsGoal: false });
  });

  it('defines a measure of the agency’s own per quarter', async () => {
    const res = await admin.call('POST', '/api/v1/measures', {
      key: 'callbacks_within_one_day',
      name: 'Call-backs within one business day',
      periodKind: 'quarter',
      unit: 'percent',
      direction: 'higher',
      numeratorLabel: 'Call-backs made within a day',
      denominatorLabel: 'Call-backs requested',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'callbacks_within_one_day', source: 'manual', periodKind: 'quarter' });
    const bad = await admin.call('POST', '/api/v1/measures', {
      key: 'Bad Key',
      name: '',
      periodKind: 'fortnight',
      unit: 'percent',
      direction: 'up',
      numeratorLabel: 'a',
      denominatorLabel: 'b',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'key',
      'name',
      'periodKind',
      'direction',
    ]);
    const duplicate = await admin.call('POST', '/api/v1/measures', {
      ...(res.json() as object),
      key: 'current_collections',
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('imports a CSV all or nothing, naming row and column of each problem', async () => {
    const before = await valueCount();
    const bad = await admin.call('POST', '/api/v1/measures/values/import', {
      csv: [
        'measure,period,numerator,denominator,source',
        'paternity_establishment_ivd,FFY2026,900,1000,OCSE-157',
        'cases_with_orders,FY2026,1,2,',
        'cost_effectiveness,FFY2026,"5,200,000",0,',
        'nope,FFY2026,1,2,',
      ].join('\n'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'row 3: period',
      'row 4: denominator',
      'row 5: measure',
    ]);
    expect(await valueCount()).toBe(before);
    const good = await admin.call('POST', '/api/v1/measures/values/import', {
      csv: 'measure,period,numerator,denominator,reliable\r\npaternity_establishment_ivd,FFY2026,900,1000,yes\r\ncost_effectiveness,FFY2026,"5,200,000",1000000,no\r\n',
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toEqual({ imported: 2, replaced: 0 });
    const missingColumn = await admin.call('POST', '/api/v1/measures/values/import', { csv: 'measure,period\nx,y\n' });
    expect(missingColumn.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'column numerator',
      'column denominator',
    ]);
  });

  it('scores every measure with its latest value, series and trend', async () => {
    const res = await caseworker.call('GET', '/api/v1/quality/scorecard');
    expect(res.statusCode).toBe(200);
    const rows = (res.json() as Scorecard).rows;
    const cost = rows.find((r) => r.measure.key === 'cost_effectiveness')!;
    expect(cost.latest).toMatchObject({ value: 5.2, reliable: false, assessment: { credit: 'full' } });
    const orders = rows.find((r) => r.measure.key === 'cases_with_orders')!;
    expect(orders.series).toEqual([{ period: 'FFY2025', value: 0.8 }]);
    const emails = rows.find((r) => r.measure.key === 'emails_responded_14d_pct')!;
    expect(emails.series).toHaveLength(6);
  });
});
