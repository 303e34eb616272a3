// Sign-in, sign-out, who am I, password change, and API tokens for integrations.
import {
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  ApiTokenParams,
  ChangePasswordBody,
  ColleagueListSchema,
  CreateApiTokenBody,
  CurrentUserSchema,
  SignedInSchema,
  SignInBody,
  type Role,
} from '../../../../shared/auth.ts';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signIn, signOut } from '../../../commands/auth/sign-in.ts';
import { SESSION_COOKIE, requireContext } from '../../../auth/authenticate.ts';
import { tokenDigest } from '../../../auth/credentials.ts';
import { sessionCsrfToken } from '../../../repositories/credentials.ts';
import { listColleagues, mustChangePassword } from '../../../repositories/configuration/users.ts';
import { createApiToken, listApiTokens, revokeApiToken, changePassword } from '../../../commands/auth/credentials.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { AppError } from '../../../errors.ts';

export function authRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/auth/login',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; answers with a session cookie and the CSRF token to send on changes.',
        body: SignInBody,
        response: { 200: SignedInSchema },
      },
    },
    async (req, reply) => {
      const result = await signIn(
        deps.db,
        { email: req.body.email, password: req.body.password, address: req.ip, requestId: req.id },
        deps.config.sessionHours,
      );
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        expires: result.expiresAt,
      });
      return { csrfToken: result.csrfToken, user: { ...result.user, role: result.user.role as Role } };
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out.', response: { 204: NoContent } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await signOut(deps.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  api.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user.', response: { 200: CurrentUserSchema } } },
    async (req) => {
      const ctx = requireContext(req);
      const cookie = req.cookies[SESSION_COOKIE];
      // The token of this very session (the cookie's), not of the user's latest sign-in elsewhere.
      const csrfToken = cookie ? await sessionCsrfToken(deps.db, tokenDigest(cookie)) : undefined;
      return {
        id: ctx.actor.userId,
        name: ctx.actor.name,
        email: ctx.actor.email,
        role: ctx.actor.role,
        unitIds: ctx.actor.unitIds,
        mustChangePassword: await mustChangePassword(deps.db, ctx.agency.id, ctx.actor.userId),
        agency: ctx.agency,
        ...(csrfToken !== undefined ? { csrfToken } : {}),
      };
    },
  );

  api.get(
    '/staff',
    {
      schema: {
        tags: ['auth'],
        summary: 'Active colleagues (name, role, units) to assign work to; no contact details.',
        response: { 200: ColleagueListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return listColleagues(deps.db, ctx.agency.id);
    },
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password.',
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      await changePassword(
        requireContext(req),
        req.body.currentPassword,
        req.body.newPassword,
        cookie ? tokenDigest(cookie) : null,
      );
      return reply.status(204).send();
    },
  );

  api.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for an integration; the token is shown once and expires (default 90 days).',
        body: CreateApiTokenBody,
        response: { 201: ApiTokenCreatedSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors cannot create API tokens.');
      return reply.status(201).send(await createApiToken(ctx, req.body, deps.config));
    },
  );
  api.get(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens with expiry and last use (never the secrets).',
        response: { 200: ApiTokenListSchema },
      },
    },
    async (req) => listApiTokens(requireContext(req)),
  );
  api.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token.',
        params: ApiTokenParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await revokeApiToken(requireContext(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
