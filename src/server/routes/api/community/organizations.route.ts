// /organizations: the community directory — search (accents and case do not matter), add, view with contacts and
// everything linked, change, and link people as contacts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { createOrganization } from '../../../commands/community/organization-create.ts';
import { updateOrganizationDetails } from '../../../commands/community/organization-update.ts';
import {
  addOrganizationContact,
  removeOrganizationContact,
} from '../../../commands/community/organization-contacts.ts';
import { organizationView, presentOrganization } from '../../../queries/community-views.ts';
import { searchOrganizations } from '../../../repositories/organizations.ts';
import { normalizeName } from '../../../../domain/contact-normalization.ts';
import {
  AddContactBody,
  ContactParams,
  CreateOrganizationBody,
  IdParams,
  ListOrganizationsQuery,
  Organization,
  OrganizationList,
  UpdateOrganizationBody,
} from '../../../../shared/community.ts';

const tags = ['community'];

/** Registers the organisation routes. */
export function organizationRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Search the organisations directory by name (accent- and case-insensitive), type and language.',
        querystring: ListOrganizationsQuery,
        response: { 200: OrganizationList },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { items, total } = await searchOrganizations(ctx.db, ctx.agency.id, {
        foldedName: req.query.q ? normalizeName(req.query.q) : undefined,
        type: req.query.type,
        language: req.query.language,
        includeInactive: req.query.includeInactive,
        limit: req.query.limit ?? 50,
      });
      return { items: items.map(presentOrganization), total };
    },
  );

  api.post(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Add an organisation to the directory.',
        body: CreateOrganizationBody,
        response: { 201: Organization },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const created = await createOrganization(ctx, req.body);
      return reply.status(201).send(await organizationView(ctx, created.id));
    },
  );

  api.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organisation with its contacts, engagements, media inquiries and the cases made at its meetings.',
        params: IdParams,
        response: { 200: Organization },
      },
    },
    async (req) => organizationView(requireContext(req), req.params.id),
  );

  api.patch(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation (name, type, languages served, address, contact points, notes, active).',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: Organization },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await updateOrganizationDetails(ctx, req.params.id, req.body);
      return organizationView(ctx, req.params.id);
    },
  );

  api.post(
    '/organizations/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Link a person of the directory as a contact of the organisation (or change their role).',
        params: IdParams,
        body: AddContactBody,
        response: { 201: Organization },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await addOrganizationContact(ctx, req.params.id, req.body);
      return reply.status(201).send(await organizationView(ctx, req.params.id));
    },
  );

  api.delete(
    '/organizations/:id/contacts/:personId',
    {
      schema: {
        tags,
        summary: 'Unlink a contact (the person stays in the directory).',
        params: ContactParams,
        response: { 200: Organization },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await removeOrganizationContact(ctx, req.params.id, req.params.personId);
      return organizationView(ctx, req.params.id);
    },
  );
}
