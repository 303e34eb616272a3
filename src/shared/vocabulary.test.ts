// Labels shown in lists: a code is never repeated beside a name that already carries it.
import { describe, expect, it } from 'vitest';
import { nameWithCode } from './vocabulary.ts';

describe('nameWithCode', () => {
  it.each([
    ['Shelter Services', 'SHS', 'Shelter Services (SHS)'],
    ['Cash Assistance (FIA)', 'FIA', 'Cash Assistance (FIA)'],
    ['Cash Assistance (fia)', 'FIA', 'Cash Assistance (fia)'],
    ['FIA', 'FIA', 'FIA'],
    ['Family Independence Administration', 'FIA', 'Family Independence Administration (FIA)'],
  ])('%s + %s → %s', (name, code, label) => expect(nameWithCode(name, code)).toBe(label));
});
