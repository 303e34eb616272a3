// The SQL of the customer-service indicators (indicators.ts counts them, indicator-items.ts lists their items): the
// sources of each group of items, each classified per row into numerator / late / pending / excluded with the
// agency's local days worked out in SQL, and the one statement that counts them all per channel and class.
import { sql, type RawBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

/** The instants counted for a period: [start, end), the end never after asOf. */
export interface CountingWindow {
  start: Date;
  end: Date;
  asOf: Date;
}

/** E-mails or letters received in the window, classified against their 14th local day. */
export function responseSource(ctx: CommandContext, window: CountingWindow, channels: ('email' | 'letter')[]) {
  const tz = ctx.agency.timeZone;
  const dueDay = sql`((c.received_at at time zone ${tz})::date + 14)`;
  const responded = sql`c.first_response_at <= ${window.asOf}::timestamptz`;
  const group = sql<string>`case
      when ${responded} then
        case when (c.first_response_at at time zone ${tz})::date <= ${dueDay} then 'numerator' else 'late' end
      when (${window.asOf}::timestamptz at time zone ${tz})::date > ${dueDay} then 'late'
      else 'pending' end`;
  // Channels as literals, so that the planner matches the partial index cases_report_responses.
  const channelList = sql.join(channels.map((channel) => sql.lit(channel)));
  const query = ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where(sql<boolean>`c.channel in (${channelList})`)
    .where('c.received_at', '>=', window.start)
    .where('c.received_at', '<', window.end)
    .where('c.merged_into_id', 'is', null);
  return { query, group };
}

/** Cases closed in the window (of one channel, or all), classified against their resolution deadline. */
export function closedSource(ctx: CommandContext, window: CountingWindow, channel?: string) {
  const group = sql<string>`case
      when c.resolution_due_at is null then 'excluded'
      when c.closed_at <= c.resolution_due_at then 'numerator'
      else 'late' end`;
  let query = ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where('c.closed_at', '>=', window.start)
    .where('c.closed_at', '<', window.end)
    .where('c.merged_into_id', 'is', null);
  if (channel !== undefined) query = query.where('c.channel', '=', channel);
  return { query, group };
}

/** Calls offered in the window, classified by their wait (answered in 30 s, later or abandoned, neither). */
export function callSource(ctx: CommandContext, window: CountingWindow) {
  const group = sql<string>`case
      when l.answered_at is not null then
        case when l.answered_at - l.offered_at <= interval '30 seconds' then 'numerator' else 'late' end
      when l.abandoned_at is not null then 'late'
      else 'excluded' end`;
  const wait = sql<number | null>`extract(epoch from l.answered_at - l.offered_at)`;
  const query = ctx.db
    .selectFrom('calls as l')
    .where('l.agency_id', '=', ctx.agency.id)
    .where('l.offered_at', '>=', window.start)
    .where('l.offered_at', '<', window.end);
  return { query, group, wait };
}

/** Interpretation requests completed in the window. */
export function interpretationSource(ctx: CommandContext, window: CountingWindow) {
  const query = ctx.db
    .selectFrom('interpretation_requests as i')
    .where('i.agency_id', '=', ctx.agency.id)
    .where('i.completed_at', '>=', window.start)
    .where('i.completed_at', '<', window.end);
  return { query, group: sql<string>`'numerator'` };
}

type Measure = 'responses' | 'closed' | 'calls' | 'interpretations';

const label = (text: string) => sql<string>`${sql.lit(text)}::text`;

/**
 * One statement: every source of every window (calls and interpretations only `withCalls`), counted per channel and class. Each source classifies its rows in a
 * sub-select and the outer query groups by that class, so the local-day arithmetic runs once per row.
 */
export function countingStatement(
  ctx: CommandContext,
  windows: { which: string; window: CountingWindow }[],
  withCalls: boolean,
) {
  const branches = windows.flatMap(({ which, window }) => {
    const tally = (measure: Measure, channel: RawBuilder<string | null>, wait: RawBuilder<number | null>) =>
      [
        label(which).as('which'),
        label(measure).as('measure'),
        channel.as('channel'),
        sql<string>`x.grp`.as('grp'),
        sql<number>`count(*)`.as('n'),
        sql<number>`count(${wait})`.as('timed'),
        sql<number | null>`sum(${wait})`.as('wait_seconds'),
      ] as const;
    const noWait = sql<number | null>`null::numeric`;
    const responses = responseSource(ctx, window, ['email', 'letter']);
    const closed = closedSource(ctx, window);
    const list = [
      ctx.db
        .selectFrom(responses.query.select(['c.channel', responses.group.as('grp')]).as('x'))
        .select(tally('responses', sql`x.channel`, noWait))
        .groupBy(['x.channel', 'x.grp']),
      ctx.db
        .selectFrom(closed.query.select(['c.channel', closed.group.as('grp')]).as('x'))
        .select(tally('closed', sql`x.channel`, noWait))
        .groupBy(['x.channel', 'x.grp']),
    ];
    if (withCalls) {
      const calls = callSource(ctx, window);
      const interpretations = interpretationSource(ctx, window);
      list.push(
        ctx.db
          .selectFrom(calls.query.select([calls.group.as('grp'), calls.wait.as('wait')]).as('x'))
          .select(tally('calls', sql`null::text`, sql`x.wait`))
          .groupBy('x.grp'),
        ctx.db
          .selectFrom(interpretations.query.select(interpretations.group.as('grp')).as('x'))
          .select(tally('interpretations', sql`null::text`, noWait))
          .groupBy('x.grp'),
      );
    }
    return list;
  });
  return branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]!);
}
