// The customer-service indicators of the Mayor's Management Report as a person checks them by hand: each key, its
// published name, its unit and what is counted. indicators.ts computes them in SQL from exactly these words; the
// drill-down lists the items of each group (numerator, late, pending, excluded) so every number can be re-counted.
//
// All dates are local dates in the agency's time zone; a period is [first local day 00:00, day after last 00:00).
// "asOf" is the moment the report is made: nothing that happened after it counts (a later response, a later
// closing), so a report made again for the same asOf gives the same numbers. Cases merged into another case
// (merged_into_id set) are left out everywhere: the surviving case carries the item. Restricted cases count only
// for readers who may see them (the case-visibility policy); calls and interpretation requests are not cases and
// are shown to administrators, supervisors and auditors only.
//
// emails_responded_14d_pct — E-mails responded to in 14 days (%)
//   items: cases with channel "email" received in the period.
//   due day: the local day of receipt + 14 calendar days (received Tuesday 3 March → due Tuesday 17 March).
//   numerator (on time): first substantive response (cases.first_response_at) on or before asOf, on a local day
//     no later than the due day.
//   late: a first response after the due day, or no response by asOf while asOf's local day is after the due day.
//   pending: no response by asOf and asOf's local day is the due day or before — left out of both numbers.
//   denominator: numerator + late. value = numerator ÷ denominator × 100, one decimal; none when denominator is 0.
//
// letters_responded_14d_pct — Letters responded to in 14 days (%): the same for channel "letter".
//
// calls_answered_30s_pct — Calls answered in 30 seconds (%)
//   items: calls (the imported call-centre records) offered in the period (offered_at).
//   numerator: answered with answered_at − offered_at ≤ 30 seconds.
//   late: answered after more than 30 seconds, or abandoned.
//   denominator: answered + abandoned ("calls offered").
//   excluded: calls with neither an answer nor an abandonment time (still queued when exported, or transferred
//     before reaching the queue) — in neither number, shown as "excluded".
//
// average_wait_seconds — Average wait time (seconds)
//   the answered calls offered in the period; numerator = the sum of their waits (answered_at − offered_at, in
//   seconds), denominator = how many; value = numerator ÷ denominator, one decimal. Its drill-down lists the answered
//   calls with their waits (for "numerator" and "denominator" alike).
//
// interpretation_requests_completed — Completed requests for interpretation
//   interpretation requests whose completed_at falls in the period (and not after asOf). value = numerator = count.
//
// cases_closed_on_time_pct_<channel> — "<channel's items> closed within their service standard (%)", one per
//   channel type (311, email, letter, web, phone, hotline …); 311 is always listed, every other channel when it
//   has cases closed in the period or in the same period a year earlier.
//   items: cases of that channel closed in the period (closed_at, not after asOf).
//   numerator: closed_at ≤ resolution_due_at (the resolution deadline of the case's service standard, moved by
//     clock pauses as the case recorded them). late: closed after it.
//   excluded: cases with no resolution deadline (no standard applied to them) — they cannot be on time or late;
//     in neither number, shown as "excluded".

export type IndicatorUnit = 'percent' | 'seconds' | 'count';

/** The item groups behind an indicator: numerator, late (in the denominator, not the numerator), pending, excluded. */
export type IndicatorGroup = 'numerator' | 'late' | 'pending' | 'denominator' | 'excluded';

export type IndicatorSource = 'responses' | 'closed' | 'calls' | 'waits' | 'interpretations';

export interface IndicatorDefinition {
  key: string;
  name: string;
  unit: IndicatorUnit;
  /** Whether a higher or a lower value is better (a target is a floor or a ceiling). */
  better: 'higher' | 'lower';
  source: IndicatorSource;
  /** For responses and closed: the case channel counted. */
  channel?: string;
  /** The groups the drill-down offers for this indicator. */
  groups: IndicatorGroup[];
  /** One sentence saying what is counted. */
  definition: string;
}

export const CLOSED_ON_TIME_PREFIX = 'cases_closed_on_time_pct_';

/** Channel types look like this (built-in types and those an administrator adds). */
export const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** The roles that see the call and interpretation indicators (they are not cases, so no case policy scopes them). */
export const CALL_INDICATOR_ROLES = ['administrator', 'supervisor', 'auditor'] as const;

