// `civicdesk seed demo` tells its progress from the first step to the last: the staff, the templates, each batch of
// cases and the commit, in order, ending at the total (the terminal bar draws the same steps).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/test-app.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('reports every step in order, the cases batch by batch, and ends at the total', async () => {
  const steps: { done: number; total: number; stage: string }[] = [];
  const result = await seedDemo(t.db, {
    cases: 1_200,
    now: new Date('2026-03-02T15:00:00Z'),
    write: () => {},
    onProgress: (done, total, stage) => steps.push({ done, total, stage }),
  });
  expect(result.created).toBe(true);
  const total = 3 + 1_200 + 1;
  expect(new Set(steps.map((s) => s.total))).toEqual(new Set([total]));
  expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
  expect(steps.map((s) => s.stage)).toEqual([
    'staff password',
    'staff accounts',
    'translated templates',
    'cases 0/1200',
    'cases 500/1200',
    'cases 1000/1200',
    'cases 1200/1200',
    'saving',
    'done',
  ]);
  expect(steps.at(-1)!.done).toBe(total);

  const again: string[] = [];
  await seedDemo(t.db, { cases: 10, write: () => {}, onProgress: (_d, _t, stage) => again.push(stage) });
  expect(again, 'an agency that has the demo already shows no bar').toEqual([]);
});
