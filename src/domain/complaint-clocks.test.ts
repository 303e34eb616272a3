import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_COMPLAINT_SETTINGS,
  RECEIVED_VIA,
  complaintClocks,
  complaintDateProblems,
  complaintSettings,
  filingDeadline,
  receiptDate,
  resolutionDue,
  transferDue,
} from './complaint-clocks.ts';
import { isBusinessDay } from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays, weekdayOf } from '../shared/local-time.ts';

const california = calendarPreset('california', 2025, 2029);
const settings = DEFAULT_COMPLAINT_SETTINGS;

// Local dates of 2025…2027, where the calendar knows every holiday and the next year's too.
const localDates = fc.integer({ min: 0, max: 3 * 365 - 1 }).map((offset) => addLocalDays('2025-01-01', offset));

describe('receipt date', () => {
  it.each([
    ['in person on a Monday', { receivedVia: 'in_person', receivedOn: '2026-03-02' }, '2026-03-02'],
    ['web on a Sunday is the day received', { receivedVia: 'web', receivedOn: '2026-03-01' }, '2026-03-01'],
    [
      'a transfer: the day this office received it',
      { receivedVia: 'transfer', receivedOn: '2026-07-04' },
      '2026-07-04',
    ],
    [
      'mail: five business days after the postmark, over Independence Day (observed)',
      { receivedVia: 'mail', receivedOn: '2026-07-01', postmarkedOn: '2026-06-29' },
      '2026-07-07',
    ],
    [
      'mail: over Thanksgiving and the day after',
      { receivedVia: 'mail', receivedOn: '2026-11-24', postmarkedOn: '2026-11-20' },
      '2026-12-01',
    ],
    [
      'mail postmarked on a Saturday at a month end',
      { receivedVia: 'mail', receivedOn: '2026-02-02', postmarkedOn: '2026-01-31' },
      '2026-02-06',
    ],
    ['mail without a postmark: the day received', { receivedVia: 'mail', receivedOn: '2026-02-02' }, '2026-02-02'],
  ] as const)('%s', (_label, input, expected) => {
    expect(receiptDate(input, settings, california)).toBe(expected);
  });

  it('follows the agency setting for mail', () => {
    const custom = complaintSettings({ mailReceiptBusinessDays: 3 });
    expect(
      receiptDate({ receivedVia: 'mail', receivedOn: '2026-07-01', postmarkedOn: '2026-06-29' }, custom, california),
    ).toBe('2026-07-02');
  });

  it('never puts the receipt of mail before its postmark', () => {
    fc.assert(
      fc.property(localDates, fc.integer({ min: 0, max: 20 }), (postmark, days) => {
        const custom = { ...settings, mailReceiptBusinessDays: days };
        const receipt = receiptDate(
          { receivedVia: 'mail', receivedOn: postmark, postmarkedOn: postmark },
          custom,
          california,
        );
        expect(receipt >= postmark).toBe(true);
        if (days > 0) expect(isBusinessDay(receipt, california)).toBe(true);
      }),
    );
  });
});

