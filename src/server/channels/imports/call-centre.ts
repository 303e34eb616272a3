// Call-centre exports: call records (call_id, queue, offered_at, answered_at, abandoned_at, ended_at, agent,
// language) and interpretation requests (requested_at, language, mode, completed_at), validated (a call is answered
// or abandoned, not both; times in order) and stored idempotently for the call indicators.
import { analyzeImportedTable } from '../../repositories/imports.ts';
import { upsertCalls, type CallValues } from '../../repositories/calls.ts';
import { insertInterpretationRequests, type InterpretationValues } from '../../repositories/interpretations.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { hashValues } from './case-writer.ts';
import { RowRejected, type ImportHandler } from './import-runner.ts';
import { parseImportTime } from './import-times.ts';

const languageNames = new Map<string, string>();
for (const language of LANGUAGES) {
  for (const name of [language.code, language.name, language.nativeName])
    languageNames.set(name.toLowerCase(), language.code);
}
languageNames.set('haitian', 'ht').set('creole', 'ht').set('mandarin', 'zh').set('cantonese', 'zh');

/** A language as a code when it is one civicdesk knows ("Spanish" → es), else the text as given (lower case). */
export function normalizeLanguage(text: string): string | null {
  const value = text.trim().toLowerCase();
  if (!value) return null;
  return languageNames.get(value) ?? value.slice(0, 50);
}

const FUTURE_TOLERANCE_MS = 5 * 60_000;

function timeOf(get: (c: string) => string, column: string, timeZone: string, required = false): Date | null {
  const text = get(column);
  if (!text) {
    if (required) throw new RowRejected(column, 'is empty');
    return null;
  }
  const value = parseImportTime(text, timeZone);
  if (!value) throw new RowRejected(column, `"${text.slice(0, 40)}" is not an ISO 8601 date and time`);
  if (value.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw new RowRejected(column, 'is in the future');
  if (value.getTime() < Date.UTC(1990, 0, 1)) throw new RowRejected(column, 'is before 1990');
  return value;
}

function notBefore(later: Date | null, laterColumn: string, earlier: Date | null, earlierColumn: string): void {
  if (later && earlier && later < earlier) throw new RowRejected(laterColumn, `is before ${earlierColumn}`);
}

const short = (value: string, column: string, max = 200) => {
  if (value.length > max) throw new RowRejected(column, `is longer than ${max} characters`);
  return value;
};

/** The handler of `civicdesk import calls`. */
export function callsHandler(agency: { id: number; timeZone: string }): ImportHandler<CallValues> {
  return {
    kind: 'calls',
    keyColumn: 'call_id',
    duplicateOf: 'same call_id',
    columns: [
      { name: 'call_id', required: true },
      { name: 'queue' },
      { name: 'offered_at', required: true },
      { name: 'answered_at' },
      { name: 'abandoned_at' },
      { name: 'ended_at' },
      { name: 'agent' },
      { name: 'language' },
    ],
    parse(get) {
      const callId = short(get('call_id'), 'call_id', 100);
      if (!callId) throw new RowRejected('call_id', 'is empty');
      const offered = timeOf(get, 'offered_at', agency.timeZone, true)!;
      const answered = timeOf(get, 'answered_at', agency.timeZone);
      const abandoned = timeOf(get, 'abandoned_at', agency.timeZone);
      const ended = timeOf(get, 'ended_at', agency.timeZone);
      if (answered && abandoned) throw new RowRejected('abandoned_at', 'a call is answered or abandoned, not both');
      notBefore(answered, 'answered_at', offered, 'offered_at');
      notBefore(abandoned, 'abandoned_at', offered, 'offered_at');
      notBefore(
        ended,
        'ended_at',
        answered ?? abandoned ?? offered,
        answered ? 'answered_at' : abandoned ? 'abandoned_at' : 'offered_at',
      );
      const values = {
        call_id: callId,
        queue: short(get('queue'), 'queue'),
        offered_at: offered.toISOString(),
        answered_at: answered?.toISOString() ?? null,
        abandoned_at: abandoned?.toISOString() ?? null,
        ended_at: ended?.toISOString() ?? null,
        agent: short(get('agent'), 'agent') || null,
        language: normalizeLanguage(get('language')),
      };
      return { key: callId, value: { ...values, row_hash: hashValues(values) } };
    },
    async analyze(on) {
      await analyzeImportedTable(on, 'calls');
    },
    async write(tx, rows, runId) {
      const { created, updated } = await upsertCalls(
        tx,
        agency.id,
        runId,
        rows.map((r) => r.value),
      );
      return { created, updated, unchanged: rows.length - created - updated };
    },
  };
}

/** The handler of `civicdesk import interpretations`. */
export function interpretationsHandler(agency: { id: number; timeZone: string }): ImportHandler<InterpretationValues> {
  return {
    kind: 'interpretations',
    keyColumn: 'requested_at',
    duplicateOf: 'the same request: every column equal',
    columns: [
      { name: 'requested_at', required: true },
      { name: 'language', required: true },
      { name: 'mode' },
      { name: 'completed_at' },
    ],
    parse(get) {
      const requested = timeOf(get, 'requested_at', agency.timeZone, true)!;
      const language = normalizeLanguage(get('language'));
      if (!language) throw new RowRejected('language', 'is empty');
      const completed = timeOf(get, 'completed_at', agency.timeZone);
      notBefore(completed, 'completed_at', requested, 'requested_at');
      const values = {
        requested_at: requested.toISOString(),
        language,
        mode: short(get('mode').toLowerCase(), 'mode', 50) || null,
        completed_at: completed?.toISOString() ?? null,
      };
      const hash = hashValues(values);
      return { key: hash, value: { ...values, row_hash: hash } };
    },
    async analyze(on) {
      await analyzeImportedTable(on, 'interpretation_requests');
    },
    async write(tx, rows, runId) {
      const created = await insertInterpretationRequests(
        tx,
        agency.id,
        runId,
        rows.map((r) => r.value),
      );
      return { created, updated: 0, unchanged: rows.length - created };
    },
  };
}
