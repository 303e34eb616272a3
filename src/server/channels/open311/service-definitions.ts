// Subjects as Open311 services: the service list entry, the service definition (attributes from the subject's
// questions), the check of an administrator's questions, and the check of the attribute answers of a request.
import type { Open311Question } from '../../db/schema.ts';
import type { ErrorDetail } from '../../errors.ts';
import type { ServiceRecord } from '../../repositories/open311.ts';
import { parseOpen311DateTime } from './open311-time.ts';

/**
 * Every service is 'realtime': POST requests answers with the service_request_id (the tracking number) at once,
 * so tokens are never handed out.
 */
export const SERVICE_TYPE = 'realtime';

export const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_STRING_ANSWER = 1000;
const MAX_TEXT_ANSWER = 4000;
const MAX_QUESTIONS = 50;
const MAX_VALUES = 200;

/** One entry of GET services. */
export function presentService(service: ServiceRecord) {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.questions.length > 0,
    type: SERVICE_TYPE,
    keywords: service.keywords.join(', '),
    group: service.groupName ?? service.name,
  };
}

/** GET services/{code}: the service definition with its attributes in their order. */
export function presentServiceDefinition(service: ServiceRecord) {
  return {
    service_code: service.code,
    attributes: [...service.questions]
      .sort((a, b) => a.order - b.order)
      .map((q) => ({
        variable: q.variable,
        code: q.code,
        datatype: q.datatype,
        required: q.required,
        datatype_description: q.datatypeDescription ?? '',
        order: q.order,
        description: q.description,
        ...(q.values && q.values.length > 0 ? { values: q.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
      })),
  };
}

/** A question as an administrator sends it (JSON API, camelCase). */
export interface QuestionInput {
  code: string;
  description: string;
  datatype: string;
  required?: boolean | undefined;
  variable?: boolean | undefined;
  datatypeDescription?: string | undefined;
  order?: number | undefined;
  values?: { key: string; name: string }[] | undefined;
}

/** Checks an administrator's questions; returns them normalized (order filled in) and every problem found. */
export function normalizeQuestions(input: QuestionInput[]): { questions: Open311Question[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  if (input.length > MAX_QUESTIONS) problems.push({ field: 'questions', message: `at most ${MAX_QUESTIONS}` });
  const questions = input.map((q, index): Open311Question => {
    const field = `questions.${index}`;
    const code = q.code.trim();
    if (!CODE.test(code)) {
      problems.push({ field: `${field}.code`, message: 'uses A-Z, a-z, 0-9, _ and - (1-64 characters)' });
    } else if (seen.has(code)) {
      problems.push({ field: `${field}.code`, message: `"${code}" is used twice` });
    }
    seen.add(code);
    if (!(DATATYPES as readonly string[]).includes(q.datatype)) {
      problems.push({ field: `${field}.datatype`, message: `must be one of ${DATATYPES.join(', ')}` });
    }
    if (!q.description.trim()) problems.push({ field: `${field}.description`, message: 'must not be blank' });
    const isList = q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist';
    const values = (q.values ?? []).map((v) => ({ key: v.key.trim(), name: v.name.trim() }));
    if (isList && values.length === 0) {
      problems.push({ field: `${field}.values`, message: 'a list question needs at least one value' });
    }
    if (!isList && values.length > 0) {
      problems.push({ field: `${field}.values`, message: 'only singlevaluelist and multivaluelist have values' });
    }
    if (values.length > MAX_VALUES) problems.push({ field: `${field}.values`, message: `at most ${MAX_VALUES}` });
    const keys = new Set<string>();
    values.forEach((v, i) => {
      if (!v.key || !v.name) problems.push({ field: `${field}.values.${i}`, message: 'needs a key and a name' });
      if (keys.has(v.key)) problems.push({ field: `${field}.values.${i}.key`, message: `"${v.key}" is used twice` });
      keys.add(v.key);
    });
    const order = q.order ?? index + 1;
    if (!Number.isInteger(order) || order < 0) {
      problems.push({ field: `${field}.order`, message: 'must be a whole number ≥ 0' });
    }
    return {
      code,
      variable: q.variable ?? true,
      datatype: q.datatype as Open311Question['datatype'],
      required: q.required ?? false,
      description: q.description.trim(),
      ...(q.datatypeDescription?.trim() ? { datatypeDescription: q.datatypeDescription.trim() } : {}),
      order,
      ...(isList ? { values } : {}),
    };
  });
  return { questions, problems };
}

/**
 * Checks the attribute answers of a request against the service's questions: required ones answered, numbers,
 * dates and list keys valid, no unknown codes. Returns the answers to store (one string, or a list for
 * multivaluelist) and adds a problem per bad attribute.
 */
export function checkAttributes(
  questions: Open311Question[],
  answers: Map<string, string[]>,
  timeZone: string,
  problems: ErrorDetail[],
): Record<string, string | string[]> {
  const byCode = new Map(questions.filter((q) => q.variable).map((q) => [q.code, q]));
  const stored: Record<string, string | string[]> = {};
  for (const code of answers.keys()) {
    if (!byCode.has(code)) {
      problems.push({ field: `attribute[${code}]`, message: 'is not an attribute of this service' });
    }
  }
  for (const question of byCode.values()) {
    const field = `attribute[${question.code}]`;
    const given = (answers.get(question.code) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (given.length === 0) {
      if (question.required) problems.push({ field, message: `is required: ${question.description}` });
      continue;
    }
    if (question.datatype !== 'multivaluelist' && given.length > 1) {
      problems.push({ field, message: 'takes one value' });
      continue;
    }
    const keys = new Set((question.values ?? []).map((v) => v.key));
    const value = given[0]!;
    switch (question.datatype) {
      case 'number':
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) || !Number.isFinite(Number(value))) {
          problems.push({ field, message: 'must be a number' });
        }
        break;
      case 'datetime':
        if (!parseOpen311DateTime(value, timeZone)) {
          problems.push({ field, message: 'must be an ISO 8601 date-time such as 2026-03-01T09:30:00-05:00' });
        }
        break;
      case 'string':
        if ([...value].length > MAX_STRING_ANSWER) {
          problems.push({ field, message: `is longer than ${MAX_STRING_ANSWER} characters` });
        }
        break;
      case 'text':
        if ([...value].length > MAX_TEXT_ANSWER) {
          problems.push({ field, message: `is longer than ${MAX_TEXT_ANSWER} characters` });
        }
        break;
      case 'singlevaluelist':
      case 'multivaluelist': {
        const unknown = given.filter((v) => !keys.has(v));
        if (unknown.length > 0) {
          problems.push({ field, message: `"${unknown[0]}" is not one of ${[...keys].join(', ')}` });
        }
        break;
      }
    }
    stored[question.code] = question.datatype === 'multivaluelist' ? [...new Set(given)] : value;
  }
  return stored;
}
