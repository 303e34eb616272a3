import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('refuses a weak first-administrator password with a sentence naming the variable', () => {
    expect(() => loadConfig({ CIVICDESK_ADMIN_PASSWORD: 'password1234' })).toThrow(ConfigError);
    expect(() => loadConfig({ CIVICDESK_ADMIN_PASSWORD: 'short pass' })).toThrow(
      /CIVICDESK_ADMIN_PASSWORD must be at least 12 characters/,
    );
    expect(() => loadConfig({ CIVICDESK_ADMIN_PASSWORD: 'password1234' })).toThrow(/too easy to guess/);
    expect(loadConfig({ CIVICDESK_ADMIN_PASSWORD: 'plum orbit sesame 42' }).adminPassword).toBe('plum orbit sesame 42');
  });

  it('trusts no proxy by default, and the addresses and ranges CIVICDESK_TRUST_PROXY lists', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ CIVICDESK_TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'loopback',
      '::1',
    ]);
    expect(() => loadConfig({ CIVICDESK_TRUST_PROXY: 'proxy.internal' })).toThrow(
      /CIVICDESK_TRUST_PROXY lists "proxy.internal"/,
    );
    expect(() => loadConfig({ CIVICDESK_TRUST_PROXY: '10.0.0.0/40' })).toThrow(/CIVICDESK_TRUST_PROXY/);
  });

  it('marks cookies Secure when the public address is https, unless told otherwise', () => {
    expect(loadConfig({ CIVICDESK_PUBLIC_URL: 'https://desk.example.gov' }).secureCookies).toBe(true);
    expect(loadConfig({ CIVICDESK_PUBLIC_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
    expect(
      loadConfig({ CIVICDESK_PUBLIC_URL: 'https://desk.example.gov', CIVICDESK_SECURE_COOKIES: 'false' }).secureCookies,
    ).toBe(false);
    expect(() => loadConfig({ CIVICDESK_SECURE_COOKIES: 'yes' })).toThrow(/CIVICDESK_SECURE_COOKIES/);
  });

  it('reads session and API token lifetimes', () => {
    const config = loadConfig({ CIVICDESK_SESSION_IDLE_MINUTES: '15', CIVICDESK_API_TOKEN_MAX_DAYS: '30' });
    expect(config).toMatchObject({
      sessionIdleMinutes: 15,
      sessionHours: 12,
      apiTokenMaxDays: 30,
      apiTokenDefaultDays: 30,
    });
    expect(() => loadConfig({ CIVICDESK_SESSION_IDLE_MINUTES: '0' })).toThrow(/CIVICDESK_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ CIVICDESK_API_TOKEN_DAYS: '400' })).toThrow(/must not exceed/);
  });
});
