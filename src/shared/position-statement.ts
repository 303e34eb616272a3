// The contract of a state hearing's position statement: the facts, citations, witnesses and numbered exhibits
// (attachments of the complaint's case, in the order chosen) staff write, and the PDF packet assembled from them.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema-helpers.ts';

export const PositionStatementBodySchema = Type.Object(
  {
    facts: Type.String({ maxLength: 50_000, description: 'The facts of the case as the office states them' }),
    citations: Type.Optional(Nullable(Type.String({ maxLength: 20_000, description: 'Laws, regulations, policy' }))),
    witnesses: Type.Optional(Nullable(Type.String({ maxLength: 10_000, description: 'One witness a line' }))),
    exhibitIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
        maxItems: 200,
        description: "Attachments of the complaint's case, numbered as exhibits in this order",
      }),
    ),
  },
  { additionalProperties: false },
);
export type PositionStatementBody = Static<typeof PositionStatementBodySchema>;

export const PositionStatementSchema = Type.Object({
  hearingId: Type.Integer(),
  facts: Nullable(Type.String()),
  citations: Nullable(Type.String()),
  witnesses: Nullable(Type.String()),
  exhibits: Type.Array(Type.Object({ number: Type.Integer(), attachmentId: Type.Integer(), filename: Type.String() })),
  /** Attachments of the complaint's case that may be chosen as exhibits. */
  available: Type.Array(Type.Object({ attachmentId: Type.Integer(), filename: Type.String() })),
});
export type PositionStatement = Static<typeof PositionStatementSchema>;
