import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DUE_SOON_MINUTES,
  deadlineClock,
  statusAfter,
  stepRefusal,
  type MediaInquiryStatus,
  type MediaInquiryStep,
} from './media-desk.ts';

const STEPS: MediaInquiryStep[] = ['assign', 'draft', 'approve', 'release', 'decline'];

describe('media inquiry steps', () => {
  it.each([
    ['new', 'assign', null, 'assigned'],
    ['assigned', 'draft', null, 'drafted'],
    ['drafted', 'approve', null, 'approved'],
    ['approved', 'release', null, 'released'],
    ['approved', 'draft', null, 'drafted'],
    ['drafted', 'assign', null, 'drafted'],
    ['assigned', 'release', 'the drafted answer has not been approved', null],
    ['drafted', 'release', 'the drafted answer has not been approved', null],
    ['new', 'approve', 'there is no drafted answer waiting for approval', null],
    ['released', 'draft', 'the answer has already been released', null],
    ['declined', 'assign', 'the inquiry was declined', null],
  ] as const)('%s --%s--> refusal %j, status %j', (from, step, refusal, to) => {
    expect(stepRefusal(from, step)).toBe(refusal);
    if (to) expect(statusAfter(from, step)).toBe(to);
  });

  it('nothing reaches released without passing through approved', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STEPS), { maxLength: 12 }), (steps) => {
        let current: MediaInquiryStatus = 'new';
        for (const step of steps) {
          if (stepRefusal(current, step) !== null) continue;
          const previous = current;
          current = statusAfter(current, step);
          if (current === 'released') expect(previous).toBe('approved');
        }
      }),
    );
  });
});

describe('deadlineClock', () => {
  const deadlineAt = new Date('2026-03-15T17:00:00Z');
  it.each([
    ['2026-03-15T12:00:00Z', 'on_time', 300],
    ['2026-03-15T15:30:00Z', 'due_soon', 90],
    ['2026-03-15T17:00:00Z', 'due_soon', 0],
    ['2026-03-15T17:00:30Z', 'overdue', -1],
  ] as const)('open at %s is %s', (now, state, minutes) => {
    expect(deadlineClock({ status: 'assigned', deadlineAt, releasedAt: null }, new Date(now))).toEqual({
      state,
      minutesLeft: minutes,
    });
  });

  it('a released inquiry met or missed the deadline', () => {
    const released = (at: string) =>
      deadlineClock({ status: 'released', deadlineAt, releasedAt: new Date(at) }, new Date()).state;
    expect(released('2026-03-15T16:59:00Z')).toBe('met');
    expect(released('2026-03-15T17:01:00Z')).toBe('missed');
  });

  it('an open inquiry is overdue exactly when now is past the deadline', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (offsetMs) => {
        const now = new Date(deadlineAt.getTime() + offsetMs);
        const clock = deadlineClock({ status: 'new', deadlineAt, releasedAt: null }, now);
        expect(clock.state === 'overdue').toBe(offsetMs > 0 && Math.floor(-offsetMs / 60_000) < 0);
        if (clock.state === 'due_soon') expect(clock.minutesLeft!).toBeLessThan(DUE_SOON_MINUTES);
      }),
    );
  });
});
