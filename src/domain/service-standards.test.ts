import { describe, expect, it } from 'vitest';
import { selectStandard, subjectMatchesAny, type StandardCandidate, type StandardItem } from './service-standards.ts';

const item: StandardItem = {
  channel: 'email',
  subject: 'SHELTER.CONDITIONS',
  priority: 'normal',
  writerType: 'constituent',
};

describe('subjectMatchesAny', () => {
  it.each([
    ['SHELTER', ['SHELTER'], true],
    ['SHELTER.CONDITIONS', ['SHELTER'], true],
    ['SHELTER.CONDITIONS', ['SHELTER.CONDITIONS'], true],
    ['SHELTER', ['SHELTER.CONDITIONS'], false],
    ['SHELTERS', ['SHELTER'], false],
    ['SNAP', ['SHELTER', 'snap'], true],
    [null, ['SHELTER'], false],
  ])('%s in %o: %s', (subject, codes, expected) => {
    expect(subjectMatchesAny(subject, codes)).toBe(expected);
  });
});

describe('selectStandard', () => {
  const standards: (StandardCandidate & { name: string })[] = [
    { id: 4, position: 40, active: true, match: {}, name: 'default' },
    { id: 1, position: 10, active: false, match: { channel: ['email'] }, name: 'inactive email' },
    {
      id: 2,
      position: 20,
      active: true,
      match: { subject: ['SHELTER'], priority: ['urgent'] },
      name: 'urgent shelter',
    },
    { id: 3, position: 30, active: true, match: { subject: ['SHELTER'], channel: [] }, name: 'shelter' },
    { id: 5, position: 5, active: true, match: { writerType: ['elected_official'] }, name: 'elected officials' },
  ];

  it('picks the first active standard by position whose match fits', () => {
    expect(selectStandard(standards, item)?.name).toBe('shelter');
    expect(selectStandard(standards, { ...item, priority: 'urgent' })?.name).toBe('urgent shelter');
    expect(selectStandard(standards, { ...item, writerType: 'elected_official' })?.name).toBe('elected officials');
    expect(selectStandard(standards, { ...item, subject: null })?.name).toBe('default');
  });

  it('returns null when nothing fits', () => {
    expect(selectStandard(standards.slice(1, 3), { ...item, subject: 'SNAP' })).toBeNull();
    expect(selectStandard([], item)).toBeNull();
  });

  it('breaks position ties by id and does not reorder the caller’s list', () => {
    const tied = [
      { id: 9, position: 1, active: true, match: {} },
      { id: 8, position: 1, active: true, match: {} },
    ];
    expect(selectStandard(tied, item)?.id).toBe(8);
    expect(tied.map((s) => s.id)).toEqual([9, 8]);
  });
});
