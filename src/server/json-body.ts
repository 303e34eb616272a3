// JSON request bodies with a nesting limit: a body nested thousands of levels deep (a few hundred kilobytes of "[")
// would exhaust the stack of the code walking it and answer 500; it is refused with 400 before it is parsed.
import type { FastifyInstance } from 'fastify';
import { invalid } from './errors.ts';

/** No request this API takes nests anywhere near this deep. */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests objects and arrays deeper than `limit` (strings are skipped; the scan is iterative). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Replaces Fastify's JSON parser (of `app`, or of one route scope) by the same parser behind the nesting limit;
 * `emptyBodyAs` makes an empty body read as that value instead of Fastify's empty-JSON-body error.
 */
export function limitJsonNesting(app: FastifyInstance, options: { emptyBodyAs?: unknown } = {}): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (options.emptyBodyAs !== undefined && text.trim() === '') {
      done(null, options.emptyBodyAs);
      return;
    }
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(invalid('body', `nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    parse(req, text, done);
  });
}
