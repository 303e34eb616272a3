// Splitting a case: the new case comes out of the same intake decision as a fresh intake received at the same
// moment; a restricted case's part stays restricted; a stale version, a foreign file or a liaison writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { contextFor } from '../../test/crosstab-test-support.ts';
import type { CommandContext } from '../../context.ts';
import { insertAttachment } from '../../repositories/attachments.ts';
import { AppError } from '../../errors.ts';
import { createCase } from './case-create.ts';
import { splitCase } from './case-split.ts';

let t: TestApp;
let worker: CommandContext;
const RECEIVED = '2026-03-02T14:30:00Z';

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db, { email: 'split.worker@example.gov', role: 'caseworker', units: ['SNAP'] });
  worker = await contextFor(t.db, user.id);
});
afterAll(async () => t?.close());

const letter = (extra: Partial<Parameters<typeof createCase>[1]> = {}) =>
  createCase(worker, {
    channel: 'letter',
    subject: 'SHELTER.CONDITIONS',
    description: 'Mold in room 4B. Also, my SNAP recertification letter never came.',
    receivedAt: RECEIVED,
    person: { firstName: 'Jean', lastName: 'Baptiste', phone: '718-555-0199', language: 'ht' },
    language: 'ht',
    writerType: 'advocate',
    ...extra,
  });

const caseCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('splitCase', () => {
  it('makes the new case as intake makes one received at the same moment, linked, with a file moved', async () => {
    const original = await letter();
    const fileId = await insertAttachment(t.db, {
      agency_id: worker.agency.id,
      case_id: original.id,
      entry_id: null,
      filename: 'snap-notice.pdf',
      content_type: 'application/pdf',
      size_bytes: 10,
      storage_key: 'split-test/snap-notice.pdf',
    });
    const { original: after, split } = await splitCase(worker, {
      trackingNumber: original.tracking_number,
      expectedVersion: original.version,
      description: 'My SNAP recertification letter never came.',
      subject: 'SNAP',
      attachmentIds: [fileId],
    });
    // The same door with the same facts, for comparison: the deadlines come from the same decision.
    const fresh = await createCase(worker, {
      channel: 'letter',
      subject: 'SNAP',
      description: 'My SNAP recertification letter never came.',
      receivedAt: RECEIVED,
      personId: original.person_id!,
      person: { firstName: '', lastName: '' },
      language: 'ht',
      writerType: 'advocate',
    });
    expect(split.tracking_number).not.toBe(original.tracking_number);
    expect(split).toMatchObject({
      person_id: original.person_id,
      channel: 'letter',
      language: 'ht',
      writer_type: 'advocate',
      subject_code: 'SNAP',
      restricted: false,
      unit_id: fresh.unit_id,
      service_standard_id: fresh.service_standard_id,
      status: fresh.status,
    });
    expect(split.received_at.toISOString()).toBe(new Date(RECEIVED).toISOString());
    expect(split.first_response_due_at?.toISOString()).toBe(fresh.first_response_due_at?.toISOString());
    expect(split.resolution_due_at?.toISOString()).toBe(fresh.resolution_due_at?.toISOString());
    expect(after.version).toBe(original.version + 1);
    expect(after.description).toBe(original.description);

    const links = await t.db
      .selectFrom('case_links')
      .select(['case_id', 'other_case_id', 'kind'])
      .where('case_id', 'in', [original.id, split.id])
      .execute();
    expect(links).toEqual(
      expect.arrayContaining([
        { case_id: original.id, other_case_id: split.id, kind: 'related' },
        { case_id: split.id, other_case_id: original.id, kind: 'related' },
      ]),
    );
    const file = await t.db.selectFrom('attachments').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(file.case_id).toBe(split.id);
    const splitNote = await t.db
      .selectFrom('timeline_entries')
      .select(['id', 'body'])
      .where('case_id', '=', split.id)
      .where('kind', '=', 'note')
      .executeTakeFirstOrThrow();
    expect(splitNote.body).toBe(`This case was split off from case ${original.tracking_number}.`);
    expect(file.entry_id).toBe(splitNote.id);
    const originalNotes = await t.db
      .selectFrom('timeline_entries')
      .select('body')
      .where('case_id', '=', original.id)
      .where('kind', '=', 'note')
      .execute();
    expect(originalNotes.map((n) => n.body)).toEqual([
      `Part of this case was split off into case ${split.tracking_number}. Files moved with it: snap-notice.pdf.`,
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['case.split', 'case.split_off'])
      .where('case_id', 'in', [original.id, split.id])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'case.split_off', entity_id: split.tracking_number },
      { action: 'case.split', entity_id: original.tracking_number },
    ]);
  });

  it('keeps the part of a restricted case restricted, in the unit named', async () => {
    const original = await letter({ subject: 'SNAP', restricted: true });
    const { split } = await splitCase(worker, {
      trackingNumber: original.tracking_number,
      expectedVersion: original.version,
      description: 'The second matter, also confidential.',
      unit: 'SNAP',
    });
    expect(split.restricted).toBe(true);
    const snap = await t.db.selectFrom('units').select('id').where('code', '=', 'SNAP').executeTakeFirstOrThrow();
    expect(split.unit_id).toBe(snap.id);
    const outsider = await createUser(t.db, { email: 'split.hcs@example.gov', role: 'caseworker', units: ['HCS'] });
    const outsiderCtx = await contextFor(t.db, outsider.id);
    const hidden = await refusal(
      splitCase(outsiderCtx, {
        trackingNumber: split.tracking_number,
        expectedVersion: split.version,
        description: 'x',
      }),
    );
    expect(hidden.code).toBe('not_found');
  });

  it('writes nothing for a stale version, a file of another case, an unknown unit or a unit liaison', async () => {
    const original = await letter();
    const other = await letter({ description: 'Another letter.' });
    const foreignFile = await insertAttachment(t.db, {
      agency_id: worker.agency.id,
      case_id: other.id,
      entry_id: null,
      filename: 'other.pdf',
      content_type: 'application/pdf',
      size_bytes: 10,
      storage_key: 'split-test/other.pdf',
    });
    const liaisonUser = await createUser(t.db, {
      email: 'split.liaison@example.gov',
      role: 'unit_liaison',
      units: ['HCS'],
    });
    const liaison = await contextFor(t.db, liaisonUser.id);
    const before = await caseCount();
    const base = { trackingNumber: original.tracking_number, description: 'Second matter.' };

    const stale = await refusal(splitCase(worker, { ...base, expectedVersion: original.version + 1 }));
    expect(stale.code).toBe('version_conflict');
    const foreign = await refusal(
      splitCase(worker, { ...base, expectedVersion: original.version, attachmentIds: [foreignFile] }),
    );
    expect(foreign.details?.[0]?.field).toBe('attachmentIds');
    const unit = await refusal(splitCase(worker, { ...base, expectedVersion: original.version, unit: 'NOPE' }));
    expect(unit.details?.[0]?.field).toBe('unit');
    const subject = await refusal(splitCase(worker, { ...base, expectedVersion: original.version, subject: 'NOPE' }));
    expect(subject.details?.[0]?.field).toBe('subject');
    const blank = await refusal(splitCase(worker, { ...base, expectedVersion: original.version, description: '  ' }));
    expect(blank.details?.[0]?.field).toBe('description');
    const refused = await refusal(splitCase(liaison, { ...base, expectedVersion: original.version }));
    expect(['forbidden', 'not_found']).toContain(refused.code);

    expect(await caseCount()).toBe(before);
    const unchanged = await t.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.version).toBe(original.version);
  });
});
