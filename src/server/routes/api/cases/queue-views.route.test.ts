import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let other: SignedIn;
let auditor: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const user = await createUser(t.db, { email: 'w@example.gov', role: 'caseworker', units: ['HEAP'] });
  worker = await signInAs(t.app, user.email, USER_PASSWORD);
  const second = await createUser(t.db, { email: 'o@example.gov', role: 'caseworker', units: ['SNAP'] });
  other = await signInAs(t.app, second.email, USER_PASSWORD);
  const third = await createUser(t.db, { email: 'a@example.gov', role: 'auditor', units: [] });
  auditor = await signInAs(t.app, third.email, USER_PASSWORD);
});
afterAll(async () => t.close());

async function newCase(extra: Record<string, unknown> = {}, description = 'Heat is off in the building, sandpiper.') {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'HEAT',
    description,
    person: { firstName: 'Tenant', lastName: 'Sandpiper', email: `t${Math.random()}@example.org` },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingNumber: string; version: number; priority: string; unit: string | null };
}

const getCase = async (tn: string) => (await admin.call('GET', `/api/v1/cases/${tn}`)).json();

describe('bulk coding', () => {
  it('previews, applies to every case matching the query, and undo restores values and versions exactly', async () => {
    const a = await newCase();
    const b = await newCase({ priority: 'high' });
    const closed = await newCase();
    expect(
      (await admin.call('POST', `/api/v1/cases/${closed.trackingNumber}/status`, { status: 'closed' })).statusCode,
    ).toBe(200);
    const secret = await newCase({ restricted: true });
    await newCase({}, 'A different matter entirely about identification cards.');
    const before = await Promise.all([a, b].map((c) => getCase(c.trackingNumber)));

    const body = {
      selection: { query: { q: 'sandpiper' } },
      changes: { priority: 'high', addTags: ['winter'], unit: 'FIA' },
    };
    const preview = await admin.call('POST', '/api/v1/cases/bulk-coding/preview', body);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      matched: 5,
      willChange: 3,
      changes: expect.arrayContaining([
        { field: 'priority', value: 'high', count: 2 },
        { field: 'addTag', value: 'winter', count: 3 },
        { field: 'unit', value: 'FIA', count: 3 },
      ]),
      skipped: expect.arrayContaining([
        expect.objectContaining({ reason: 'restricted', count: 1, trackingNumbers: [secret.trackingNumber] }),
        expect.objectContaining({ reason: 'closed', count: 1, trackingNumbers: [closed.trackingNumber] }),
      ]),
    });
    // The preview wrote nothing.
    expect((await getCase(a.trackingNumber)).version).toBe(before[0].version);

    const applied = await admin.call('POST', '/api/v1/cases/bulk-coding', body);
    expect(applied.statusCode, applied.body).toBe(200);
    const result = applied.json();
    expect(result).toMatchObject({ matched: 5, changed: 3 });
    expect(Date.parse(result.undoUntil)).toBeGreaterThan(Date.now());
    const after = await getCase(a.trackingNumber);
    expect(after).toMatchObject({ priority: 'high', unit: 'FIA', tags: expect.arrayContaining(['winter']) });
    expect(after.version).toBeGreaterThan(before[0].version);
    expect((await getCase(secret.trackingNumber)).unit).not.toBe('FIA');

    const undo = await admin.call('POST', `/api/v1/cases/bulk-coding/${result.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toEqual({ id: result.id, restored: 3, skipped: [] });
    const restored = await Promise.all([a, b].map((c) => getCase(c.trackingNumber)));
    for (const [i, row] of restored.entries()) {
      const { updatedAt: _u1, ...now } = row;
      const { updatedAt: _u2, ...was } = before[i];
      expect(now).toEqual(was);
    }
    const audit = (await admin.call('GET', `/api/v1/cases/${a.trackingNumber}/audit`)).json();
    expect(JSON.stringify(audit)).toContain('case.bulk_undone');

    const again = await admin.call('POST', `/api/v1/cases/bulk-coding/${result.id}/undo`);
    expect(again.statusCode).toBe(409);
  });

  it('leaves a case changed since alone on undo, and refuses an undo after its window', async () => {
    const a = await newCase({}, 'Boiler broken, heron building.');
    const b = await newCase({}, 'Boiler broken, heron building again.');
    const firstAnswer = await admin.call('POST', '/api/v1/cases/bulk-coding', {
      selection: { trackingNumbers: [a.trackingNumber, b.trackingNumber] },
      changes: { subject: 'HOUSING' },
    });
    expect(firstAnswer.statusCode, firstAnswer.body).toBe(200);
    const first = firstAnswer.json();
    expect(first.changed).toBe(2);
    const edited = await admin.call('PATCH', `/api/v1/cases/${b.trackingNumber}`, {
      priority: 'urgent',
      expectedVersion: (await getCase(b.trackingNumber)).version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const undo = (await admin.call('POST', `/api/v1/cases/bulk-coding/${first.id}/undo`)).json();
    expect(undo.restored).toBe(1);
    expect(undo.skipped).toEqual([
      { trackingNumber: b.trackingNumber, reason: expect.stringContaining('changed since') },
    ]);
    expect((await getCase(a.trackingNumber)).subject).toBe('HEAT');
    expect((await getCase(b.trackingNumber)).subject).toBe('HOUSING');

    const second = (
      await admin.call('POST', '/api/v1/cases/bulk-coding', {
        selection: { trackingNumbers: [a.trackingNumber] },
        changes: { priority: 'low' },
      })
    ).json();
    await t.db
      .updateTable('bulk_changes')
      .set({ undo_until: new Date(Date.now() - 1000) })
      .where('id', '=', second.id)
      .execute();
    const late = await admin.call('POST', `/api/v1/cases/bulk-coding/${second.id}/undo`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('undo window');
    expect((await getCase(a.trackingNumber)).priority).toBe('low');
    // Someone else's bulk change is not theirs to undo.
    expect((await worker.call('POST', `/api/v1/cases/bulk-coding/${first.id}/undo`)).statusCode).toBe(404);
  });

  it('names the field at fault and changes nothing', async () => {
    const a = await newCase();
    for (const [changes, field] of [
      [{}, 'changes'],
      [{ subject: 'NOPE' }, 'changes.subject'],
      [{ unit: 'NOPE' }, 'changes.unit'],
    ] as const) {
      const res = await admin.call('POST', '/api/v1/cases/bulk-coding', {
        selection: { trackingNumbers: [a.trackingNumber] },
        changes,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
    const both = await admin.call('POST', '/api/v1/cases/bulk-coding/preview', {
      selection: { trackingNumbers: [a.trackingNumber], query: { q: 'x' } },
      changes: { priority: 'low' },
    });
    expect(both.json().error.details[0].field).toBe('selection');
    expect((await getCase(a.trackingNumber)).version).toBe(a.version);
    expect(
      (
        await auditor.call('POST', '/api/v1/cases/bulk-coding/preview', {
          selection: { trackingNumbers: [a.trackingNumber] },
          changes: { priority: 'low' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('counts only the cases the reader may see, and skips those they may not change', async () => {
    const heat = await newCase({}, 'Radiators cold, kestrel street.');
    // The SNAP caseworker does not see a HEAP case routed elsewhere? They see agency cases but may not route them all.
    const preview = await other.call('POST', '/api/v1/cases/bulk-coding/preview', {
      selection: { trackingNumbers: [heat.trackingNumber, 'OCS-1999-000001'] },
      changes: { priority: 'urgent' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().matched).toBeLessThanOrEqual(1);
  });
});

describe('saved views', () => {
  const definition = {
    queue: 'my-unit',
    filters: { subject: 'HEAT', q: ' ' },
    sort: 'priority',
    direction: 'desc',
    columns: ['subject', 'priority', 'deadline'],
  };

  it('saves a personal view, shares it with a unit, and only the owner changes it', async () => {
    const created = await worker.call('POST', '/api/v1/saved-views', { name: 'Heat, urgent first', definition });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({ sharedWith: 'private', canEdit: true, definition: { filters: { subject: 'HEAT' } } });
    expect((await other.call('GET', '/api/v1/saved-views')).json().items).toEqual([]);

    const answer = (await admin.call('GET', '/api/v1/units')).json();
    const units = (Array.isArray(answer) ? answer : answer.items) as { id: number; code: string }[];
    const heap = units.find((u) => u.code === 'HEAP')!;
    const snap = units.find((u) => u.code === 'SNAP')!;
    const notMine = await worker.call('PATCH', `/api/v1/saved-views/${view.id}`, {
      expectedVersion: 1,
      sharedWith: 'unit',
      sharedUnitId: snap.id,
    });
    expect(notMine.statusCode).toBe(403);
    const shared = await worker.call('PATCH', `/api/v1/saved-views/${view.id}`, {
      expectedVersion: 1,
      sharedWith: 'agency',
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const seen = (await other.call('GET', '/api/v1/saved-views')).json().items;
    expect(seen).toMatchObject([{ id: view.id, canEdit: false, owner: { name: expect.any(String) } }]);
    expect(
      (await other.call('PATCH', `/api/v1/saved-views/${view.id}`, { expectedVersion: 2, name: 'Mine now' }))
        .statusCode,
    ).toBe(403);
    const stale = await worker.call('PATCH', `/api/v1/saved-views/${view.id}`, { expectedVersion: 1, name: 'x' });
    expect(stale.statusCode).toBe(409);
    const toUnit = await worker.call('PATCH', `/api/v1/saved-views/${view.id}`, {
      expectedVersion: 2,
      sharedWith: 'unit',
      sharedUnitId: heap.id,
    });
    expect(toUnit.statusCode, toUnit.body).toBe(200);
    expect((await other.call('GET', '/api/v1/saved-views')).json().items).toEqual([]);
    expect((await worker.call('DELETE', `/api/v1/saved-views/${view.id}`)).statusCode).toBe(204);
    expect((await worker.call('GET', '/api/v1/saved-views')).json().items).toEqual([]);
  });

  it('refuses a bad view with the field named', async () => {
    const blank = await worker.call('POST', '/api/v1/saved-views', { name: '  ', definition });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('name');
    const queue = await worker.call('POST', '/api/v1/saved-views', {
      name: 'x',
      definition: { ...definition, queue: 'nowhere' },
    });
    expect(queue.json().error.details[0].field).toBe('definition.queue');
    const column = await worker.call('POST', '/api/v1/saved-views', {
      name: 'x',
      definition: { ...definition, columns: ['shoe size'] },
    });
    expect(column.statusCode).toBe(400);
    const density = await worker.call('POST', '/api/v1/saved-views', {
      name: 'x',
      definition: { ...definition, density: 'tiny' },
    });
    expect(density.statusCode).toBe(400);
    expect(density.body).toContain('density');
    expect((await worker.call('GET', '/api/v1/saved-views')).json().items).toEqual([]);
  });

  it('keeps the row density of a view, and leaves it out when not given', async () => {
    const compact = await worker.call('POST', '/api/v1/saved-views', {
      name: 'Compact heat',
      definition: { ...definition, density: 'compact' },
    });
    expect(compact.statusCode, compact.body).toBe(201);
    expect(compact.json().definition).toMatchObject({ density: 'compact', columns: definition.columns });
    const plain = (await worker.call('POST', '/api/v1/saved-views', { name: 'Plain heat', definition })).json();
    expect(plain.definition.density).toBeUndefined();
    const changed = await worker.call('PATCH', `/api/v1/saved-views/${plain.id}`, {
      expectedVersion: 1,
      definition: { ...definition, density: 'compact', columns: ['tags', 'received'] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const listed = (await worker.call('GET', '/api/v1/saved-views')).json().items as {
      name: string;
      definition: { density?: string; columns: string[] };
    }[];
    expect(listed.find((v) => v.name === 'Plain heat')?.definition).toMatchObject({
      density: 'compact',
      columns: ['tags', 'received'],
    });
    for (const v of (await worker.call('GET', '/api/v1/saved-views')).json().items as { id: number }[]) {
      expect((await worker.call('DELETE', `/api/v1/saved-views/${v.id}`)).statusCode).toBe(204);
    }
  });
});

describe('sortable case lists', () => {
  it('sorts by priority, both ways, and pages through every case once', async () => {
    const query = 'q=&queue=unassigned&sort=priority&limit=3';
    const seen: string[] = [];
    let cursor: string | null = null;
    let ranks: number[] = [];
    const rank = { low: 1, normal: 2, high: 3, urgent: 4 } as Record<string, number>;
    do {
      const page: { items: { trackingNumber: string; priority: string }[]; nextCursor: string | null; total: number } =
        (await admin.call('GET', `/api/v1/cases?${query}&direction=desc${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c) => c.trackingNumber));
      ranks = [...ranks, ...page.items.map((c) => rank[c.priority]!)];
      cursor = page.nextCursor;
    } while (cursor);
    const total = (await admin.call('GET', '/api/v1/cases?queue=unassigned&limit=1')).json().total;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    const asc = (
      await admin.call('GET', '/api/v1/cases?queue=unassigned&sort=priority&direction=asc&limit=200')
    ).json();
    const ascRanks = asc.items.map((c: { priority: string }) => rank[c.priority]!);
    expect(ascRanks).toEqual([...ascRanks].sort((x: number, y: number) => x - y));
    const bad = await admin.call('GET', '/api/v1/cases?sort=shoe');
    expect(bad.statusCode).toBe(400);
  });

  it('sorts by subject, status, tracking number and last update both ways, page after page, in the database order', async () => {
    for (const subject of ['SNAP', 'HOUSING', 'HEAT']) await newCase({ subject });
    // The cases the administrator sees (restricted ones included where they may), in the database's own order.
    const all = (await admin.call('GET', '/api/v1/cases?limit=200')).json() as { items: { trackingNumber: string }[] };
    const visible = all.items.map((c) => c.trackingNumber);
    expect(visible.length).toBeGreaterThan(8);
    const columns = {
      subject: 's.name',
      status: 'c.status',
      tracking: 'c.tracking_number',
      updated: 'c.updated_at',
    } as const;
    for (const [sort, column] of Object.entries(columns)) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = await sql<{ tracking_number: string }>`
          select c.tracking_number from cases c
          left join subjects s on s.agency_id = c.agency_id and s.code = c.subject_code
          where c.tracking_number = any(${visible})
          order by ${sql.raw(column)} ${sql.raw(direction)} nulls last, c.id ${sql.raw(direction)}`.execute(t.db);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query = `sort=${sort}&direction=${direction}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
          const page: { items: { trackingNumber: string }[]; nextCursor: string | null } = (
            await admin.call('GET', `/api/v1/cases?${query}`)
          ).json();
          seen.push(...page.items.map((c) => c.trackingNumber));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, `${sort} ${direction}`).toEqual(expected.rows.map((r) => r.tracking_number));
      }
    }
  });
});
