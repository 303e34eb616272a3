import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeAddress, normalizeEmail, normalizeName, normalizePhone } from './contact-normalization.ts';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('normalisation is idempotent', () => {
  for (const [name, normalize] of [
    ['email', normalizeEmail],
    ['phone', normalizePhone],
    ['address', normalizeAddress],
    ['name', normalizeName],
  ] as const) {
    it(`normalising a normal ${name} gives it back`, () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const once = normalize(text);
          expect(normalize(once)).toBe(once);
        }),
        { numRuns: 2000 },
      );
    });
  }
});

// A US number as area code, exchange and line, each drawn so the number is a valid NANP number.
const usNumber = fc.tuple(
  fc.integer({ min: 200, max: 999 }).map(String),
  fc.integer({ min: 200, max: 999 }).map(String),
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
);

const usFormats: ((a: string, b: string, c: string) => string)[] = [
  (a, b, c) => `${a}${b}${c}`,
  (a, b, c) => `(${a}) ${b}-${c}`,
  (a, b, c) => `${a}-${b}-${c}`,
  (a, b, c) => `${a}.${b}.${c}`,
  (a, b, c) => `+1 ${a} ${b} ${c}`,
  (a, b, c) => `+1 (${a}) ${b}-${c}`,
  (a, b, c) => `1-${a}-${b}-${c}`,
  (a, b, c) => `001 ${a} ${b} ${c}`,
  (a, b, c) => `  ${a} ${b} ${c}  `,
  (a, b, c) => `${a}-${b}-${c} ext. 12`,
  (a, b, c) => `(${a}) ${b}-${c} x204`,
  (a, b, c) => `tel: +1-${a}-${b}-${c}`,
];

describe('formatting variants of one phone number normalise alike', () => {
  it('US numbers', () => {
    fc.assert(
      fc.property(usNumber, fc.constantFrom(...usFormats), fc.constantFrom(...usFormats), ([a, b, c], f, g) => {
        expect(normalizePhone(f(a, b, c))).toBe(normalizePhone(g(a, b, c)));
        expect(normalizePhone(f(a, b, c))).toBe(`${a}${b}${c}`);
      }),
    );
  });

  it('international numbers with +, 00 or 011', () => {
    const international = fc.tuple(
      // Country codes starting with 1 are all +1 (North America), covered above.
      fc.oneof(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 20, max: 99 })).map(String),
      fc.stringMatching(/^[1-9][0-9]{7,9}$/),
    );
    fc.assert(
      fc.property(international, ([country, national]) => {
        const expected = `${country}${national}`;
        expect(normalizePhone(`+${country} ${national}`)).toBe(expected);
        expect(normalizePhone(`00${country} ${national}`)).toBe(expected);
        expect(normalizePhone(`011 ${country} ${national}`)).toBe(expected);
        expect(normalizePhone(`+${country} (${national.slice(0, 3)}) ${national.slice(3)}`)).toBe(expected);
      }),
    );
  });

  it('keeps a short number with an x in it as it is', () => {
    expect(normalizePhone('x123')).toBe('123');
  });
});

describe('formatting variants of one email normalise alike', () => {
  const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
  const domain = fc.stringMatching(/^[a-z0-9]{1,12}\.(org|gov|com|nyc)$/);
  const variants: ((email: string) => string)[] = [
    (e) => e,
    (e) => e.toUpperCase(),
    (e) => `  ${e}\t`,
    (e) => `mailto:${e}`,
    (e) => `Maria López <${e.toUpperCase()}>`,
    (e) => `MAILTO:${e[0]!.toUpperCase()}${e.slice(1)}`,
  ];
  it('case, spaces, mailto: and "Name <address>" do not matter', () => {
    fc.assert(
      fc.property(local, domain, fc.constantFrom(...variants), (l, d, variant) => {
        expect(normalizeEmail(variant(`${l}@${d}`))).toBe(`${l}@${d}`);
      }),
    );
  });

  it('composed and decomposed accents are one address', () => {
    expect(normalizeEmail('jose\u0301@example.org')).toBe(normalizeEmail('jos\u00e9@example.org'));
  });
});

describe('addresses and names', () => {
  it('abbreviates street words, drops punctuation and unit designators', () => {
    const forms = [
      '350 West 4th Street, Apt. 4B',
      '350 W. 4th St #4B',
      '350 w 4th st., apartment 4b',
      '  350  WEST 4TH STREET  UNIT 4B ',
    ];
    const normal = forms.map(normalizeAddress);
    expect(new Set(normal).size).toBe(1);
    expect(normal[0]).toBe('350 w 4th st 4b');
  });

  it('keeps Queens-style house numbers together', () => {
    expect(normalizeAddress('45-12 Queens Boulevard')).toBe('45-12 queens blvd');
  });

  it('folds accents, apostrophes and hyphens in names', () => {
    expect(normalizeName("José O'Brien")).toBe(normalizeName('JOSE OBRIEN'));
    expect(normalizeName('Mary-Jane  Smith')).toBe('mary jane smith');
    expect(normalizeName('محمد علي')).toBe('محمد علي');
    expect(normalizeName('王 小明')).toBe('王 小明');
  });
});
