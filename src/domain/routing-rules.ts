// Routing-rule evaluation: which unit, priority, service standard and tags an incoming item gets from the
// agency's ordered rules, and a per-condition explanation for the admin "test this rule against a sample" view.
// Word conditions match whole words or phrases in any script, ignoring case.

import type { Priority, RuleActions, RuleConditions, WriterType } from './types.ts';
import { subjectMatchesAny, valueMatchesAny } from './service-standards.ts';

export interface RoutingRule {
  id: number;
  name: string;
  position: number;
  active: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing: boolean;
}

export interface RoutingItem {
  channel: string;
  subject: string | null;
  /** Everything searchable for words: the subject line and the body. */
  text: string;
  writerType: WriterType;
  language: string;
  facility: string | null;
}

export interface RoutingResult {
  unitCode?: string;
  priority?: Priority;
  serviceStandardId?: number;
  tags: string[];
  matched: { id: number; name: string }[];
}

export interface RuleConditionCheck {
  field: keyof RuleConditions;
  expected: string[];
  /** The item's value; for `words`, the words and phrases found in the text. */
  actual: string | string[] | null;
  matched: boolean;
}

const CONDITION_FIELDS = ['channel', 'subject', 'words', 'writerType', 'language', 'facility'] as const;

// Scripts written without spaces between words: a phrase in them cannot demand a word boundary.
const SPACELESS_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const NO_WORD_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}])';
const NO_WORD_AFTER = '(?![\\p{L}\\p{N}\\p{M}])';
const patterns = new Map<string, RegExp | null>();
const PATTERN_CACHE_LIMIT = 10_000;

// Composed and decomposed accents ("calefacción") and typographic apostrophes must compare equal.
function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/[\u2018\u2019\u02BC]/g, "'");
}

function needsBoundary(character: string | undefined): boolean {
  return character !== undefined && WORD_CHARACTER.test(character) && !SPACELESS_SCRIPT.test(character);
}

function phrasePattern(phrase: string): RegExp | null {
  let pattern = patterns.get(phrase);
  if (pattern !== undefined) return pattern;
  const normalized = normalizeText(phrase).trim();
  if (normalized === '') {
    pattern = null;
  } else {
    const characters = [...normalized];
    const body = normalized
      .split(/\s+/u)
      .map((word) => word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))
      .join('\\s+');
    const before = needsBoundary(characters[0]) ? NO_WORD_BEFORE : '';
    const after = needsBoundary(characters[characters.length - 1]) ? NO_WORD_AFTER : '';
    pattern = new RegExp(`${before}${body}${after}`, 'iu');
  }
  if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
  patterns.set(phrase, pattern);
  return pattern;
}

/** The words and phrases of `words` that occur in `text` as whole words, ignoring case, in any script. */
export function findWords(text: string, words: readonly string[]): string[] {
  const normalized = normalizeText(text);
  return words.filter((word) => phrasePattern(word)?.test(normalized) ?? false);
}

// 'es' covers 'es-MX': a rule for a language should not miss its regional variants.
function languageMatchesAny(language: string, codes: readonly string[]): boolean {
  const wanted = language.toLowerCase();
  return codes.some((code) => {
    const base = code.toLowerCase();
    return wanted === base || wanted.startsWith(`${base}-`);
  });
}

function checkCondition(field: keyof RuleConditions, expected: readonly string[], item: RoutingItem): boolean {
  switch (field) {
    case 'channel':
      return valueMatchesAny(item.channel, expected);
    case 'subject':
      return subjectMatchesAny(item.subject, expected);
    case 'words': {
      const text = normalizeText(item.text);
      return expected.some((word) => phrasePattern(word)?.test(text) ?? false);
    }
    case 'writerType':
      return valueMatchesAny(item.writerType, expected);
    case 'language':
      return languageMatchesAny(item.language, expected);
    case 'facility':
      return valueMatchesAny(item.facility, expected);
  }
}

// An absent or empty list places no condition, so a rule without conditions matches every item.
function presentConditions(conditions: RuleConditions): [keyof RuleConditions, string[]][] {
  const present: [keyof RuleConditions, string[]][] = [];
  for (const field of CONDITION_FIELDS) {
    const expected = conditions[field];
    if (expected && expected.length > 0) present.push([field, expected]);
  }
  return present;
}

/** Whether every condition of the rule holds for the item (AND across fields, OR within a list). */
export function ruleMatches(conditions: RuleConditions, item: RoutingItem): boolean {
  return presentConditions(conditions).every(([field, expected]) => checkCondition(field, expected, item));
}

/**
 * Runs the active rules in position order: the first matching rule to set a unit, priority or standard wins it,
 * tags accumulate without duplicates, and a matching rule marked stopProcessing ends the run.
 */
export function evaluateRules(rules: readonly RoutingRule[], item: RoutingItem): RoutingResult {
  const result: RoutingResult = { tags: [], matched: [] };
  const ordered = rules.filter((rule) => rule.active).sort((a, b) => a.position - b.position || a.id - b.id);
  for (const rule of ordered) {
    if (!ruleMatches(rule.conditions, item)) continue;
    result.matched.push({ id: rule.id, name: rule.name });
    const { unitCode, priority, serviceStandardId, tags } = rule.actions;
    if (result.unitCode === undefined && unitCode !== undefined) result.unitCode = unitCode;
    if (result.priority === undefined && priority !== undefined) result.priority = priority;
    if (result.serviceStandardId === undefined && serviceStandardId !== undefined) {
      result.serviceStandardId = serviceStandardId;
    }
    for (const tag of tags ?? []) if (!result.tags.includes(tag)) result.tags.push(tag);
    if (rule.stopProcessing) break;
  }
  return result;
}

/** Each condition of a rule checked against a sample item, with what was expected and what the item had. */
export function describeRuleMatch(rule: Pick<RoutingRule, 'conditions'>, item: RoutingItem): RuleConditionCheck[] {
  return presentConditions(rule.conditions).map(([field, expected]) => {
    if (field === 'words') {
      const found = findWords(item.text, expected);
      return { field, expected: [...expected], actual: found, matched: found.length > 0 };
    }
    const actual = field === 'subject' ? item.subject : field === 'facility' ? item.facility : item[field];
    return { field, expected: [...expected], actual, matched: checkCondition(field, expected, item) };
  });
}
