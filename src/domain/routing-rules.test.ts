import { describe, expect, it } from 'vitest';
import { describeRuleMatch, evaluateRules, findWords, type RoutingItem, type RoutingRule } from './routing-rules.ts';

const item: RoutingItem = {
  channel: 'email',
  subject: 'SHELTER.CONDITIONS',
  text: 'There is no heat in our room at the Bedford shelter. Please help.',
  writerType: 'constituent',
  language: 'en',
  facility: 'Bedford Atlantic',
};

function rule(id: number, overrides: Partial<RoutingRule>): RoutingRule {
  return {
    id,
    name: `rule ${id}`,
    position: id * 10,
    active: true,
    conditions: {},
    actions: {},
    stopProcessing: false,
    ...overrides,
  };
}

describe('findWords', () => {
  it.each([
    ['no heat', 'There is NO  heat here', true],
    ['heat', 'the heater is broken', false],
    ['heat', 'heat, and hot water', true],
    ['calefacción', 'No hay calefaccio\u0301n en el refugio', true], // decomposed accent in the text
    ['calefacción', 'No hay CALEFACCIÓN', true],
    ['отопление', 'В комнате нет Отопления', false],
    ['отопления', 'В комнате нет ОТОПЛЕНИЯ.', true],
    ['تدفئة', 'لا توجد تدفئة في الغرفة', true],
    ['تدفئة', 'لا توجد التدفئة', false],
    ["landlord's", 'my landlord’s agent', true],
    ['暖气', '房间里没有暖气。', true],
    ['c++', 'I know c++ well', true],
    ['  ', 'anything', false],
  ])('%s in "%s": %s', (word, text, expected) => {
    expect(findWords(text, [word]).length > 0).toBe(expected);
  });
});

describe('evaluateRules', () => {
  it('runs rules in position order; the first to set a field wins it and tags accumulate', () => {
    const rules = [
      rule(3, { conditions: { channel: ['email'] }, actions: { unitCode: 'CS', priority: 'normal', tags: ['email'] } }),
      rule(1, {
        conditions: { subject: ['SHELTER'], words: ['no heat', 'sin calefacción'] },
        actions: { unitCode: 'FAC', tags: ['heat', 'shelter'] },
      }),
      rule(2, { conditions: { facility: ['bedford atlantic'] }, actions: { serviceStandardId: 7, tags: ['shelter'] } }),
      rule(4, { active: false, actions: { priority: 'urgent' } }),
    ];
    expect(evaluateRules(rules, item)).toEqual({
      unitCode: 'FAC',
      priority: 'normal',
      serviceStandardId: 7,
      tags: ['heat', 'shelter', 'email'],
      matched: [
        { id: 1, name: 'rule 1' },
        { id: 2, name: 'rule 2' },
        { id: 3, name: 'rule 3' },
      ],
    });
  });

  it('stops at a matching rule marked stopProcessing, but not at one that does not match', () => {
    const rules = [
      rule(1, { conditions: { writerType: ['media'] }, actions: { unitCode: 'PRESS' }, stopProcessing: true }),
      rule(2, { conditions: { language: ['en'] }, actions: { tags: ['english'] }, stopProcessing: true }),
      rule(3, { actions: { unitCode: 'CS' } }),
    ];
    expect(evaluateRules(rules, item)).toEqual({ tags: ['english'], matched: [{ id: 2, name: 'rule 2' }] });
  });

  it('needs every condition present (AND across fields, OR within a list)', () => {
    const rules = [
      rule(1, { conditions: { channel: ['letter', 'email'], subject: ['SNAP'] }, actions: { unitCode: 'SNAP' } }),
      rule(2, {
        conditions: { channel: ['letter', 'email'], subject: ['SNAP', 'SHELTER'] },
        actions: { unitCode: 'X' },
      }),
    ];
    expect(evaluateRules(rules, item).unitCode).toBe('X');
  });

  it('matches regional language variants and Spanish words', () => {
    const spanish = { ...item, language: 'es-MX', text: 'No hay CALEFACCIÓN en el refugio', subject: null };
    const rules = [rule(1, { conditions: { language: ['es'], words: ['calefacción'] }, actions: { unitCode: 'FAC' } })];
    expect(evaluateRules(rules, spanish).unitCode).toBe('FAC');
    expect(evaluateRules(rules, { ...spanish, language: 'en' }).unitCode).toBeUndefined();
  });

  it('treats a rule without conditions as a catch-all and a null facility as no match', () => {
    const rules = [
      rule(1, { conditions: { facility: ['Bedford Atlantic'] }, actions: { unitCode: 'A' } }),
      rule(2, {}),
    ];
    const result = evaluateRules(rules, { ...item, facility: null });
    expect(result.unitCode).toBeUndefined();
    expect(result.matched).toEqual([{ id: 2, name: 'rule 2' }]);
  });
});

describe('describeRuleMatch', () => {
  it('explains each condition against a sample', () => {
    const sample = rule(1, {
      conditions: { channel: ['phone'], subject: ['SHELTER'], words: ['heat', 'mold', 'no heat'], writerType: [] },
    });
    expect(describeRuleMatch(sample, item)).toEqual([
      { field: 'channel', expected: ['phone'], actual: 'email', matched: false },
      { field: 'subject', expected: ['SHELTER'], actual: 'SHELTER.CONDITIONS', matched: true },
      { field: 'words', expected: ['heat', 'mold', 'no heat'], actual: ['heat', 'no heat'], matched: true },
    ]);
  });
});
