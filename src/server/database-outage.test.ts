// What a client sees while PostgreSQL is unreachable, and that the service comes back by itself: the app talks to
// the real server through a TCP relay that the test cuts and restores.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './env.ts';
import { buildApp } from './app.ts';
import type { FastifyInstance } from 'fastify';

const url = process.env.TEST_DATABASE_URL;

class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe.runIf(url)('when PostgreSQL goes away', () => {
  let relay: Relay;
  let database: OpenDatabase;
  let app: FastifyInstance;
  let schema: string;

  beforeAll(async () => {
    const target = new URL(url!);
    relay = new Relay(target.hostname, Number(target.port || 5432));
    await relay.start();
    schema = `outage_${process.pid}_${Date.now()}`;
    const viaRelay = new URL(url!);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    viaRelay.searchParams.set('options', `-c search_path=${schema}`);
    const admin = await openDatabase({ databaseUrl: url!, dataDir: '' });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    database = await openDatabase({ databaseUrl: viaRelay.toString(), dataDir: '', poolSize: 4 });
    await migrateToLatest(database.db, { schema });
    const config = loadConfig({
      CIVICDESK_ADMIN_EMAIL: 'admin@example.gov',
      CIVICDESK_ADMIN_PASSWORD: 'outage password',
    });
    await bootstrap(database.db, config);
    app = await buildApp({ config, db: database.db });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    const admin = await openDatabase({ databaseUrl: url!, dataDir: '' });
    await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await admin.close();
  });

  it('answers 503 from /healthz and a clear error from the API, then recovers without a restart', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const port = relay.port;
    await relay.cut();

    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@example.gov', password: 'outage password' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.json().error.code).toBe('service_unavailable');
    // The portal answers with a page in the visitor's language, and says to come back.
    const portal = await app.inject({ method: 'GET', url: '/public/main?lang=es' });
    expect(portal.statusCode).toBe(503);
    expect(portal.headers['retry-after']).toBeDefined();
    expect(portal.body).toContain('<html lang="es"');
    expect(portal.body).toContain('Inténtelo de nuevo');

    await relay.start(port);
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 200; i++) {
      recovered = (await app.inject({ method: 'GET', url: '/healthz' })).statusCode;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@example.gov', password: 'outage password' },
    });
    expect(again.statusCode).toBe(200);
  });
});
