// Open311 GeoReport v2's answers as civicdesk documents them: the standard's own JSON and XML bodies, rendered by
// routes/open311/open311-render.ts (already serialised text, so these schemas document and never drop anything).
import { Type, type Static } from '@sinclair/typebox';

const spec = 'Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2)';

/** The Open311 answer of one operation in one format (json, xml) or both (a {file} path with either suffix). */
export function open311Answer(format: 'json' | 'xml' | 'either', description: string) {
  const json = { 'application/json': { schema: Type.Unknown({ description: `${description}: ${spec}.` }) } };
  const xml = { 'text/xml': { schema: Type.String({ description: `${description}: ${spec}, XML.` }) } };
  return {
    description,
    content: format === 'json' ? json : format === 'xml' ? xml : { ...json, ...xml },
  };
}

/** An Open311 API key as listed (never its secret). */
export const Open311KeySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
/** A new Open311 key: the secret is in this answer only. */
export const Open311KeyCreatedSchema = Type.Intersect([Open311KeySchema, Type.Object({ apiKey: Type.String() })]);
export type Open311Key = Static<typeof Open311KeySchema>;
export type Open311KeyCreated = Static<typeof Open311KeyCreatedSchema>;