const RESPONSE_GROUPS: IndicatorGroup[] = ['numerator', 'late', 'pending', 'denominator'];
const RATE_GROUPS: IndicatorGroup[] = ['numerator', 'late', 'denominator', 'excluded'];

const responseDefinition = (channel: 'email' | 'letter', things: string): IndicatorDefinition => ({
  key: `${channel === 'email' ? 'emails' : 'letters'}_responded_14d_pct`,
  name: `${things} responded to in 14 days (%)`,
  unit: 'percent',
  better: 'higher',
  source: 'responses',
  channel,
  groups: RESPONSE_GROUPS,
  definition:
    `${things} received in the period whose first substantive response is dated no later than the 14th calendar ` +
    `day after the day of receipt ÷ ${things.toLowerCase()} received in the period; an item with no response is ` +
    'late once its 14th day has passed and pending (in neither number) until then.',
});

/** The indicators every agency has, in the order the report lists them (closing rates per channel follow). */
export const FIXED_INDICATORS: IndicatorDefinition[] = [
  responseDefinition('email', 'E-mails'),
  responseDefinition('letter', 'Letters'),
  {
    key: 'calls_answered_30s_pct',
    name: 'Calls answered in 30 seconds (%)',
    unit: 'percent',
    better: 'higher',
    source: 'calls',
    groups: RATE_GROUPS,
    definition:
      'Calls offered in the period answered within 30 seconds ÷ calls answered or abandoned; calls with neither ' +
      'time are excluded.',
  },
  {
    key: 'average_wait_seconds',
    name: 'Average wait time (seconds)',
    unit: 'seconds',
    better: 'lower',
    source: 'waits',
    groups: ['numerator', 'denominator'],
    definition: 'Mean of answer time − offer time over the answered calls offered in the period.',
  },
  {
    key: 'interpretation_requests_completed',
    name: 'Completed requests for interpretation',
    unit: 'count',
    better: 'higher',
    source: 'interpretations',
    groups: ['numerator'],
    definition: 'Interpretation requests completed in the period.',
  },
];

const CHANNEL_ITEMS: Record<string, string> = {
  '311': '311 service requests',
  email: 'E-mails',
  letter: 'Letters',
  web: 'Web-form items',
  phone: 'Telephone items',
  hotline: 'Hotline items',
  walk_in: 'Walk-in items',
  fax: 'Faxes',
  social_media: 'Social-media items',
  community_meeting: 'Community-meeting items',
};

/** The closing-on-time indicator of one channel type. */
export function closedOnTimeDefinition(channel: string): IndicatorDefinition {
  const things = CHANNEL_ITEMS[channel] ?? `Items from channel ${channel}`;
  return {
    key: `${CLOSED_ON_TIME_PREFIX}${channel}`,
    name: `${things} closed within their service standard (%)`,
    unit: 'percent',
    better: 'higher',
    source: 'closed',
    channel,
    groups: RATE_GROUPS,
    definition:
      `${things} closed in the period no later than their resolution deadline ÷ ${things.toLowerCase()} closed in ` +
      'the period; items without a resolution deadline are excluded.',
  };
}

/** The definition behind a key, or undefined for a key that names no indicator. */
export function indicatorDefinition(key: string): IndicatorDefinition | undefined {
  const fixed = FIXED_INDICATORS.find((d) => d.key === key);
  if (fixed) return fixed;
  if (!key.startsWith(CLOSED_ON_TIME_PREFIX)) return undefined;
  const channel = key.slice(CLOSED_ON_TIME_PREFIX.length);
  return CHANNEL_PATTERN.test(channel) ? closedOnTimeDefinition(channel) : undefined;
}

const CHANNEL_RANK = ['311', 'email', 'letter', 'web', 'phone', 'hotline', 'walk_in', 'fax', 'social_media'];

/** Channel types in report order: 311 first, then e-mail, letters and the other built-in types, then by name. */
export function channelOrder(a: string, b: string): number {
  const rank = (c: string) => (CHANNEL_RANK.includes(c) ? CHANNEL_RANK.indexOf(c) : CHANNEL_RANK.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}
