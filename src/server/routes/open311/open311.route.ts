// The Open311 GeoReport v2 server under /open311/v2: discovery, services, services/{code}, requests (GET and
// POST), requests/{id} and tokens/{token}, each in .json and .xml. Errors of every kind leave this plugin as the
// spec's {code, description} list in the format the URL asked for; nothing else of the staff API applies here.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import {
  parameter,
  requestOf,
  requestsOf,
  resolveJurisdiction,
  serviceDefinitionOf,
  servicesOf,
  type QueryParameters,
} from '../../channels/open311/open311-reads.ts';
import { submitOpen311Request } from '../../commands/open311/open311-submit.ts';
import { formatOfUrl, presentOpen311Error, sendOpen311, type Open311Format } from './open311-render.ts';
import { open311Answer } from '../../../shared/open311.ts';

export interface Open311RouteOptions {
  db: Db;
  /** Public reads per client address per minute. */
  readsPerMinute?: number;
  /** POST requests per api_key (or address, without one) per minute. */
  writesPerMinute?: number;
}

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this server's Open311 interface last changed (discovery's changeset). */
export const CHANGESET = '2026-03-01T00:00:00Z';
const FORMATS = ['json', 'xml'] as const;

const jurisdictionQuery = Type.Object(
  { jurisdiction_id: Type.Optional(Type.String({ description: 'The agency; absent: agency main.' })) },
  { additionalProperties: true },
);

const requestsQuery = Type.Object(
  {
    jurisdiction_id: Type.Optional(Type.String()),
    service_request_id: Type.Optional(
      Type.String({ description: 'Comma list of tracking numbers; overrides all else.' }),
    ),
    service_code: Type.Optional(Type.String({ description: 'Comma list of service codes.' })),
    start_date: Type.Optional(Type.String({ description: 'ISO 8601; with end_date at most 90 days apart.' })),
    end_date: Type.Optional(Type.String({ description: 'ISO 8601.' })),
    status: Type.Optional(Type.String({ description: 'open, closed or open,closed.' })),
    page: Type.Optional(Type.String({ description: 'Extension: page number from 1.' })),
    page_size: Type.Optional(Type.String({ description: 'Extension: 1 to 1000 (default 1000).' })),
  },
  { additionalProperties: true },
);

const optionalText = Type.Optional(Type.String());
const postBody = Type.Object(
  {
    api_key: Type.Optional(Type.String({ description: 'Required (403 without a valid one).' })),
    jurisdiction_id: optionalText,
    service_code: optionalText,
    lat: optionalText,
    long: optionalText,
    address_string: optionalText,
    address_id: optionalText,
    zipcode: optionalText,
    email: optionalText,
    device_id: optionalText,
    account_id: optionalText,
    first_name: optionalText,
    last_name: optionalText,
    phone: optionalText,
    description: Type.Optional(Type.String({ description: 'At most 4,000 characters.' })),
    media_url: optionalText,
  },
  { additionalProperties: true, description: 'Plus attribute[CODE]=value and attribute[CODE][]=value fields.' },
);

/** The Open311 document path "NAME.FORMAT" split; null when the suffix is not .json or .xml. */
function splitFile(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/i.exec(file);
  return match ? { name: match[1]!, format: match[2]!.toLowerCase() as Open311Format } : null;
}

function formUrlEncoded(req: FastifyRequest): void {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const [mediaType, ...params] = type.split(';').map((p) => p.trim());
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new AppError('validation_failed', 'Send POST requests as application/x-www-form-urlencoded.', [
      { field: 'Content-Type', message: 'must be application/x-www-form-urlencoded' },
    ]);
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('validation_failed', `The body must be UTF-8, not ${charset}.`, [
      { field: 'Content-Type', message: 'charset must be utf-8' },
    ]);
  }
}

/**
 * Form bodies read with the WHATWG rules: a percent-escape or raw byte that is not UTF-8 becomes U+FFFD, which
 * the field checks refuse (the default parser would keep "%E9" as three literal characters). A repeated key
 * gives a list.
 */
function parseForm(body: Buffer): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    const existing = fields[key];
    if (existing === undefined) fields[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[key] = [existing, value];
  }
  return fields;
}

