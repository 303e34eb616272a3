// A server-side check the configuration PATCH routes share (it throws an AppError, so it cannot live in src/shared).
import { invalid } from '../../../errors.ts';

/** Refuses a rename-or-(de)activate PATCH that changes nothing (an empty body is a mistake, not a no-op). */
export function requireSomeChange(body: { name?: string | undefined; active?: boolean | undefined }): void {
  if (body.name === undefined && body.active === undefined) {
    throw invalid('body', 'send name or active (or both); an empty change does nothing');
  }
}
