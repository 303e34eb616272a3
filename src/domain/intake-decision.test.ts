import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decideIntake,
  routeIntake,
  type DecisionStandard,
  type IntakeFacts,
  type IntakeSetup,
} from './intake-decision.ts';
import type { RoutingRule } from './routing-rules.ts';
import type { BusinessCalendar, Priority, WriterType } from './types.ts';
import { selectStandard } from './service-standards.ts';

const calendar: BusinessCalendar = {
  workingHours: {
    '0': null,
    '1': { start: '09:00', end: '17:00' },
    '2': { start: '09:00', end: '17:00' },
    '3': { start: '09:00', end: '17:00' },
    '4': { start: '09:00', end: '17:00' },
    '5': { start: '09:00', end: '17:00' },
    '6': null,
  },
  holidays: [],
};

const standard = (id: number, name: string, match: DecisionStandard['match'], days: number, unit = 'calendar_days') =>
  ({
    id,
    position: id * 10,
    active: true,
    match,
    name,
    firstResponse: { amount: days, unit },
    resolution: { amount: days * 2, unit },
  }) as DecisionStandard;

const standards = [
  standard(1, 'elected officials', { writerType: ['elected_official'] }, 5, 'business_days'),
  standard(2, 'urgent', { priority: ['urgent'] }, 1, 'business_days'),
  standard(3, 'everything else', {}, 14),
  standard(4, 'hotline', { channel: ['fax'] }, 2, 'business_days'),
  standard(5, 'rule standard', { channel: ['fax'] }, 3, 'business_days'),
];

const rule = (id: number, conditions: RoutingRule['conditions'], actions: RoutingRule['actions']): RoutingRule => ({
  id,
  name: `rule ${id}`,
  position: id,
  active: true,
  conditions,
  actions,
  stopProcessing: false,
});

const rules = [
  rule(1, { writerType: ['elected_official'] }, { unitCode: 'LEG', priority: 'high', tags: ['elected'] }),
  rule(2, { words: ['eviction'] }, { priority: 'urgent', tags: ['urgent-words'] }),
  rule(3, { subject: ['HOUSING'] }, { serviceStandardId: 5 }),
  rule(4, {}, { unitCode: 'OCS' }),
];

const setup: IntakeSetup = {
  rules,
  standards,
  channels: [
    { slug: 'phone', settings: {} },
    { slug: 'storm-line', settings: { unitCode: 'PATH', serviceStandardId: 4 } },
  ],
  clock: { timeZone: 'America/New_York', calendar },
};

const facts = (extra: Partial<IntakeFacts> = {}): IntakeFacts => ({
  channel: 'phone',
  channelSlug: 'phone',
  subject: 'SNAP',
  text: 'My benefits stopped.',
  writerType: 'constituent',
  language: 'en',
  facility: null,
  ...extra,
});

// Tuesday 1 December 2026, 10:00 in New York.
const receivedAt = new Date('2026-12-01T15:00:00Z');

describe('decideIntake', () => {
  it.each<[string, Partial<IntakeFacts>, Partial<ReturnType<typeof decideIntake>>]>([
    [
      'the general rule and the matching standard',
      {},
      { unitCode: 'OCS', priority: 'normal', prioritySource: 'default', tags: [], escalationLevel: 0 },
    ],
    [
      'the channel names its unit and its standard',
      { channel: 'hotline', channelSlug: 'storm-line' },
      { unitCode: 'PATH', standard: standards[3], resolutionDueAt: new Date('2026-12-08T04:59:59.999Z') },
    ],
    [
      "a rule's standard comes before the channel's",
      { channel: 'hotline', channelSlug: 'storm-line', subject: 'HOUSING' },
      { unitCode: 'PATH', standard: standards[4] },
    ],
    [
      'a unit fixed by the source wins over the channel and the rules',
      { channelSlug: 'storm-line', unitCode: 'IMPORTED' },
      { unitCode: 'IMPORTED' },
    ],
    [
      'an elected official: rule unit, priority, tags, starting level, matching standard',
      { writerType: 'elected_official' },
      { unitCode: 'LEG', priority: 'high', prioritySource: 'rule', tags: ['elected'], escalationLevel: 1 },
    ],
    [
      'words raise the priority, which selects the urgent standard',
      { text: 'An eviction notice came today' },
      { priority: 'urgent', standard: standards[1], tags: ['urgent-words'], reason: 'Routing rules: rule 2, rule 4' },
    ],
    [
      'a given priority wins over the rules and selects its standard',
      { text: 'An eviction notice', priority: 'low' },
      { priority: 'low', prioritySource: 'given', standard: standards[2] },
    ],
    [
      'given tags come first, the rules add theirs without duplicates',
      { writerType: 'elected_official', tags: ['vip', 'elected'] },
      { tags: ['vip', 'elected'] },
    ],
  ])('%s', (_, extra, expected) => {
    expect(decideIntake(setup, facts(extra), { receivedAt })).toMatchObject(expected);
  });

  it('gives deadlines from the receipt on the calendar, none without a standard', () => {
    const decided = decideIntake(setup, facts({ channelSlug: 'storm-line' }), { receivedAt });
    // Two business days after Tuesday 1 December: the end of Thursday 3 December in New York.
    expect(decided.firstResponseDueAt).toEqual(new Date('2026-12-04T04:59:59.999Z'));
    const bare = decideIntake({ ...setup, standards: [] }, facts(), { receivedAt });
    expect(bare).toMatchObject({ standard: null, firstResponseDueAt: null, resolutionDueAt: null });
  });

  it('keeps the decision when the priority an intake decided is given back (a re-decision after an edit)', () => {
    const priority = fc.constantFrom<Priority>('low', 'normal', 'high', 'urgent');
    const writer = fc.constantFrom<WriterType>(
      'constituent',
      'representative',
      'advocate',
      'elected_official',
      'media',
    );
    fc.assert(
      fc.property(
        fc.constantFrom('phone', 'storm-line', null),
        fc.constantFrom('SNAP', 'HOUSING', null),
        fc.constantFrom('', 'eviction'),
        writer,
        fc.option(priority, { nil: undefined }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (channelSlug, subject, text, writerType, given, at) => {
          const item = facts({ channelSlug, subject, text, writerType, priority: given });
          const first = decideIntake(setup, item, { receivedAt: at });
          const again = decideIntake(setup, { ...item, priority: first.priority }, { receivedAt: at });
          expect(again.standard).toBe(first.standard);
          expect(again.firstResponseDueAt).toEqual(first.firstResponseDueAt);
          expect(again.resolutionDueAt).toEqual(first.resolutionDueAt);
          // The standard is the rule's, else the channel's, else the first that matches.
          const named = first.standard && (first.standard.id === 4 || first.standard.id === 5);
          if (!named) {
            expect(first.standard).toBe(
              selectStandard(standards, { channel: 'phone', subject, priority: first.priority, writerType }),
            );
          }
          if (first.firstResponseDueAt) expect(first.firstResponseDueAt.getTime()).toBeGreaterThan(at.getTime());
        },
      ),
    );
  });
});

describe('routeIntake', () => {
  it('is the decision without deadlines', () => {
    const { firstResponseDueAt, resolutionDueAt, ...routing } = decideIntake(setup, facts(), { receivedAt });
    expect(firstResponseDueAt).not.toBeNull();
    expect(resolutionDueAt).not.toBeNull();
    expect(routeIntake(setup, facts())).toEqual(routing);
  });
});
