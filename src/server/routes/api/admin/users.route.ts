// /users: staff accounts. Administrators and supervisors list them; administrators create and change them. A
// generated password is answered once as temporaryPassword; password hashes are never answered.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MIN_PASSWORD_LENGTH } from '../../../../domain/password-policy.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  createUser,
  listAgencyUsers,
  resetUserPassword,
  updateUserAccount,
} from '../../../commands/admin/admin-users.ts';
import { PasswordResetAnswer } from '../../../../shared/auth.ts';
import type { UserRecord } from '../../../repositories/configuration/users.ts';
import type { Role } from '../../../db/schema.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { IdParams, ROLES, StaffUserCreatedSchema, StaffUserSchema, stringEnum } from '../../../../shared/admin.ts';

const UnitIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true });

/** A user as the API shows it. */
export function presentUser(user: UserRecord) {
  const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    language: user.language,
    mustChangePassword: user.mustChangePassword,
    locked,
    lockedUntil: locked ? user.lockedUntil!.toISOString() : null,
    failedLogins: user.failedLogins,
    unitIds: user.unitIds,
    managedUnitIds: user.managedUnitIds,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Registers the user routes. */
export function userRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/users',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Staff accounts with unit memberships (administrators, supervisors).',
        response: { 200: Type.Array(StaffUserSchema) },
      },
    },
    async (req) => (await listAgencyUsers(requireContext(req))).map(presentUser),
  );

  api.post(
    '/users',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Create a staff account; without a password one is generated and answered once (administrators).',
        response: { 201: StaffUserCreatedSchema },
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: stringEnum(ROLES),
          password: Type.Optional(Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 })),
          unitIds: Type.Optional(UnitIds),
          managedUnitIds: Type.Optional(UnitIds),
        }),
      },
    },
    async (req, reply) => {
      const { user, temporaryPassword } = await createUser(requireContext(req), {
        ...req.body,
        role: req.body.role as Role,
      });
      return reply.status(201).send({ ...presentUser(user), ...(temporaryPassword ? { temporaryPassword } : {}) });
    },
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Change name, role, active flag or unit memberships, or unlock after failed sign-ins (administrators).',
        params: IdParams,
        response: { 200: StaffUserSchema },
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          role: Type.Optional(stringEnum(ROLES)),
          active: Type.Optional(Type.Boolean()),
          unitIds: Type.Optional(UnitIds),
          managedUnitIds: Type.Optional(UnitIds),
          unlock: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) =>
      presentUser(
        await updateUserAccount(requireContext(req), req.params.id, {
          ...req.body,
          role: req.body.role as Role | undefined,
        }),
      ),
  );

  api.post(
    '/users/:id/password-reset',
    {
      schema: {
        tags: ['configuration'],
        summary:
          "Reset a user's password to a temporary one (answered once, must be changed); ends their sessions and API tokens (administrators).",
        params: IdParams,
        response: { 200: PasswordResetAnswer },
      },
    },
    async (req) => resetUserPassword(requireContext(req), req.params.id),
  );
}
