// When the public feedback link of an engagement closes: a fixed number of days (FEEDBACK_OPEN_DAYS) after the local
// date of its last meeting, at the end of that day in the agency's time zone. A cancelled engagement takes no feedback.
import { addLocalDays, endOfLocalDay, localDate } from '../shared/local-time.ts';

/** How many days after an engagement (its last meeting for a series) the public may still give feedback. */
export const FEEDBACK_OPEN_DAYS = 30;

export interface FeedbackWindowInput {
  endsAt: Date;
  /** The end of a recurring series' last meeting; null for a single meeting or a series without an end. */
  seriesEndsAt: Date | null;
  recurring: boolean;
  status: string;
}

/**
 * The last instant feedback is taken: the end of the local day FEEDBACK_OPEN_DAYS days after the (last) meeting's
 * local date; null when it never closes by date (a series without an end).
 */
export function feedbackClosesAt(input: FeedbackWindowInput, timeZone: string): Date | null {
  if (input.recurring && !input.seriesEndsAt) return null;
  const last = input.recurring && input.seriesEndsAt ? input.seriesEndsAt : input.endsAt;
  return endOfLocalDay(addLocalDays(localDate(last, timeZone), FEEDBACK_OPEN_DAYS), timeZone);
}

/** Whether the public may still give feedback at `now`. */
export function feedbackOpen(input: FeedbackWindowInput, timeZone: string, now: Date): boolean {
  if (input.status === 'cancelled') return false;
  const closes = feedbackClosesAt(input, timeZone);
  return closes === null || now.getTime() <= closes.getTime();
}
