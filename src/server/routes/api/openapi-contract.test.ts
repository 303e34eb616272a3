// The API contract: every staff API operation documents the answer it gives on success (a response schema in
// src/shared/), so /api/openapi.json describes every response and Fastify serialises with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('/api/openapi.json', () => {
  it('documents a success response schema for every /api/v1 operation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const api = operations.filter((o) => o.name.split(' ')[1]!.startsWith('/api/v1/'));
    const withoutSchema = api
      .filter(
        ({ operation }) =>
          !Object.entries(operation.responses ?? {}).some(
            ([status, response]) =>
              // 204 No Content is declared without a body; every other success answer has a schema.
              status === '204' ||
              (/^2/.test(status) && Object.values(response.content ?? {}).some((media) => media.schema !== undefined)),
          ),
      )
      .map((o) => o.name);
    expect(withoutSchema, `operations without a success response schema:\n${withoutSchema.join('\n')}`).toEqual([]);
    expect(api.length).toBeGreaterThanOrEqual(119);
  });

  it('documents a response for every operation, Open311 included', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<
      string,
      Record<string, Operation>
    >;
    const undocumented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => !Object.entries(op.responses ?? {}).some(([status, r]) => r.content || status === '204'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undocumented).toEqual([]);
  });
});
