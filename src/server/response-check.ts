// A test-time guard on the response schemas: Fastify serialises a JSON answer with the route's response schema and
// silently drops any property the schema does not declare (and coerces mistyped values). With this guard on (the
// test app turns it on), an answer whose serialised form differs from what the handler returned fails with a 500
// that names the route and the first difference, so a schema that forgets a field cannot pass the tests.
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';

/** The first path at which two JSON values differ, or null when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(expected, actual)) return null;
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    if (Array.isArray(expected) !== Array.isArray(actual)) return `${path}: array vs object`;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const found = firstDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: returned ${JSON.stringify(expected)?.slice(0, 200)}, sent ${JSON.stringify(actual)?.slice(0, 200)}`;
}

const RETURNED = Symbol('returned payload');

/** Fails every JSON answer that the response schema changed on its way out. */
export function checkResponseSerialisation(app: FastifyInstance): void {
  app.addHook('preSerialization', async (req, _reply, payload) => {
    (req as unknown as Record<symbol, string>)[RETURNED] = JSON.stringify(payload);
    return payload;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const returned = (req as unknown as Record<symbol, string | undefined>)[RETURNED];
    if (returned === undefined || typeof payload !== 'string') return payload;
    const difference = firstDifference(JSON.parse(returned), JSON.parse(payload));
    if (!difference) return payload;
    const message = `${req.method} ${req.routeOptions.url} (${reply.statusCode}): the response schema changed the answer at ${difference}`;
    process.stderr.write(`RESPONSE SCHEMA MISMATCH ${message}\n`);
    reply.code(500);
    return JSON.stringify({ error: { code: 'response_schema_mismatch', message, details: [] } });
  });
}
