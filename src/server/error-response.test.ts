import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainValidationMessage } from './error-response.ts';
import { createTestApp, signInAs, type TestApp } from './test/test-app.ts';

describe('plainValidationMessage', () => {
  const failure = (keyword: string, params: Record<string, unknown>) => ({
    keyword,
    params,
    instancePath: '/x',
    schemaPath: '#/x',
    message: 'raw schema wording',
  });

  it.each([
    ['enum', { allowedValues: ['workshop', 'forum'] }, 'must be one of workshop, forum'],
    ['minLength', { limit: 1 }, 'must not be empty'],
    ['minLength', { limit: 12 }, 'must be at least 12 characters long'],
    ['maxLength', { limit: 200 }, 'must be at most 200 characters long'],
    ['type', { type: 'integer' }, 'must be a whole number'],
    ['type', { type: 'string,null' }, 'must be text or null'],
    ['format', { format: 'date' }, 'must be a date written YYYY-MM-DD'],
    ['minimum', { limit: 0 }, 'must be 0 or more'],
    ['minItems', { limit: 1 }, 'must list at least one item'],
    ['required', { missingProperty: 'title' }, 'is required'],
    ['somethingNew', {}, 'raw schema wording'],
  ])('%s %j → %s', (keyword, params, expected) => {
    expect(plainValidationMessage(failure(keyword, params))).toBe(expected);
  });
});

describe('schema failures through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('name the field and list the values a choice allows, in plain words', async () => {
    const admin = await signInAs(t.app);
    const res = await admin.call('POST', '/api/v1/engagements', {
      kind: 'party',
      title: 'Block association meeting',
      startsAt: '2026-12-10T18:00:00Z',
      endsAt: '2026-12-10T19:00:00Z',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'kind', message: 'must be one of advocate_meeting, presentation, workshop, outreach_event, forum' },
    ]);
    const empty = await admin.call('POST', '/api/v1/organizations', { name: '', type: 'school' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('name: must not be empty');
  });
});
