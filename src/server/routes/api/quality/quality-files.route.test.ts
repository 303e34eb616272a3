// Files on quality records through the one attachment storage: a supervisor adds files to a draft procedure version,
// every staff member lists and downloads them, an approved version keeps its files (refused with 409, nothing stored)
// and a new draft starts with them; evidence files on a plan action are added and removed by the action's owner while
// it is open; an empty, oversized or unrecognised file is refused naming the field, a caseworker or an auditor who may
// not change them is refused, and a refusal leaves no row and no stored file behind.
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { signInWithRole, auditRows } from '../../../test/admin-test-support.ts';
import { uploadAs } from '../../../test/upload.ts';
import type { ActionPlan, QualityFile } from '../../../../shared/quality.ts';

const MAX_BYTES = 4096;
let t: TestApp;
let dataDir: string;
let admin: SignedIn;
let supervisor: SignedIn & { id: number };
let worker: SignedIn & { id: number };
let auditor: SignedIn & { id: number };

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex',
);

/** Every stored file under the data directory's attachment storage. */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const rowCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('quality_attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'civicdesk-quality-files-'));
  t = await createTestApp({ dataDir, maxAttachmentBytes: MAX_BYTES });
  admin = await signInAs(t.app);
  supervisor = await signInWithRole(t, admin, 'supervisor');
  worker = await signInWithRole(t, admin, 'caseworker');
  auditor = await signInWithRole(t, admin, 'auditor');
}, 60_000);

afterAll(async () => t?.close());

