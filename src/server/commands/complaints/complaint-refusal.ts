// The one refusal of the complaint commands: every field at fault named in one validation_failed (400).
import { AppError, type ErrorDetail } from '../../errors.ts';

/** Throws one validation_failed naming every field at fault, if any. */
export function refuse(problems: ErrorDetail[]): void {
  if (problems.length) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}
