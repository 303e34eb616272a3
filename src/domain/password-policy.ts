// What a password must be: at least 12 characters and not guessable from the common and breached-password lists,
// English words, names, keyboard patterns or the user's own details. zxcvbn-ts estimates the guesses an attacker with
// those lists needs; a score of 3 ("safely unguessable") or more is required. Pure: the lists ship with the packages.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_MIN_LENGTH } from '../shared/auth.ts';

export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;
/** zxcvbn's score: 0 too guessable … 4 very unguessable. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

// Loading the dictionaries takes about a tenth of a second; only the first check pays it.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * Why a password may not be used, as a phrase that completes "The password …", or null when it is acceptable.
 * `userInputs` are the user's own details (email, name) and the product's name, which make a password guessable.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  const inputs = [
    'civicdesk',
    ...userInputs.flatMap((input) => [input, input.split('@')[0]!, ...input.split(/[@.\s]+/)]),
  ].filter((input) => input.length >= 3);
  // zxcvbn's cost grows with length; beyond 100 characters the first 100 decide.
  const result = zxcvbn().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? null;
  return `is too easy to guess (it is a common or breached password, or built from words, names or patterns)${
    hint ? `: ${hint.replace(/\.$/, '').toLowerCase()}` : ''
  }`;
}
