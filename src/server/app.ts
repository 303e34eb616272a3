// buildApp(): the Fastify instance with every plugin and route, not listening (tests use inject()).
// Errors of every kind leave here in one JSON shape: {"error":{"code","message","details"}}.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { presentError, fieldWithNulCharacter } from './error-response.ts';
import { invalid } from './errors.ts';
import { limitJsonNesting } from './json-body.ts';
import type { Config } from './env.ts';
import type { Db } from './db/database.ts';
import { authenticate } from './auth/authenticate.ts';
import { registerApiRoutes } from './routes/api/index.ts';
import { publicRoutes } from './routes/public/public.route.ts';
import { databaseIsReachable } from './db/database.ts';
import { open311Routes } from './routes/open311/open311.route.ts';
import { checkResponseSerialisation } from './response-check.ts';

export interface AppDependencies {
  config: Config;
  db: Db;
  logger?: boolean | object;
  /** Fail any JSON answer its response schema would change (tests turn this on; see response-check.ts). */
  checkResponses?: boolean;
}

/** Builds the application; does not listen. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies CIVICDESK_TRUST_PROXY names; otherwise a client could choose
    // the address its sign-in failures are counted under.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('commandContext', null);
  limitJsonNesting(app);
  if (deps.checkResponses) checkResponseSerialisation(app);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: config.maxAttachmentBytes, files: 1 } });
  await app.register(helmet, {
    // Strict-Transport-Security only when the public address is https (a plain-http install would lock browsers out).
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'civicdesk API', version: '1', description: 'Staff JSON API of civicdesk.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'civicdesk_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error, req, reply) => {
    const { status, body } = presentError(error, req.id);
    if (status >= 500) req.log.error({ err: error, requestId: req.id }, 'request failed');
    return reply.status(status).send(body);
  });

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/v1/')) req.commandContext = await authenticate(db, req, config);
  });
  // Staff API answers carry personal data: no browser or proxy cache keeps them.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('preValidation', async (req) => {
    const field =
      fieldWithNulCharacter(req.query, 'query') ??
      fieldWithNulCharacter(req.params, 'params') ??
      fieldWithNulCharacter(req.body);
    if (field) throw invalid(field, 'contains a NUL character (\\u0000); text must be UTF-8 without NUL characters.');
  });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await databaseIsReachable(db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unreachable' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => registerApiRoutes(api, { config, db }), { prefix: '/api/v1' });
  await app.register(open311Routes, { prefix: '/open311/v2', db });
  await app.register(async (portal) => publicRoutes(portal, { config, db }), { prefix: '/public' });

  const webRoot = path.resolve('dist/web');
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && existsSync(path.join(webRoot, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      error: { code: 'not_found', message: `No route for ${req.method} ${req.url.split('?')[0]}.`, details: [] },
    });
  });
  return app;
}
