// POST requests fields: literal and nested attribute keys, repeated and broken fields, location rules, and the
// fingerprint that only an identical submission shares.
import { describe, expect, it } from 'vitest';
import type { ErrorDetail } from '../../errors.ts';
import { checkSubmissionFields, readSubmission, submissionFingerprint } from './request-input.ts';

describe('readSubmission', () => {
  it('reads literal attribute[CODE] and attribute[CODE][] keys and the nested qs form alike', () => {
    const problems: ErrorDetail[] = [];
    const literal = readSubmission(
      { 'attribute[A]': 'x', 'attribute[B][]': ['1', '2'], service_code: ' SNAP ' },
      problems,
    );
    const nested = readSubmission({ attribute: { A: 'x', B: ['1', '2'] }, service_code: 'SNAP' }, problems);
    expect(problems).toEqual([]);
    expect([...literal.attributes]).toEqual([
      ['A', ['x']],
      ['B', ['1', '2']],
    ]);
    expect([...nested.attributes]).toEqual([...literal.attributes]);
    expect(literal.serviceCode).toBe('SNAP');
    expect(submissionFingerprint(literal)).toBe(submissionFingerprint(nested));
  });

  it('treats empty fields as absent and refuses repeated, non-text and broken ones', () => {
    const problems: ErrorDetail[] = [];
    const s = readSubmission(
      {
        email: '',
        phone: '  ',
        first_name: ['a', 'b'],
        last_name: { x: 1 },
        description: 'caf\uFFFD',
        device_id: 'a\u0000',
      },
      problems,
    );
    expect(s.email).toBeUndefined();
    expect(s.phone).toBeUndefined();
    expect(problems.map((p) => p.field).sort()).toEqual(['description', 'device_id', 'first_name', 'last_name']);
  });
});

describe('checkSubmissionFields', () => {
  it('needs lat and long together, or an address', () => {
    const check = (body: Record<string, string>) => {
      const problems: ErrorDetail[] = [];
      checkSubmissionFields(readSubmission({ service_code: 'S', ...body }, problems), problems);
      return problems.map((p) => p.field);
    };
    expect(check({ lat: '1', long: '2' })).toEqual([]);
    expect(check({ address_string: 'x' })).toEqual([]);
    expect(check({ address_id: 'x' })).toEqual([]);
    expect(check({ lat: '1' })).toEqual(['long']);
    expect(check({})).toEqual(['location']);
    expect(check({ lat: '1e3', long: '0x10' })).toEqual(['lat', 'long']);
  });
});

describe('submissionFingerprint', () => {
  it('differs when any field differs and ignores attribute order', () => {
    const fp = (body: Record<string, unknown>) => submissionFingerprint(readSubmission(body, []));
    const base = { service_code: 'S', description: 'd', 'attribute[A]': 'x', 'attribute[B]': 'y' };
    expect(fp(base)).toBe(fp({ 'attribute[B]': 'y', 'attribute[A]': 'x', description: 'd', service_code: 'S' }));
    expect(fp(base)).toBe(fp({ ...base, api_key: 'another key' }));
    expect(fp(base)).not.toBe(fp({ ...base, description: 'e' }));
    expect(fp(base)).not.toBe(fp({ ...base, device_id: 'phone' }));
    expect(fp(base)).not.toBe(fp({ ...base, lat: '1', long: '1' }));
  });
});
