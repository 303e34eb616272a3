import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_COMPLAINT_SETTINGS, resolutionDue } from './complaint-clocks.ts';
import {
  COMPLAINT_CATEGORIES,
  complianceReportDueOn,
  decisionPresumedReceivedOn,
  dismissalEffectiveOn,
  hearingRequestDeadline,
  judgeHearingRequest,
  type ComplaintForHearing,
} from './hearing-eligibility.ts';
import { isBusinessDay } from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays } from '../shared/local-time.ts';

const california = calendarPreset('california', 2025, 2029);
const settings = DEFAULT_COMPLAINT_SETTINGS;

const open: ComplaintForHearing = {
  receiptDate: '2026-03-02',
  resolutionDueOn: '2026-04-01',
  categories: ['distribution', 'custody_visitation'],
  resolved: false,
  resolutionNoticeMailedOn: null,
};
const resolved: ComplaintForHearing = { ...open, resolved: true, resolutionNoticeMailedOn: '2026-04-01' };

describe('hearing request window', () => {
  it('runs 90 days from a timely resolution notice', () => {
    expect(hearingRequestDeadline(resolved, settings, california)).toBe('2026-06-30');
  });
  it('runs 90 days from receipt when no resolution came by the due date (Sunday → Monday)', () => {
    expect(hearingRequestDeadline(open, settings, california)).toBe('2026-06-01');
  });
  it('takes the later window when the notice came late', () => {
    expect(hearingRequestDeadline({ ...resolved, resolutionNoticeMailedOn: '2026-04-20' }, settings, california)).toBe(
      '2026-07-20',
    );
  });
});

describe('judging a request', () => {
  it('hears only raised issues on the four grounds, after the local process', () => {
    const judgement = judgeHearingRequest(
      resolved,
      { requestedOn: '2026-05-01', categories: ['distribution', 'custody_visitation', 'case_closure'] },
      settings,
      california,
    );
    expect(judgement).toEqual({
      eligible: true,
      issues: [
        { category: 'distribution', eligible: true, reasons: [] },
        { category: 'custody_visitation', eligible: false, reasons: ['not_hearing_issue'] },
        { category: 'case_closure', eligible: false, reasons: ['not_raised_in_complaint'] },
      ],
      reasons: [],
      requestDeadlineOn: '2026-06-30',
    });
  });

  it('waits for the local process unless the office missed its deadline', () => {
    const early = judgeHearingRequest(
      open,
      { requestedOn: '2026-04-01', categories: ['distribution'] },
      settings,
      california,
    );
    expect(early.eligible).toBe(false);
    expect(early.reasons).toEqual(['local_process_not_finished']);
    const missed = judgeHearingRequest(
      open,
      { requestedOn: '2026-04-02', categories: ['distribution'] },
      settings,
      california,
    );
    expect(missed.eligible).toBe(true);
  });

  it('refuses a late request, the last day still being on time', () => {
    const onTime = judgeHearingRequest(
      resolved,
      { requestedOn: '2026-06-30', categories: ['distribution'] },
      settings,
      california,
    );
    expect(onTime.eligible).toBe(true);
    const late = judgeHearingRequest(
      resolved,
      { requestedOn: '2026-07-01', categories: ['distribution', 'paternity'] },
      settings,
      california,
    );
    expect(late.eligible).toBe(false);
    expect(late.reasons).toEqual(['not_hearing_issue', 'not_raised_in_complaint', 'request_late']);
    expect(late.issues[0]).toEqual({ category: 'distribution', eligible: false, reasons: ['request_late'] });
  });

  it('gives a reason for every issue it does not hear', () => {
    const codes = COMPLAINT_CATEGORIES.map((c) => c.code);
    fc.assert(
      fc.property(
        fc.subarray(codes, { minLength: 1 }),
        fc.subarray(codes, { minLength: 1 }),
        fc.integer({ min: 0, max: 200 }),
        fc.boolean(),
        (raised, asked, offset, isResolved) => {
          const receipt = '2026-03-02';
          const complaint: ComplaintForHearing = {
            receiptDate: receipt,
            resolutionDueOn: resolutionDue(receipt, 0, settings, california),
            categories: raised,
            resolved: isResolved,
            resolutionNoticeMailedOn: isResolved ? '2026-03-20' : null,
          };
          const judgement = judgeHearingRequest(
            complaint,
            { requestedOn: addLocalDays(receipt, offset), categories: asked },
            settings,
            california,
          );
          for (const issue of judgement.issues) expect(issue.eligible).toBe(issue.reasons.length === 0);
          expect(judgement.eligible).toBe(judgement.issues.some((i) => i.eligible));
          if (!judgement.eligible) expect(judgement.reasons.length).toBeGreaterThan(0);
          expect(isBusinessDay(judgement.requestDeadlineOn, california)).toBe(true);
        },
      ),
    );
  });
});

describe('hearing clocks', () => {
  it('presumes a decision received 15 business days after adoption, over Thanksgiving', () => {
    expect(decisionPresumedReceivedOn('2026-11-20', settings, california)).toBe('2026-12-15');
    expect(complianceReportDueOn('2026-11-20', settings, california)).toBe('2027-01-14');
  });
  it('makes a dismissal effective 15 days after its notice, off Christmas', () => {
    expect(dismissalEffectiveOn('2026-12-10', settings, california)).toBe('2026-12-28');
  });
});
