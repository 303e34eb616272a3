import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complaintDeadlines, type ComplaintForDeadlines } from './complaint-deadlines.ts';
import { DEFAULT_COMPLAINT_SETTINGS, resolutionDue } from './complaint-clocks.ts';
import { isBusinessDay } from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays } from '../shared/local-time.ts';

const california = calendarPreset('california', 2025, 2029);
const settings = DEFAULT_COMPLAINT_SETTINGS;

const open: ComplaintForDeadlines = {
  status: 'open',
  receiptDate: '2026-11-20',
  resolutionDueOn: '2026-12-21',
  extensions: 0,
  extendedOn: null,
  acknowledgementMailedOn: null,
  hearings: [],
};

describe('complaint deadlines', () => {
  it('an open complaint owes its acknowledgement (5 business days, over Thanksgiving) and its resolution', () => {
    expect(complaintDeadlines(open, settings, california)).toEqual([
      // Fri 20 Nov → Mon 23, Tue 24, Wed 25, (Thu 26 and Fri 27 are holidays) Mon 30, Tue 1 Dec.
      { key: 'acknowledgement', kind: 'acknowledgement', startsOn: '2026-11-20', dueOn: '2026-12-01', hearingId: null },
      { key: 'resolution', kind: 'resolution', startsOn: '2026-11-20', dueOn: '2026-12-21', hearingId: null },
    ]);
  });

  it('a mailed acknowledgement is no longer owed; an extension is the extended resolution from its day', () => {
    const extended = { ...open, acknowledgementMailedOn: '2026-11-23', extensions: 1, extendedOn: '2026-12-10' };
    expect(complaintDeadlines(extended, settings, california)).toEqual([
      { key: 'resolution', kind: 'extended_resolution', startsOn: '2026-12-10', dueOn: '2026-12-21', hearingId: null },
    ]);
  });

  const hearing = {
    id: 7,
    requestedOn: '2027-01-05',
    hearingOn: '2027-02-10',
    dismissalNoticeOn: null,
    decisionAdoptedOn: null,
    decisionPresumedReceivedOn: null,
    complianceReportDueOn: null,
    complianceReportFiledOn: null,
  };

  it('a resolved complaint owes its scheduled hearing until it is decided, then the compliance report until filed', () => {
    const resolved = { ...open, status: 'resolved' as const, hearings: [hearing] };
    expect(complaintDeadlines(resolved, settings, california)).toEqual([
      { key: 'hearing:7', kind: 'hearing', startsOn: '2027-01-05', dueOn: '2027-02-10', hearingId: 7 },
    ]);
    const decided = {
      ...hearing,
      decisionAdoptedOn: '2027-02-20',
      decisionPresumedReceivedOn: '2027-03-15',
      complianceReportDueOn: '2027-03-22',
    };
    expect(complaintDeadlines({ ...resolved, hearings: [decided] }, settings, california)).toEqual([
      {
        key: 'compliance_report:7',
        kind: 'compliance_report',
        startsOn: '2027-03-15',
        dueOn: '2027-03-22',
        hearingId: 7,
      },
    ]);
    const filed = { ...decided, complianceReportFiledOn: '2027-03-20' };
    expect(complaintDeadlines({ ...resolved, hearings: [filed] }, settings, california)).toEqual([]);
    const dismissed = { ...hearing, dismissalNoticeOn: '2027-01-20' };
    expect(complaintDeadlines({ ...resolved, hearings: [dismissed] }, settings, california)).toEqual([]);
  });

  it('property: deadlines are sorted, never before their start, and the acknowledgement falls on a business day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 - 1 }), fc.integer({ min: 0, max: 1 }), (offset, extensions) => {
        const receipt = addLocalDays('2025-01-01', offset);
        const complaint = {
          ...open,
          receiptDate: receipt,
          extensions,
          extendedOn: extensions ? receipt : null,
          resolutionDueOn: resolutionDue(receipt, extensions, settings, california),
        };
        const list = complaintDeadlines(complaint, settings, california);
        expect(list.map((d) => d.dueOn)).toEqual([...list.map((d) => d.dueOn)].sort());
        for (const d of list) expect(d.dueOn >= d.startsOn).toBe(true);
        expect(isBusinessDay(list.find((d) => d.kind === 'acknowledgement')!.dueOn, california)).toBe(true);
      }),
    );
  });
});
