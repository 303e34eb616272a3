// The shapes of what a new agency starts with (starter-configuration.ts and its presets such as
// starter-child-support.ts): units, subjects, routing rules and service standards, named by code.
import type { RuleActions, RuleConditions, StandardMatch, Target } from '../domain/types.ts';

/** A unit a new agency starts with. */
export interface StarterUnit {
  code: string;
  name: string;
}

/** A subject of the coding scheme; `parentCode` nests it under another. */
export interface StarterSubject {
  code: string;
  name: string;
  parentCode?: string;
}

/** A routing rule, naming its unit by code. */
export interface StarterRule {
  name: string;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing: boolean;
}

/** A service standard: the cases it matches and their first-response and resolution targets. */
export interface StarterStandard {
  name: string;
  match: StandardMatch;
  firstResponse: Target;
  resolution: Target;
  warningPercent: number;
}