describe('resolution, extension, transfer and filing window', () => {
  it.each([
    ['an ordinary weekday', '2026-03-02', '2026-04-01'],
    ['onto Cesar Chavez Day', '2026-03-01', '2026-04-01'],
    ['onto the day after Thanksgiving', '2026-10-28', '2026-11-30'],
    ['over a short February onto a Sunday', '2026-01-30', '2026-03-02'],
    ['onto the Sunday clocks spring forward', '2026-02-06', '2026-03-09'],
    ['onto the Sunday clocks fall back', '2026-10-02', '2026-11-02'],
    ['into a leap day', '2028-01-30', '2028-02-29'],
  ])('resolution due, %s', (_label, receipt, expected) => {
    expect(resolutionDue(receipt, 0, settings, california)).toBe(expected);
  });

  it.each([
    ['2026-03-02', '2026-05-01'],
    ['2026-10-28', '2026-12-28'],
  ])('one extension of 30 days from receipt %s gives %s', (receipt, expected) => {
    expect(resolutionDue(receipt, 1, settings, california)).toBe(expected);
  });

  it.each([
    ['2026-07-01', '2026-07-06'],
    ['2026-06-29', '2026-07-06'],
  ])('a transfer from receipt %s is due %s', (receipt, expected) => {
    expect(transferDue(receipt, settings, california)).toBe(expected);
  });

  it.each([
    ['2026-01-02', '2026-04-02'],
    ['2026-08-28', '2026-11-30'],
  ])('knowing of the action on %s, the filing deadline is %s', (knew, expected) => {
    expect(filingDeadline(knew, settings, california)).toBe(expected);
  });

  it('accepts a late filing with a warning, the deadline day itself being on time', () => {
    const base = { receivedVia: 'in_person', knewOfActionOn: '2026-01-02' } as const;
    expect(complaintClocks({ ...base, receivedOn: '2026-04-02' }, settings, california).filedLate).toBe(false);
    expect(complaintClocks({ ...base, receivedOn: '2026-04-03' }, settings, california)).toMatchObject({
      filedLate: true,
      filingDeadlineOn: '2026-04-02',
    });
    expect(complaintClocks({ receivedVia: 'phone', receivedOn: '2026-04-03' }, settings, california)).toEqual({
      receiptDate: '2026-04-03',
      filingDeadlineOn: null,
      filedLate: false,
      resolutionDueOn: '2026-05-04',
      transferDueOn: '2026-04-08',
    });
  });

  it('never gives a due date on a non-business day', () => {
    fc.assert(
      fc.property(
        localDates,
        fc.constantFrom(...RECEIVED_VIA),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 120 }),
        (day, via, mailDays, windowDays) => {
          const custom = { ...settings, mailReceiptBusinessDays: mailDays, filingWindowDays: windowDays };
          const clocks = complaintClocks(
            { receivedVia: via, receivedOn: day, postmarkedOn: day, knewOfActionOn: day },
            custom,
            california,
          );
          for (const due of [clocks.resolutionDueOn, clocks.transferDueOn, clocks.filingDeadlineOn!]) {
            expect(isBusinessDay(due, california)).toBe(true);
            expect(weekdayOf(due)).not.toBe(0);
          }
        },
      ),
    );
  });

  it('never shortens a deadline with an extension', () => {
    fc.assert(
      fc.property(
        localDates,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (receipt, base, extra) => {
          const custom = { ...settings, resolutionDays: base, extensionDays: extra };
          const before = resolutionDue(receipt, 0, custom, california);
          const after = resolutionDue(receipt, 1, custom, california);
          expect(after >= before).toBe(true);
          expect(before >= receipt).toBe(true);
        },
      ),
    );
  });
});

describe('settings and dates', () => {
  it('keeps the defaults for missing or nonsensical values', () => {
    expect(complaintSettings(undefined)).toEqual(DEFAULT_COMPLAINT_SETTINGS);
    expect(
      complaintSettings({ resolutionDays: -3, extensionDays: 1.5, transferDays: 10, repeatContactAction: 'convert' }),
    ).toEqual({
      ...DEFAULT_COMPLAINT_SETTINGS,
      transferDays: 10,
      repeatContactAction: 'convert',
    });
  });

  it('names the field of each impossible date', () => {
    expect(
      complaintDateProblems(
        { receivedVia: 'mail', receivedOn: '2026-03-02', postmarkedOn: '2026-03-03', knewOfActionOn: '2026-02-30' },
        '2026-12-01',
      ).map((p) => p.field),
    ).toEqual(['postmarkedOn', 'knewOfActionOn']);
    expect(complaintDateProblems({ receivedVia: 'web', receivedOn: '2026-12-02' }, '2026-12-01')).toEqual([
      { field: 'receivedOn', message: 'cannot be in the future' },
    ]);
    expect(complaintDateProblems({ receivedVia: 'web', receivedOn: '2026-12-01' }, '2026-12-01')).toEqual([]);
  });
});