describe('files of procedure versions', () => {
  let procedureId: number;
  let first: QualityFile;

  it('adds files to a draft, lists them with the version and downloads them with their type', async () => {
    const created = await supervisor.call('POST', '/api/v1/procedures', { title: 'Walk-in visitors', body: 'Greet.' });
    procedureId = created.json().id;
    const res = await uploadAs(
      t.app,
      supervisor,
      `/api/v1/procedures/${procedureId}/versions/1/files`,
      'flow chart.pdf',
      pdf('flow'),
    );
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first).toMatchObject({
      filename: 'flow chart.pdf',
      contentType: 'application/pdf',
      version: 1,
      actionId: null,
      canDelete: true,
    });
    const image = await uploadAs(t.app, admin, `/api/v1/procedures/${procedureId}/versions/1/files`, 'desk.png', png);
    expect(image.statusCode, image.body).toBe(201);

    const listed = await worker.call('GET', `/api/v1/procedures/${procedureId}/files`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((f: QualityFile) => [f.filename, f.version, f.canDelete])).toEqual([
      ['flow chart.pdf', 1, false],
      ['desk.png', 1, false],
    ]);
    const download = await worker.call('GET', `/api/v1/procedures/${procedureId}/files/${first.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename="flow chart.pdf"');
    expect(download.rawPayload.equals(pdf('flow'))).toBe(true);
    expect((await auditRows(t, 'procedure', 'procedure.file_added')).length).toBe(2);
  });

  it('refuses an empty, oversized or unrecognised file naming the field, and a caseworker; nothing is kept', async () => {
    const before = { rows: await rowCount(), files: storedFiles().length };
    const url = `/api/v1/procedures/${procedureId}/versions/1/files`;
    const empty = await uploadAs(t.app, supervisor, url, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([{ field: 'file', message: 'is empty' }]);
    const large = await uploadAs(
      t.app,
      supervisor,
      url,
      'large.pdf',
      Buffer.concat([pdf('x'), Buffer.alloc(MAX_BYTES)]),
    );
    expect(large.statusCode).toBe(413);
    expect(large.json().error).toMatchObject({
      message: '“large.pdf” is larger than the 4 KB a file may be.',
      details: [{ field: 'file' }],
    });
    const program = await uploadAs(t.app, supervisor, url, 'run.pdf', Buffer.from('MZ\x90\x00 not a document'));
    expect(program.statusCode).toBe(415);
    expect(program.json().error.message).toContain('is not a file type civicdesk accepts');
    const byWorker = await uploadAs(t.app, worker, url, 'mine.pdf', pdf('mine'));
    expect(byWorker.statusCode).toBe(403);
    const missing = await uploadAs(
      t.app,
      supervisor,
      `/api/v1/procedures/${procedureId}/versions/9/files`,
      'a.pdf',
      pdf('a'),
    );
    expect(missing.statusCode).toBe(404);
    const json = await supervisor.call('POST', url, { file: 'not a file' });
    expect(json.statusCode).toBe(415);
    expect(await rowCount()).toBe(before.rows);
    expect(storedFiles().length).toBe(before.files);
  });

  it('keeps the files of an approved version; a new draft starts with them and a removal there keeps the stored file', async () => {
    expect((await supervisor.call('POST', `/api/v1/procedures/${procedureId}/versions/1/approve`)).statusCode).toBe(
      200,
    );
    const files = storedFiles().length;
    const late = await uploadAs(
      t.app,
      supervisor,
      `/api/v1/procedures/${procedureId}/versions/1/files`,
      'late.pdf',
      pdf('late'),
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('Version 1 is approved');
    expect(storedFiles().length).toBe(files);
    const removeApproved = await supervisor.call('DELETE', `/api/v1/procedures/${procedureId}/files/${first.id}`);
    expect(removeApproved.statusCode).toBe(409);

    const drafted = await supervisor.call('POST', `/api/v1/procedures/${procedureId}/versions`, {
      body: 'Greet and sign in.',
    });
    expect(drafted.json().version).toBe(2);
    const listed: QualityFile[] = (await supervisor.call('GET', `/api/v1/procedures/${procedureId}/files`)).json();
    expect(listed.map((f) => [f.filename, f.version, f.canDelete])).toEqual([
      ['flow chart.pdf', 2, true],
      ['desk.png', 2, true],
      ['flow chart.pdf', 1, false],
      ['desk.png', 1, false],
    ]);
    const carried = listed[0]!;
    const removed = await supervisor.call('DELETE', `/api/v1/procedures/${procedureId}/files/${carried.id}`);
    expect(removed.statusCode).toBe(204);
    // Version 1 still holds the same stored file.
    expect(storedFiles().length).toBe(files);
    expect((await worker.call('GET', `/api/v1/procedures/${procedureId}/files/${first.id}`)).statusCode).toBe(200);
    expect((await worker.call('GET', `/api/v1/procedures/${procedureId}/files/${carried.id}`)).statusCode).toBe(404);

    const fresh = await uploadAs(
      t.app,
      supervisor,
      `/api/v1/procedures/${procedureId}/versions/2/files`,
      'v2.pdf',
      pdf('v2'),
    );
    expect(fresh.statusCode).toBe(201);
    expect(storedFiles().length).toBe(files + 1);
    expect((await worker.call('DELETE', `/api/v1/procedures/${procedureId}/files/${fresh.json().id}`)).statusCode).toBe(
      403,
    );
    expect(
      (await supervisor.call('DELETE', `/api/v1/procedures/${procedureId}/files/${fresh.json().id}`)).statusCode,
    ).toBe(204);
    expect(storedFiles().length).toBe(files);
    expect((await auditRows(t, 'procedure', 'procedure.file_removed')).length).toBe(2);
  });
});

describe('evidence files of plan actions', () => {
  let plan: ActionPlan;

  it("adds evidence by the action's owner, lists and downloads it; an auditor and another caseworker are refused", async () => {
    const other = await signInWithRole(t, admin, 'caseworker');
    const created = await supervisor.call('POST', '/api/v1/action-plans', {
      title: 'Answer letters faster',
      ownerId: supervisor.id,
      goal: 'Letters answered in 10 days',
      actions: [
        { title: 'Weekly letter triage', ownerId: worker.id, dueOn: '2031-01-15' },
        { title: 'Template review', ownerId: supervisor.id, dueOn: '2031-02-01' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    plan = created.json();
    const [triage] = plan.actions;
    const url = `/api/v1/action-plans/${plan.id}/actions/${triage!.id}/files`;
    const res = await uploadAs(t.app, worker, url, 'triage log.pdf', pdf('log'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      filename: 'triage log.pdf',
      actionId: triage!.id,
      version: null,
      canDelete: true,
    });
    expect((await uploadAs(t.app, auditor, url, 'a.pdf', pdf('a'))).statusCode).toBe(403);
    expect((await uploadAs(t.app, other, url, 'b.pdf', pdf('b'))).statusCode).toBe(403);
    expect(
      (await uploadAs(t.app, worker, `/api/v1/action-plans/${plan.id}/actions/999999/files`, 'c.pdf', pdf('c')))
        .statusCode,
    ).toBe(404);

    const listed: QualityFile[] = (await auditor.call('GET', `/api/v1/action-plans/${plan.id}/files`)).json();
    expect(listed.map((f) => [f.filename, f.actionId, f.canDelete])).toEqual([['triage log.pdf', triage!.id, false]]);
    const download = await auditor.call('GET', `/api/v1/action-plans/${plan.id}/files/${listed[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf('log'))).toBe(true);
    expect((await other.call('DELETE', `/api/v1/action-plans/${plan.id}/files/${listed[0]!.id}`)).statusCode).toBe(403);
    expect((await auditRows(t, 'action_plan', 'action_plan.evidence_added')).length).toBe(1);
  });

  it('removes evidence of an open action and keeps the evidence of a completed one', async () => {
    const [triage] = plan.actions;
    const files = storedFiles().length;
    const url = `/api/v1/action-plans/${plan.id}/actions/${triage!.id}/files`;
    const extra = (await uploadAs(t.app, worker, url, 'draft.pdf', pdf('draft'))).json();
    expect(storedFiles().length).toBe(files + 1);
    expect((await worker.call('DELETE', `/api/v1/action-plans/${plan.id}/files/${extra.id}`)).statusCode).toBe(204);
    expect(storedFiles().length).toBe(files);

    const done = await worker.call('POST', `/api/v1/action-plans/${plan.id}/actions/${triage!.id}/complete`, {
      evidence: 'See the triage log.',
    });
    expect(done.statusCode, done.body).toBe(200);
    const [kept] = (await supervisor.call('GET', `/api/v1/action-plans/${plan.id}/files`)).json() as QualityFile[];
    expect(kept!.canDelete).toBe(false);
    const removal = await supervisor.call('DELETE', `/api/v1/action-plans/${plan.id}/files/${kept!.id}`);
    expect(removal.statusCode).toBe(409);
    expect(removal.json().error.message).toContain('the evidence it was completed with is kept');
    const late = await uploadAs(t.app, worker, url, 'late.pdf', pdf('late'));
    expect(late.statusCode).toBe(409);
    expect(storedFiles().length).toBe(files);
    expect((await worker.call('GET', `/api/v1/action-plans/${plan.id}/files/${kept!.id}`)).statusCode).toBe(200);
  });
});
