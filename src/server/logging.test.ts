import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loggableUrl, loggerOptions } from './logging.ts';
import { buildApp } from './app.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from './test/test-app.ts';

describe('loggableUrl', () => {
  it.each([
    ['/api/v1/cases', '/api/v1/cases'],
    ['/api/v1/cases?status=new&limit=50', '/api/v1/cases?status=new&limit=50'],
    ['/api/v1/cases?q=Maria+Lopez&status=new', '/api/v1/cases?q=~&status=new'],
    ['/api/v1/people?email=maria%40example.org', '/api/v1/people?email=~'],
    ['/public/main/status?tracking=OCS-1&code=ABCD-1234', '/public/main/status?tracking=~&code=~'],
    ['/open311/v2/requests.json?api_key=secret', '/open311/v2/requests.json?api_key=~'],
    ['/api/v1/cases?cursor=eyJrIjpb', '/api/v1/cases?cursor=~'],
    ['/x?%E0%A4%A=1&ma%20ria=2', '/x?~&~'],
  ])('%s → %s', (url, expected) => {
    expect(loggableUrl(url)).toBe(expected);
  });
});

describe('request logs', () => {
  let t: TestApp;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ config: t.config, db: t.db, logger: { ...loggerOptions('info'), stream } });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('hold no emails, names, search words, passwords, tokens or access codes', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await app.inject({
      method: 'GET',
      url: '/api/v1/cases?q=Esperanza%20Villanueva&status=new',
      headers: { cookie },
    });
    await app.inject({ method: 'GET', url: '/api/v1/people?email=esperanza%40example.org', headers: { cookie } });
    await app.inject({ method: 'GET', url: '/public/main/status?tracking=OCS-2026-1&code=QX7K-9PLM' });
    await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer cdk_secretsecretsecret' },
    });
    const log = lines.join('\n');
    expect(log).toContain('/api/v1/cases?q=~&status=new');
    for (const secret of [
      'Esperanza',
      'Villanueva',
      'esperanza',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      'QX7K',
      'cdk_secret',
      cookie.split('=')[1]!,
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});

describe('the terminal log', () => {
  it('writes a request once, when answered, with its method, loggable URL and status', () => {
    const options = loggerOptions('info', { pretty: true });
    expect(options.transport?.target).toBe('pino-pretty');
    const res = options.serializers.res!({
      statusCode: 200,
      request: { method: 'GET', url: '/api/v1/cases?q=Maria+Lopez&status=new' },
    });
    expect(res).toEqual({ statusCode: 200, method: 'GET', url: '/api/v1/cases?q=~&status=new' });
    const written: unknown[][] = [];
    const write = (...args: unknown[]) => void written.push(args);
    options.hooks!.logMethod.call(null, [{ req: {} }, 'incoming request'], write);
    options.hooks!.logMethod.call(null, [{ res: {} }, 'request completed'], write);
    expect(written.map((args) => args[1])).toEqual(['request completed']);
    expect(loggerOptions('info')).not.toHaveProperty('transport');
  });
});
