// Retention (administrators): the rules of an agency, the dry-run report of what a run would remove, and the run.
// Each case is anonymised in its own transaction with an audit event (`case.retention_applied`, naming the rule, no
// personal data); its attachment files are removed once that is committed. A delete rule then deletes the anonymised
// case; a case another record still refers to stays anonymised and is counted as such.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CommandContext } from '../../context.ts';
import { localDate } from '../../../shared/local-time.ts';
import {
  retentionClosedBefore,
  retentionDecision,
  retentionRuleProblems,
  type RetentionDecision,
  type RetentionRule,
} from '../../../domain/retention.ts';
import type { RetentionReport } from '../../../shared/retention.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  anonymiseCaseRows,
  anonymisePersonRow,
  caseContentCounts,
  deleteCaseRows,
  listRetentionRules,
  peopleWithoutOtherCases,
  replaceRetentionRules,
  retentionCandidates,
  type RetentionCandidate,
} from '../../repositories/retention.ts';
import { FieldProblems, requireAdministrator } from '../common.ts';

/** The agency's retention rules (administrators). */
export async function getRetentionRules(ctx: CommandContext) {
  requireAdministrator(ctx, 'see retention rules');
  return { rules: await listRetentionRules(ctx.db, ctx.agency.id) };
}

/** Replaces the agency's retention rules (administrators); each wrong field is named, nothing is changed then. */
export async function setRetentionRules(ctx: CommandContext, rules: RetentionRule[]) {
  requireAdministrator(ctx, 'change retention rules');
  const problems = new FieldProblems();
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    for (const p of retentionRuleProblems(rule)) problems.add(`rules[${i}].${p.field}`, p.message);
    const kind = rule.caseKind.trim();
    if (seen.has(kind)) problems.add(`rules[${i}].caseKind`, `"${kind}" has a rule already`);
    seen.add(kind);
  });
  problems.throwIfAny();
  const clean = rules.map((r) => ({ ...r, caseKind: r.caseKind.trim() }));
  return ctx.db.transaction().execute(async (tx) => {
    const before = await listRetentionRules(tx, ctx.agency.id);
    await replaceRetentionRules(tx, ctx.agency.id, clean);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'retention.rules_changed',
        entityType: 'agency',
        entityId: ctx.agency.slug,
        before: { rules: before },
        after: { rules: clean },
      },
    );
    return { rules: await listRetentionRules(tx, ctx.agency.id) };
  });
}

interface Plan {
  asOf: string;
  due: { candidate: RetentionCandidate; decision: RetentionDecision }[];
}

async function plan(ctx: CommandContext, now: Date): Promise<Plan> {
  const rules = await listRetentionRules(ctx.db, ctx.agency.id);
  const asOf = localDate(now, ctx.agency.timeZone);
  if (rules.length === 0) return { asOf, due: [] };
  const fewest = Math.min(...rules.map((r) => r.years));
  const candidates = await retentionCandidates(
    ctx.db,
    ctx.agency.id,
    retentionClosedBefore(now, fewest, ctx.agency.timeZone),
  );
  const due = [];
  for (const candidate of candidates) {
    const decision = retentionDecision(
      rules,
      {
        subjectCode: candidate.subject_code,
        restricted: candidate.restricted,
        status: candidate.status,
        closedAt: candidate.closed_at,
      },
      now,
      ctx.agency.timeZone,
    );
    if (decision) due.push({ candidate, decision });
  }
  return { asOf, due };
}

function summary(p: Plan) {
  const byKind = new Map<string, RetentionReport['byKind'][number]>();
  for (const { decision } of p.due) {
    const key = decision.rule.caseKind;
    const entry = byKind.get(key) ?? { caseKind: key, action: decision.action, years: decision.rule.years, cases: 0 };
    entry.cases += 1;
    byKind.set(key, entry);
  }
  return {
    byKind: [...byKind.values()],
    cases: p.due.slice(0, 200).map(({ candidate, decision }) => ({
      trackingNumber: candidate.tracking_number,
      action: decision.action,
      dueOn: decision.dueOn,
    })),
  };
}

/** What a run would do now, changing nothing (administrators). */
export async function retentionDryRun(ctx: CommandContext, now = new Date()): Promise<RetentionReport> {
  requireAdministrator(ctx, 'see the retention report');
  const p = await plan(ctx, now);
  const ids = p.due.map((d) => d.candidate.id);
  const [content, people] = await Promise.all([
    caseContentCounts(ctx.db, ctx.agency.id, ids),
    peopleWithoutOtherCases(ctx.db, ctx.agency.id, ids),
  ]);
  return {
    dryRun: true,
    asOf: p.asOf,
    casesAnonymised: p.due.filter((d) => d.decision.action === 'anonymise').length,
    casesDeleted: p.due.filter((d) => d.decision.action === 'delete').length,
    keptAnonymised: 0,
    peopleAnonymised: people.length,
    attachmentsRemoved: content.attachments,
    mailsCleared: content.mails,
    ...summary(p),
  };
}

/** Applies the retention rules now (administrators): see the top of this file. */
export async function runRetention(
  ctx: CommandContext,
  dataDir: string,
  options: { now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<RetentionReport> {
  requireAdministrator(ctx, 'run retention');
  const p = await plan(ctx, options.now ?? new Date());
  const ids = p.due.map((d) => d.candidate.id);
  const [content, people] = await Promise.all([
    caseContentCounts(ctx.db, ctx.agency.id, ids),
    peopleWithoutOtherCases(ctx.db, ctx.agency.id, ids),
  ]);
  let deleted = 0;
  let kept = 0;
  const total = p.due.length + people.length;
  let done = 0;
  for (const { candidate, decision } of p.due) {
    const files = await ctx.db.transaction().execute(async (tx) => {
      const keys = await anonymiseCaseRows(tx, ctx.agency.id, candidate.id);
      await recordAudit(
        tx,
        { ...ctx, db: tx },
        {
          action: 'case.retention_applied',
          entityType: 'case',
          entityId: candidate.tracking_number,
          caseId: candidate.id,
          after: { retention: decision.action, case_kind: decision.rule.caseKind, years: decision.rule.years },
        },
      );
      return keys;
    });
    for (const key of files) await rm(path.join(dataDir, 'attachments', key), { force: true });
    if (decision.action === 'delete') {
      try {
        await ctx.db.transaction().execute((tx) => deleteCaseRows(tx, ctx.agency.id, candidate.id));
        deleted += 1;
      } catch {
        kept += 1;
      }
    }
    options.onProgress?.(++done, total);
  }
  for (const personId of people) {
    await ctx.db.transaction().execute(async (tx) => {
      await anonymisePersonRow(tx, ctx.agency.id, personId);
      await recordAudit(
        tx,
        { ...ctx, db: tx },
        { action: 'person.retention_applied', entityType: 'person', entityId: String(personId), after: {} },
      );
    });
    options.onProgress?.(++done, total);
  }
  return {
    dryRun: false,
    asOf: p.asOf,
    casesAnonymised: p.due.length - deleted,
    casesDeleted: deleted,
    keptAnonymised: kept,
    peopleAnonymised: people.length,
    attachmentsRemoved: content.attachments,
    mailsCleared: content.mails,
    ...summary(p),
  };
}
