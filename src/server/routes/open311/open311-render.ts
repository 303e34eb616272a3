// Open311 documents in both formats: JSON as given (bare arrays), XML as the GeoReport v2 spec shows it
// (<services><service>…, <service_requests><request>…, <errors><error>…), UTF-8, every text escaped, and the
// spec's error list {code, description} for any error.
import type { FastifyReply } from 'fastify';
import { presentError } from '../../error-response.ts';

export type Open311Format = 'json' | 'xml';

/** Element names of list items, by the name of the list. */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

// XML 1.0 forbids these characters even escaped; imported data could carry them.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for XML element content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An XML document whose root is `root` holding `value` (a list gets one child element per item). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}`;
}

/** Sends a document in the requested format; `root` names the XML root (e.g. 'services'). */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200) {
  reply.status(status);
  if (format === 'json') {
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  }
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

/** The Open311 status for any error: 400, 403 and 404 as the spec says; 413, 429 and 503 kept as they are. */
function open311Status(status: number): number {
  if (status === 401) return 403;
  if (status === 403 || status === 404 || status === 413 || status === 429 || status === 503) return status;
  if (status >= 500) return 500;
  return 400;
}

/** Any thrown error as the spec's error list, one entry per field at fault. */
export function presentOpen311Error(error: unknown, requestId: string): { status: number; errors: unknown[] } {
  const { status, body } = presentError(error, requestId);
  const { message, details } = (body as { error: { message: string; details: { field: string; message: string }[] } })
    .error;
  const code = open311Status(status);
  const errors =
    details.length > 0
      ? details.map((d) => ({ code, description: `${d.field}: ${d.message}` }))
      : [{ code, description: message }];
  return { status: code, errors };
}

/** The format a URL asks for by its suffix; XML (the spec's required format) when it names none. */
export function formatOfUrl(url: string): Open311Format {
  return /\.json$/i.test(url.split('?')[0]!) ? 'json' : 'xml';
}
