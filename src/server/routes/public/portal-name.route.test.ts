// The agency's name on the public portal in the visitor's language: an administrator translates it per language
// (PATCH /agency publicNames); the portal shows the translation, and the agency's own name where there is none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

const portal = async (lang: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/public/main?lang=${lang}` });
  expect(res.statusCode).toBe(200);
  return res.body;
};

describe('the agency name on the portal', () => {
  it('shows the translation of the visitor’s language, and the agency’s name where there is none', async () => {
    const agency = (await admin.call('GET', '/api/v1/agency')).json();
    expect(agency.publicNames).toEqual({});
    const res = await admin.call('PATCH', '/api/v1/agency', {
      publicNames: { es: '  Oficina de Atención al Público ', ar: 'مكتب خدمة الجمهور', fr: '' },
      expectedVersion: agency.version,
    });
    expect(res.statusCode).toBe(200);
    // Trimmed; an empty one is no translation.
    expect(res.json().publicNames).toEqual({ es: 'Oficina de Atención al Público', ar: 'مكتب خدمة الجمهور' });
    expect((await admin.call('GET', '/api/v1/agency')).json().publicNames).toEqual(res.json().publicNames);

    const spanish = await portal('es');
    expect(spanish).toContain('<p class="agency">Oficina de Atención al Público</p>');
    expect(spanish).toMatch(/<title>[^<]*Oficina de Atención al Público<\/title>/);
    expect(spanish).not.toContain(agency.name);
    expect(await portal('ar')).toContain('مكتب خدمة الجمهور');
    const french = await portal('fr');
    expect(french).toContain(`<p class="agency">${agency.name}</p>`);
  });

  it('refuses an unknown language or a name too long, naming the field, and changes nothing', async () => {
    const before = (await admin.call('GET', '/api/v1/agency')).json();
    for (const [publicNames, field] of [
      [{ xx: 'Nope' }, 'publicNames.xx'],
      [{ es: 'x'.repeat(201) }, 'publicNames.es'],
    ] as const) {
      const res = await admin.call('PATCH', '/api/v1/agency', { publicNames });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const after = (await admin.call('GET', '/api/v1/agency')).json();
    expect(after).toEqual(before);
  });

  it('is the administrators’ to change', async () => {
    await createUser(t.db, { email: 'sup@example.gov', role: 'supervisor' });
    const supervisor = await signInAs(t.app, 'sup@example.gov', USER_PASSWORD);
    const res = await supervisor.call('PATCH', '/api/v1/agency', { publicNames: { es: 'Otra' } });
    expect(res.statusCode).toBe(403);
  });
});
