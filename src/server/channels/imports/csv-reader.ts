// A streaming RFC 4180 CSV reader for imports: records come out in small arrays as the bytes arrive (constant
// memory), each with the line it starts on; a structurally broken record (text after a closing quote) is
// reported as an error record and reading goes on; a quote that is never closed stops the file. See ADR 0003 for
// why this is not csv-parse (speed).
import { StringDecoder } from 'node:string_decoder';

/** One record: its fields, or why it could not be read; `line` is the 1-based line it starts on. */
export type CsvRecord = { line: number; fields: string[]; error?: undefined } | { line: number; error: string };

/** A problem that ends the reading of the whole file (e.g. a quote that is never closed). */
export class CsvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvReaderOptions {
  /** How the bytes are decoded: 'utf8' (default; invalid bytes become U+FFFD and are rejected per row) or 'latin1'. */
  encoding?: 'utf8' | 'latin1';
  /** The longest record accepted; a longer one (usually an unclosed quote) stops the file. */
  maxRecordChars?: number;
  /** Called with the number of bytes read so far, after each chunk. */
  onBytes?: (bytes: number) => void;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const DELIMITER = /[,\r\n]/g;

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

interface ParseState {
  line: number;
}

/**
 * Parses the complete records of `text` from `start`; returns where the unfinished tail begins (it is parsed
 * again with the next chunk). At the end of the input (`final`) every record is complete.
 */
function parseRecords(text: string, final: boolean, state: ParseState, out: CsvRecord[]): number {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const recordStart = i;
    const line = state.line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let value = '';
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) break;
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) break; // the next chunk may start with the second quote of an escaped pair
          value += text.slice(j, q);
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!final) return recordStart;
          throw new CsvFileError(line, 'a quoted field opened on this line is never closed (unbalanced quotes)');
        }
        fields.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF || c === CR || c === -1) break;
        // Text after a closing quote: the record is broken; skip to the end of its line.
        error = `unexpected text after a closing quote in field ${fields.length}`;
        const end = text.indexOf('\n', i);
        if (end === -1) {
          if (!final) return recordStart;
          i = n;
        } else i = end;
        break;
      }
      DELIMITER.lastIndex = i;
      const j = DELIMITER.test(text) ? DELIMITER.lastIndex - 1 : n;
      if (j >= n && !final) return recordStart;
      fields.push(text.slice(i, j));
      i = j;
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    // End of record: CRLF, LF, CR or end of input.
    if (i < n && text.charCodeAt(i) === CR) {
      if (i + 1 >= n && !final) return recordStart;
      i++;
      if (i < n && text.charCodeAt(i) === LF) i++;
    } else if (i < n && text.charCodeAt(i) === LF) i++;
    state.line += countNewlines(text, recordStart, i);
    if (error) out.push({ line, error });
    else if (!(fields.length === 1 && fields[0] === '')) out.push({ line, fields });
  }
  return n;
}

/** Reads CSV records from a byte stream, a few hundred at a time, with their starting line numbers. */
export async function* readCsvRecords(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: CsvReaderOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder(options.encoding ?? 'utf8');
  const maxRecordChars = options.maxRecordChars ?? 16 * 1024 * 1024;
  const state: ParseState = { line: 1 };
  let pending = '';
  let bytes = 0;
  let first = true;
  for await (const chunk of source) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const out: CsvRecord[] = [];
    const consumed = parseRecords(text, false, state, out);
    pending = consumed >= text.length ? '' : text.slice(consumed);
    if (pending.length > maxRecordChars) {
      throw new CsvFileError(
        state.line,
        `a record longer than ${maxRecordChars} characters starts here (probably an unbalanced quote)`,
      );
    }
    options.onBytes?.(bytes);
    if (out.length) yield out;
  }
  const rest = pending + decoder.end();
  if (rest.length) {
    const out: CsvRecord[] = [];
    parseRecords(first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest, true, state, out);
    if (out.length) yield out;
  }
}
