// Retention settings and reports (/api/v1/retention): the contract shared by the server and the console.
import { Type, type Static } from '@sinclair/typebox';

export const RetentionRuleSchema = Type.Object({
  /** A subject code, '*' for every other case, '#restricted' for restricted cases. */
  caseKind: Type.String({ minLength: 1, maxLength: 60 }),
  years: Type.Integer(),
  action: Type.Union([Type.Literal('anonymise'), Type.Literal('delete')]),
});
export type RetentionRuleInput = Static<typeof RetentionRuleSchema>;

export const RetentionRulesSchema = Type.Object({ rules: Type.Array(RetentionRuleSchema, { maxItems: 500 }) });
export type RetentionRules = Static<typeof RetentionRulesSchema>;

export const RetentionReportSchema = Type.Object({
  /** True for a dry run: nothing was changed. */
  dryRun: Type.Boolean(),
  /** The agency's local date the run counted from. */
  asOf: Type.String(),
  casesAnonymised: Type.Integer(),
  casesDeleted: Type.Integer(),
  /** Cases a delete rule named that stay anonymised because another record still refers to them. */
  keptAnonymised: Type.Integer(),
  peopleAnonymised: Type.Integer(),
  attachmentsRemoved: Type.Integer(),
  mailsCleared: Type.Integer(),
  byKind: Type.Array(
    Type.Object({
      caseKind: Type.String(),
      action: Type.Union([Type.Literal('anonymise'), Type.Literal('delete')]),
      years: Type.Integer(),
      cases: Type.Integer(),
    }),
  ),
  /** The first cases that go (tracking number, what happens, the date it became due), at most 200. */
  cases: Type.Array(
    Type.Object({
      trackingNumber: Type.String(),
      action: Type.Union([Type.Literal('anonymise'), Type.Literal('delete')]),
      dueOn: Type.String(),
    }),
  ),
});
export type RetentionReport = Static<typeof RetentionReportSchema>;
