// CSV written by civicdesk (audit exports, import rejects, the mailing log) must not run as a formula when someone opens it in a
// spreadsheet: a cell starting with = + - @ (or a tab / carriage return) gets a leading apostrophe.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as it is safe to write: text starting like a formula is prefixed with an apostrophe. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
