// The media desk's rules: how an inquiry moves from logged to released (a drafted answer needs a recorded approval
// before anything is released), and the queue's clock against the reporter's deadline.

import type { MediaInquiryStatus } from '../shared/community.ts';

export type { MediaInquiryStatus };

export type MediaInquiryStep = 'assign' | 'draft' | 'approve' | 'release' | 'decline';

/** The statuses each step may start from. */
const ALLOWED_FROM: Record<MediaInquiryStep, readonly MediaInquiryStatus[]> = {
  assign: ['new', 'assigned', 'drafted', 'approved'],
  draft: ['new', 'assigned', 'drafted', 'approved'],
  approve: ['drafted'],
  release: ['approved'],
  decline: ['new', 'assigned', 'drafted', 'approved'],
};

/** Why a step cannot be taken from a status, or null when it can. */
export function stepRefusal(status: MediaInquiryStatus, step: MediaInquiryStep): string | null {
  if (ALLOWED_FROM[step].includes(status)) return null;
  if (status === 'released') return 'the answer has already been released';
  if (status === 'declined') return 'the inquiry was declined';
  if (step === 'approve') return 'there is no drafted answer waiting for approval';
  if (step === 'release') return 'the drafted answer has not been approved';
  return `not possible while the inquiry is ${status}`;
}

/**
 * The status after a step: assigning keeps a draft's progress, and a new draft always needs a new approval (an
 * approved text that is edited is no longer the approved text).
 */
export function statusAfter(status: MediaInquiryStatus, step: MediaInquiryStep): MediaInquiryStatus {
  switch (step) {
    case 'assign':
      return status === 'new' ? 'assigned' : status;
    case 'draft':
      return 'drafted';
    case 'approve':
      return 'approved';
    case 'release':
      return 'released';
    case 'decline':
      return 'declined';
  }
}

export type DeadlineState = 'met' | 'missed' | 'overdue' | 'due_soon' | 'on_time' | 'closed';

export interface DeadlineClock {
  state: DeadlineState;
  /** Whole minutes until the deadline (negative once past); null once the inquiry is closed. */
  minutesLeft: number | null;
}

/** Below this many minutes an open inquiry is shown as due soon. */
export const DUE_SOON_MINUTES = 120;

/**
 * The queue's clock: an open inquiry is on time, due soon (under two hours) or overdue; a released one met or
 * missed the reporter's deadline; a declined one is closed.
 */
export function deadlineClock(
  inquiry: { status: MediaInquiryStatus; deadlineAt: Date; releasedAt: Date | null },
  now: Date,
): DeadlineClock {
  if (inquiry.status === 'declined') return { state: 'closed', minutesLeft: null };
  if (inquiry.status === 'released') {
    const late = inquiry.releasedAt !== null && inquiry.releasedAt.getTime() > inquiry.deadlineAt.getTime();
    return { state: late ? 'missed' : 'met', minutesLeft: null };
  }
  const minutesLeft = Math.floor((inquiry.deadlineAt.getTime() - now.getTime()) / 60_000);
  if (minutesLeft < 0) return { state: 'overdue', minutesLeft };
  return { state: minutesLeft < DUE_SOON_MINUTES ? 'due_soon' : 'on_time', minutesLeft };
}
