// Helpers for the Open311 tests: a key issued through the staff API, form posts, and XML read with a real parser
// (fast-xml-parser, lists always lists, every value kept as text).
import { expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SignedIn } from './test-app.ts';

const listPaths = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (_name, jpath) => listPaths.has(String(jpath)),
});

/** Parses an XML answer after checking that it is well-formed, UTF-8 and declared as XML. */
export function parseXml(res: LightMyRequestResponse): Record<string, unknown> {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  const valid = XMLValidator.validate(res.body);
  expect(valid, JSON.stringify(valid)).toBe(true);
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return parser.parse(res.body) as Record<string, unknown>;
}

/** Parses a JSON answer after checking its content type. */
export function parseJson(res: LightMyRequestResponse): unknown {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(res.body);
}

/** Issues an Open311 key through the staff API. */
export async function issueKey(admin: SignedIn, name = '311 system'): Promise<{ apiKey: string; id: number }> {
  const res = await admin.call('POST', '/api/v1/open311-keys', { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { apiKey: string; id: number };
}

export type FormFields = Record<string, string | string[]> | [string, string][];

/** URL-encodes form fields; a list value repeats its key. */
export function encodeForm(fields: FormFields): string {
  const params = new URLSearchParams();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [key, value] of entries) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

/** POST requests.{format} with a form body. */
export function postRequest(
  app: FastifyInstance,
  fields: FormFields,
  format: 'json' | 'xml' = 'json',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm(fields),
  });
}
