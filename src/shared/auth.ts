// The sign-in API's contract: sign in, the signed-in user, colleagues to assign work to, password change, API tokens
// (with their expiry and last use) and an administrator's password reset.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema-helpers.ts';

export const ROLES = ['administrator', 'supervisor', 'caseworker', 'unit_liaison', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Union([
  Type.Literal('administrator'),
  Type.Literal('supervisor'),
  Type.Literal('caseworker'),
  Type.Literal('unit_liaison'),
  Type.Literal('auditor'),
]);

export const SignInBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.String({ maxLength: 1000 }),
});
/** MIN_PASSWORD_LENGTH of domain/password-policy.ts (kept here as a number: the policy module loads dictionaries). */
export const PASSWORD_MIN_LENGTH = 12;
export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ maxLength: 1000 }),
  newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 1000 }),
});
export const CreateApiTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  expiresInDays: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Days the token lives; default and maximum are set by the operator.' }),
  ),
});
export const ApiTokenParams = Type.Object({ id: Type.Integer() });

// ---- responses ----

export const SignedInSchema = Type.Object({
  csrfToken: Type.String(),
  user: Type.Object({
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    mustChangePassword: Type.Boolean(),
  }),
});

export const CurrentUserSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  unitIds: Type.Array(Type.Integer()),
  mustChangePassword: Type.Boolean(),
  agency: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), timeZone: Type.String() }),
  csrfToken: Type.Optional(Type.String({ description: 'With a session cookie: the token to send on changes.' })),
});

/** A colleague from GET /staff: enough to assign work to them, no contact details. */
export const ColleagueSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: RoleSchema,
  unitIds: Type.Array(Type.Integer()),
});
export const ColleagueListSchema = Type.Array(ColleagueSchema);

export const ApiTokenCreatedSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  token: Type.String({ description: 'The secret, shown this once.' }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export const ApiTokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  userId: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time', description: 'Last use, to the hour.' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  expiresAt: Type.String({ format: 'date-time' }),
  expired: Type.Boolean(),
});
export const ApiTokenListSchema = Type.Array(ApiTokenSchema);

/** POST /users/:id/password-reset (administrators). */
export const PasswordResetAnswer = Type.Object({
  temporaryPassword: Type.String({ description: 'Shown once; the user must change it at the next sign-in.' }),
  sessionsEnded: Type.Integer(),
  apiTokensRevoked: Type.Integer(),
});

/** The signed-in user as the console keeps it (sign-in answer or /auth/me). */
export type SignedInUser = Static<typeof SignedInSchema>['user'] &
  Partial<Pick<Static<typeof CurrentUserSchema>, 'unitIds' | 'agency'>>;
export type Colleague = Static<typeof ColleagueSchema>;
export type CreateApiTokenBodyType = Static<typeof CreateApiTokenBody>;
export type ApiTokenSummaryType = Static<typeof ApiTokenSchema>;
