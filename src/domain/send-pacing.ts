// Pacing of bulk mail: a notice to thousands of people must not reach the mail relay faster than it accepts, so the
// n-th message waits for its minute. Pure.

/** When the message at `index` (0-based) of a batch may go, sending `perMinute` a minute from `start`. */
export function pacedSendTime(start: Date, index: number, perMinute: number): Date {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError('perMinute must be a whole number ≥ 1');
  return new Date(start.getTime() + Math.floor(index / perMinute) * 60_000);
}