/** Registers the Open311 routes on a plugin instance (prefix /open311/v2). */
export async function open311Routes(instance: FastifyInstance, options: Open311RouteOptions): Promise<void> {
  const { db } = options;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const readLimit = { max: options.readsPerMinute ?? 1200, timeWindow: '1 minute' };
  const writeLimit = {
    max: options.writesPerMinute ?? 120_000,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    keyGenerator: (req: FastifyRequest) => {
      const key = (req.body as Record<string, unknown> | undefined)?.api_key;
      return typeof key === 'string' && key ? `open311-key:${key}` : `open311-ip:${req.ip}`;
    },
  };

  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, parseForm(body as Buffer));
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, errors } = presentOpen311Error(error, req.id);
    if (status >= 500) req.log.error({ err: error, requestId: req.id }, 'Open311 request failed');
    return sendOpen311(reply, formatOfUrl(req.url), 'errors', errors, status);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const errors = [{ code: 404, description: `No Open311 resource at ${req.method} ${path}.` }];
    return sendOpen311(reply, formatOfUrl(req.url), 'errors', errors, 404);
  });

  for (const format of FORMATS) {
    app.get(
      `/discovery.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary: `Service discovery (${format}).`,
          querystring: jurisdictionQuery,
          response: { 200: open311Answer(format, 'Service discovery') },
        },
        config: { rateLimit: readLimit },
      },
      async (req, reply) => {
        const query = req.query as QueryParameters;
        const agency = await resolveJurisdiction(db, parameter(query, 'jurisdiction_id'));
        const url = `${req.protocol}://${req.host}${req.url.split('/discovery.')[0]}`;
        return sendOpen311(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact: `${agency.name}: ask the agency's civicdesk administrator for help with this interface.`,
          key_service: `API keys for POST requests are issued by the administrator of ${agency.name}.`,
          jurisdiction_id: agency.jurisdictionId,
          endpoints: [
            {
              specification: SPECIFICATION,
              url,
              changeset: CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        });
      },
    );

    app.get(
      `/services.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary: `The agency's services (${format}).`,
          querystring: jurisdictionQuery,
          response: { 200: open311Answer(format, 'Services') },
        },
        config: { rateLimit: readLimit },
      },
      async (req, reply) => {
        const agency = await resolveJurisdiction(db, parameter(req.query as QueryParameters, 'jurisdiction_id'));
        return sendOpen311(reply, format, 'services', await servicesOf(db, agency));
      },
    );

    app.get(
      `/requests.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary: `Public service requests (${format}).`,
          querystring: requestsQuery,
          response: { 200: open311Answer(format, 'Service requests') },
        },
        config: { rateLimit: readLimit },
      },
      async (req, reply) => {
        const query = req.query as QueryParameters;
        const agency = await resolveJurisdiction(db, parameter(query, 'jurisdiction_id'));
        return sendOpen311(reply, format, 'service_requests', await requestsOf(db, agency, query));
      },
    );

    app.post(
      `/requests.${format}`,
      {
        schema: {
          tags: ['open311'],
          summary: `Create a service request (${format}); form-urlencoded, api_key required.`,
          response: {
            201: open311Answer(format, 'The new service request'),
            200: open311Answer(format, 'The service request this one duplicates'),
          },
          body: postBody,
        },
        attachValidation: true,
        config: { rateLimit: writeLimit },
      },
      async (req, reply) => {
        formUrlEncoded(req);
        const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
        const result = await submitOpen311Request(db, body, req.id);
        const answer = [
          { service_request_id: result.serviceRequestId, service_notice: null, account_id: result.accountId },
        ];
        return sendOpen311(reply, format, 'service_requests', answer, result.duplicate ? 200 : 201);
      },
    );
  }

  const fileParams = Type.Object({ file: Type.String({ description: 'ID.json or ID.xml' }) });

  app.get(
    '/services/:file',
    {
      schema: {
        tags: ['open311'],
        summary: 'A service definition: the attributes of services/{service_code}.{json|xml}.',
        response: { 200: open311Answer('either', 'Service definition') },
        params: fileParams,
        querystring: jurisdictionQuery,
      },
      config: { rateLimit: readLimit },
    },
    async (req, reply) => {
      const file = splitFile(req.params.file);
      if (!file) throw notFound(`Document ${req.params.file} (add .json or .xml)`);
      const agency = await resolveJurisdiction(db, parameter(req.query as QueryParameters, 'jurisdiction_id'));
      return sendOpen311(reply, file.format, 'service_definition', await serviceDefinitionOf(db, agency, file.name));
    },
  );

  app.get(
    '/requests/:file',
    {
      schema: {
        tags: ['open311'],
        summary: 'One service request by tracking number, as a one-element list: requests/{id}.{json|xml}.',
        response: { 200: open311Answer('either', 'One service request') },
        params: fileParams,
        querystring: jurisdictionQuery,
      },
      config: { rateLimit: readLimit },
    },
    async (req, reply) => {
      const file = splitFile(req.params.file);
      if (!file) throw notFound(`Document ${req.params.file} (add .json or .xml)`);
      const agency = await resolveJurisdiction(db, parameter(req.query as QueryParameters, 'jurisdiction_id'));
      return sendOpen311(reply, file.format, 'service_requests', await requestOf(db, agency, file.name));
    },
  );

  app.get(
    '/tokens/:file',
    {
      schema: {
        tags: ['open311'],
        summary:
          'Tokens: civicdesk answers POST requests with the service_request_id, so every token is unknown (404).',
        response: { 404: open311Answer('either', 'Errors: the token is unknown') },
        params: fileParams,
        querystring: jurisdictionQuery,
      },
      config: { rateLimit: readLimit },
    },
    async (req) => {
      const file = splitFile(req.params.file);
      if (!file) throw notFound(`Document ${req.params.file} (add .json or .xml)`);
      await resolveJurisdiction(db, parameter(req.query as QueryParameters, 'jurisdiction_id'));
      throw notFound(`Token ${file.name} (POST requests answers with the service_request_id directly)`);
    },
  );
}
