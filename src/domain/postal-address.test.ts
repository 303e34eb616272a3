import { describe, expect, it } from 'vitest';
import { postalAddressProblem } from './postal-address.ts';

describe('postalAddressProblem', () => {
  it.each([
    ['12 Oak Street, Buffalo, NY 14201', null],
    ['1 Centre Street\nNew York, NY 10007', null],
    ['Flat 2, 10 Rue de Rivoli, 75001 Paris', null],
    [null, 'no postal address'],
    ['   ', 'no postal address'],
    ['Brooklyn', 'only one line'],
    ['Main Street, Springfield', 'no house number or postcode'],
  ])('%s', (address, expected) => {
    const problem = postalAddressProblem(address);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});
