// Request and response schemas of the credential operations: API tokens (with their expiry and last use) and an
// administrator's password reset. Shared by the server routes and the console.
import { Type, type Static } from '@sinclair/typebox';

export const CreateApiTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  expiresInDays: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Days the token lives; default and maximum are set by the operator.' }),
  ),
});

export const CreatedApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  token: Type.String({ description: 'The secret, shown this once.' }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const ApiTokenSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  userId: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Last use, to the hour.',
  }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.String({ format: 'date-time' }),
  expired: Type.Boolean(),
});

export const ApiTokenList = Type.Array(ApiTokenSummary);

export const PasswordResetAnswer = Type.Object({
  temporaryPassword: Type.String({ description: 'Shown once; the user must change it at the next sign-in.' }),
  sessionsEnded: Type.Integer(),
  apiTokensRevoked: Type.Integer(),
});

export type CreateApiTokenBodyType = Static<typeof CreateApiTokenBody>;
export type ApiTokenSummaryType = Static<typeof ApiTokenSummary>;
