// The measures catalogue is seeded into every agency: at first start, for an agency created later, and again
// (harmlessly) at each start; another agency's measures and values stay apart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createAgencyWithStarterConfiguration } from '../bootstrap.ts';
import { listMeasures, seedQualityCatalogue } from './quality-measures.ts';
import { STARTER_MEASURES } from '../../domain/measures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

afterAll(async () => {
  await t.close();
});

it('seeds the federal and California measures into the first agency and any agency created later, once', async () => {
  const main = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const keys = (await listMeasures(t.db, main.id)).map((m) => m.key);
  expect(keys).toEqual(STARTER_MEASURES.map((m) => m.key));
  const other = await t.db.transaction().execute((tx) =>
    createAgencyWithStarterConfiguration(tx, {
      slug: 'county-dcss',
      name: 'County Child Support',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'CS',
    }),
  );
  await seedQualityCatalogue(t.db, other);
  const theirs = await listMeasures(t.db, other);
  expect(theirs.map((m) => m.key)).toEqual(keys);
  expect(new Set(theirs.map((m) => m.id)).size).toBe(keys.length);
  const rows = await t.db.selectFrom('quality_measures').select('agency_id').execute();
  expect(rows.filter((r) => r.agency_id === other)).toHaveLength(keys.length);
});
