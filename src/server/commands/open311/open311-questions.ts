// A subject's Open311 service definition: its description, keywords and the questions a 311 request answers
// (the attributes of GET services/{code}). Administrators set them; each change is versioned and audited.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getSubjectForUpdate } from '../../repositories/configuration/subjects.ts';
import {
  findService,
  getServiceDefinitionForUpdate,
  saveServiceDefinition,
  type ServiceDefinitionRecord,
} from '../../repositories/open311.ts';
import { normalizeQuestions, type QuestionInput } from '../../channels/open311/service-definitions.ts';
import { checkVersion, requireAdministrator } from '../common.ts';

export interface SetQuestionsInput {
  questions: QuestionInput[];
  description?: string | undefined;
  keywords?: string[] | undefined;
  expectedVersion?: number | undefined;
}

/** The stored definition of a subject (empty when none was saved); 404 for an unknown subject. */
export async function getSubjectQuestions(ctx: CommandContext, code: string): Promise<ServiceDefinitionRecord> {
  const wanted = code.trim().toUpperCase();
  const service = await findService(ctx.db, ctx.agency.id, wanted, { includeInactive: true });
  if (!service) throw notFound(`Subject ${wanted}`);
  return {
    subjectCode: service.code,
    description: service.description,
    keywords: service.keywords,
    questions: service.questions,
    version: service.version,
  };
}

/** Replaces a subject's questions (and, when given, its Open311 description and keywords). */
export async function setSubjectQuestions(
  ctx: CommandContext,
  code: string,
  input: SetQuestionsInput,
): Promise<ServiceDefinitionRecord> {
  requireAdministrator(ctx, 'change the questions of a subject');
  const { questions, problems } = normalizeQuestions(input.questions);
  const keywords = input.keywords?.map((k) => k.trim()).filter(Boolean);
  if (keywords?.some((k) => k.includes(','))) problems.push({ field: 'keywords', message: 'must not contain commas' });
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  const wanted = code.trim().toUpperCase();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await getSubjectForUpdate(tx, ctx.agency.id, wanted))) throw notFound(`Subject ${wanted}`);
    const current = await getServiceDefinitionForUpdate(tx, ctx.agency.id, wanted);
    checkVersion(`The questions of subject ${wanted}`, current?.version ?? 0, input.expectedVersion);
    const next = await saveServiceDefinition(tx, ctx.agency.id, {
      subjectCode: wanted,
      description: input.description?.trim() ?? current?.description ?? '',
      keywords: keywords ?? current?.keywords ?? [],
      questions,
    });
    await recordAudit(tx, ctx, {
      action: 'subject.questions_set',
      entityType: 'subject',
      entityId: wanted,
      before: current
        ? { description: current.description, keywords: current.keywords, questions: current.questions }
        : null,
      after: { description: next.description, keywords: next.keywords, questions: next.questions },
    });
    return next;
  });
}
