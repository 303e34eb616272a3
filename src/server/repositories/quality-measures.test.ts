// The federal and California measures are seeded into child-support agencies only: at first start, for an agency
// created later on that preset, and again (harmlessly) at each start; a constituent-services agency starts with
// civicdesk's own indicators and may add others. Another agency's measures and values stay apart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, signInAs, type TestApp } from '../test/test-app.ts';
import { bootstrap, createAgencyWithStarterConfiguration } from '../bootstrap.ts';
import { listMeasures, seedQualityCatalogue } from './quality-measures.ts';
import { STARTER_MEASURES } from '../../domain/measures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

afterAll(async () => {
  await t.close();
});

it('gives a constituent-services agency no federal measures; its catalogue is civicdesk’s own indicators', async () => {
  const main = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  expect(await listMeasures(t.db, main.id)).toEqual([]);
  const admin = await signInAs(t.app, ADMIN_EMAIL, ADMIN_PASSWORD);
  const res = await admin.call('GET', '/api/v1/measures');
  expect(res.statusCode).toBe(200);
  const sources = new Set((res.json() as { source: string }[]).map((m) => m.source));
  expect([...sources]).toEqual(['civicdesk']);
});

it('seeds the federal and California measures into a child-support agency created later, once, also at each start', async () => {
  const other = await t.db.transaction().execute((tx) =>
    createAgencyWithStarterConfiguration(tx, {
      slug: 'county-dcss',
      name: 'County Child Support',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'CS',
      preset: 'child-support',
    }),
  );
  const keys = STARTER_MEASURES.map((m) => m.key);
  const theirs = await listMeasures(t.db, other);
  expect(theirs.map((m) => m.key)).toEqual(keys);
  expect(keys).toEqual(
    expect.arrayContaining([
      'current_collections',
      'arrears_collections',
      'cases_with_orders',
      'paternity_establishment_ivd',
      'cost_effectiveness',
    ]),
  );
  await seedQualityCatalogue(t.db, other);
  await bootstrap(t.db, t.config);
  const rows = await t.db.selectFrom('quality_measures').select('agency_id').execute();
  expect(rows.filter((r) => r.agency_id === other)).toHaveLength(keys.length);
  const main = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  expect(rows.filter((r) => r.agency_id === main.id)).toHaveLength(0);
});
