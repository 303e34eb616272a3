// What the request log may hold: no personal data. URLs keep their path and only the query parameters known to carry
// none (filters by status, unit, dates, paging); every other value — search words, emails, names, phone numbers,
// access codes, tokens, API keys — is replaced by "~". Credentials in headers and any logged body are redacted.
import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are codes, ids, dates or switches, never personal data. */
export const SAFE_QUERY_PARAMETERS = new Set([
  'active',
  'assignee',
  'channel',
  'closedFrom',
  'closedTo',
  'end_date',
  'escalatedFrom',
  'escalatedTo',
  'escalationLevel',
  'expectedVersion',
  'facility',
  'firstResponse',
  'format',
  'from',
  'jurisdiction_id',
  'kind',
  'lang',
  'language',
  'limit',
  'merged',
  'missing',
  'mode',
  'month',
  'openAt',
  'period',
  'priority',
  'queue',
  'receivedFrom',
  'receivedTo',
  'repeatContact',
  'restricted',
  'service_code',
  'sort',
  'start_date',
  'status',
  'subject',
  'surveyedFrom',
  'surveyedTo',
  'to',
  'unit',
  'writerType',
  'year',
]);

/** The URL as it may be logged: the path, and the query with every value not known to be safe replaced by "~". */
export function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const parts = url
    .slice(mark + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const rawName = equals < 0 ? part : part.slice(0, equals);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        return '~';
      }
      if (!/^[A-Za-z_]{1,40}$/.test(name)) return '~';
      return SAFE_QUERY_PARAMETERS.has(name) ? part : `${name}=~`;
    });
  return `${url.slice(0, mark)}?${parts.join('&')}`;
}

/** Header and body paths pino blanks out in every log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.email',
  '*.accessCode',
  // Database errors quote the offending values ("Key (email)=(…) already exists").
  'err.detail',
  'err.parameters',
];

/** pino-pretty's settings for a terminal: the fields that matter on one line, the rest (pid, host, ids) left out. */
const PRETTY_TRANSPORT = {
  target: 'pino-pretty',
  options: {
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    singleLine: true,
    messageFormat: '{msg}{if res.method} {res.method} {res.url} {res.statusCode}{end}',
  },
};

/** On a terminal a request is one line, when it is answered (with its method and URL); "incoming request" is left out. */
const PRETTY_REQUEST_LOGGING = {
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
      if (args[1] === 'incoming request') return;
      method.apply(this, args);
    },
  },
};

function prettyResponse(reply: { statusCode: number; request?: { method?: string; url?: string } }) {
  return {
    statusCode: reply.statusCode,
    method: reply.request?.method,
    url: reply.request?.url === undefined ? undefined : loggableUrl(reply.request.url),
  };
}

/** The Fastify logger options of a running server: level, redaction and a request serializer without personal data. */
export function loggerOptions(level: string, options: { pretty?: boolean } = {}) {
  return {
    level,
    // On a terminal one short line per event (time, level, message, method, URL, status, time taken) instead of JSON.
    ...(options.pretty ? { transport: PRETTY_TRANSPORT, ...PRETTY_REQUEST_LOGGING } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: FastifyRequest) {
        return {
          method: req.method,
          url: loggableUrl(req.url),
          remoteAddress: req.ip,
        };
      },
      ...(options.pretty ? { res: prettyResponse } : {}),
    },
  };
}
