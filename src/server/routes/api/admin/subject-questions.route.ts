// /subjects/:code/questions: a subject's Open311 service definition — the questions a 311 request answers
// (attributes), plus its Open311 description and keywords. Staff read it; administrators replace it.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { getSubjectQuestions, setSubjectQuestions } from '../../../commands/open311/open311-questions.ts';

const Value = Type.Object({ key: Type.String({ maxLength: 100 }), name: Type.String({ maxLength: 200 }) });
const Question = Type.Object({
  code: Type.String({ maxLength: 64 }),
  description: Type.String({ maxLength: 1000 }),
  datatype: Type.Union([
    Type.Literal('string'),
    Type.Literal('number'),
    Type.Literal('datetime'),
    Type.Literal('text'),
    Type.Literal('singlevaluelist'),
    Type.Literal('multivaluelist'),
  ]),
  required: Type.Optional(Type.Boolean()),
  variable: Type.Optional(Type.Boolean()),
  datatypeDescription: Type.Optional(Type.String({ maxLength: 500 })),
  order: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  values: Type.Optional(Type.Array(Value, { maxItems: 200 })),
});
const Definition = Type.Object({
  subjectCode: Type.String(),
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  questions: Type.Array(Question),
  version: Type.Integer(),
});
const params = Type.Object({ code: Type.String({ minLength: 1, maxLength: 61 }) });

/** Registers the subject question routes. */
export function subjectQuestionRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/subjects/:code/questions',
    {
      schema: {
        tags: ['configuration'],
        summary: "A subject's Open311 questions, description and keywords (version 0 when never set).",
        params,
        response: { 200: Definition },
      },
    },
    async (req) => getSubjectQuestions(requireContext(req), req.params.code),
  );

  api.put(
    '/subjects/:code/questions',
    {
      schema: {
        tags: ['configuration'],
        summary: "Replace a subject's Open311 questions; description and keywords when given (administrators).",
        params,
        body: Type.Object({
          questions: Type.Array(Question, { maxItems: 50 }),
          description: Type.Optional(Type.String({ maxLength: 2000 })),
          keywords: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
          expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: { 200: Definition },
      },
    },
    async (req) => setSubjectQuestions(requireContext(req), req.params.code, req.body),
  );
}
