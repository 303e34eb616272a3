import { describe, expect, it } from 'vitest';
import { escalationStep, initialEscalationLevel, type EscalationInput } from './escalation.ts';
import type { EscalationLevel } from './types.ts';

const levels: EscalationLevel[] = [
  { level: 1, name: 'Supervisor', notifyRole: 'supervisor' },
  { level: 2, name: 'Unit manager', notifyRole: 'unit_manager' },
  { level: 3, name: 'Administrator', notifyRole: 'administrator' },
];
const base: EscalationInput = {
  now: new Date('2026-03-05T12:00:00Z'),
  receivedAt: new Date('2026-03-01T00:00:00Z'),
  dueAt: new Date('2026-03-11T00:00:00Z'),
  warningPercent: 75,
  currentLevel: 0,
  warnedAt: null,
  writerType: 'constituent',
  levels,
};

describe('initialEscalationLevel', () => {
  it('starts elected officials higher', () => {
    expect(initialEscalationLevel('elected_official')).toBe(1);
    expect(initialEscalationLevel('constituent')).toBe(0);
    expect(initialEscalationLevel('media')).toBe(0);
  });
});

describe('escalationStep', () => {
  it.each([
    ['before the warning share', { now: new Date('2026-03-08T11:59:59Z') }, { warn: false, targetLevel: 0 }],
    ['at the warning share', { now: new Date('2026-03-08T12:00:00Z') }, { warn: true, targetLevel: 0 }],
    [
      'already warned',
      { now: new Date('2026-03-09T00:00:00Z'), warnedAt: new Date('2026-03-08T12:00:00Z') },
      { warn: false, targetLevel: 0 },
    ],
    ['warnings off', { now: new Date('2026-03-10T00:00:00Z'), warningPercent: null }, { warn: false, targetLevel: 0 }],
    ['exactly at the due instant', { now: new Date('2026-03-11T00:00:00Z') }, { warn: true, targetLevel: 0 }],
    ['overdue: one step up, no warning', { now: new Date('2026-03-11T00:00:01Z') }, { warn: false, targetLevel: 1 }],
    [
      'overdue again: the next configured level',
      { now: new Date('2026-03-12T00:00:00Z'), currentLevel: 1 },
      { warn: false, targetLevel: 2 },
    ],
    [
      'overdue at the top: stays',
      { now: new Date('2026-03-12T00:00:00Z'), currentLevel: 3 },
      { warn: false, targetLevel: 3 },
    ],
    [
      'skips gaps between configured levels',
      { now: new Date('2026-03-12T00:00:00Z'), levels: [levels[0]!, levels[2]!], currentLevel: 1 },
      { warn: false, targetLevel: 3 },
    ],
    ['no levels configured', { now: new Date('2026-03-12T00:00:00Z'), levels: [] }, { warn: false, targetLevel: 0 }],
    ['elected official, on time', { writerType: 'elected_official' as const }, { warn: false, targetLevel: 1 }],
    [
      'elected official not yet lifted, overdue: lifted to its start first',
      { writerType: 'elected_official' as const, now: new Date('2026-03-12T00:00:00Z') },
      { warn: false, targetLevel: 1 },
    ],
    [
      'elected official at its start, overdue',
      { writerType: 'elected_official' as const, currentLevel: 1, now: new Date('2026-03-12T00:00:00Z') },
      { warn: false, targetLevel: 2 },
    ],
    ['no deadline', { dueAt: null, now: new Date('2030-01-01T00:00:00Z') }, { warn: false, targetLevel: 0 }],
    ['never lowers a level', { currentLevel: 2 }, { warn: false, targetLevel: 2 }],
  ])('%s', (_label, overrides, expected) => {
    expect(escalationStep({ ...base, ...overrides })).toEqual(expected);
  });
});
