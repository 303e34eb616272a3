// The parties of a case (/cases/{trackingNumber}/parties) and of a complaint (/complaints/{complaintNumber}/parties):
// list, add, change, remove. A case or complaint the reader may not see answers 404; each time a party's address kept
// under a protective order is shown (to the staff named on it), the disclosure is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import type { CommandContext } from '../../../context.ts';
import { recordSensitiveRead } from '../../../commands/audit/sensitive-reads.ts';
import { addParty } from '../../../commands/parties/party-add.ts';
import { removeParty, updatePartyFields } from '../../../commands/parties/party-update.ts';
import { partyHolder, type PartyHolderRef } from '../../../commands/parties/party-input.ts';
import { listParties } from '../../../queries/case-parties.ts';
import { NoContent } from '../../../../shared/schema-helpers.ts';
import {
  AddPartyBodySchema,
  CasePartyParamsSchema,
  ComplaintPartyParamsSchema,
  PartyListSchema,
  UpdatePartyBodySchema,
} from '../../../../shared/parties.ts';

const CaseParams = Type.Object({ trackingNumber: Type.String({ maxLength: 40 }) });
const ComplaintParams = Type.Object({ complaintNumber: Type.String({ maxLength: 40 }) });

/** The parties as the reader sees them, each disclosure of protected whereabouts audited. */
async function partiesAnswer(ctx: CommandContext, req: FastifyRequest, ref: PartyHolderRef) {
  const holder = await partyHolder(ctx.db, ctx, ref, false);
  const { parties, disclosedPersonIds } = await listParties(ctx, ctx.db, holder);
  for (const personId of disclosedPersonIds) {
    await recordSensitiveRead(ctx, {
      action: 'whereabouts.disclosed',
      entityType: 'person',
      entityId: personId,
      caseId: holder.caseId,
      what: 'trackingNumber' in ref ? `parties of case ${ref.trackingNumber}` : `parties of ${ref.complaintNumber}`,
      ipAddress: req.ip,
    });
  }
  return parties;
}

export function partyRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const holders = [
    { base: '/cases/:trackingNumber', what: 'a case', params: CaseParams, partyParams: CasePartyParamsSchema },
    {
      base: '/complaints/:complaintNumber',
      what: 'a complaint',
      params: ComplaintParams,
      partyParams: ComplaintPartyParamsSchema,
    },
  ] as const;
  for (const holder of holders) {
    const refOf = (params: Record<string, unknown>): PartyHolderRef =>
      'trackingNumber' in params
        ? { trackingNumber: String(params.trackingNumber) }
        : { complaintNumber: String(params.complaintNumber) };
    const tags = ['parties'];

    api.get(
      `${holder.base}/parties`,
      {
        schema: {
          tags,
          summary: `The parties of ${holder.what}: whereabouts under a protective order only for the staff named on it.`,
          params: holder.params,
          response: { 200: PartyListSchema },
        },
      },
      async (req) => {
        const ctx = requireContext(req);
        return partiesAnswer(ctx, req, refOf(req.params));
      },
    );

    api.post(
      `${holder.base}/parties`,
      {
        schema: {
          tags,
          summary: `Add a party to ${holder.what}: a person on file (personId) or a new one (person), with a role.`,
          params: holder.params,
          body: AddPartyBodySchema,
          response: { 201: PartyListSchema },
        },
      },
      async (req, reply) => {
        const ctx = requireContext(req);
        const ref = refOf(req.params);
        await addParty(ctx, ref, req.body);
        return reply.status(201).send(await partiesAnswer(ctx, req, ref));
      },
    );

    api.patch(
      `${holder.base}/parties/:partyId`,
      {
        schema: {
          tags,
          summary: `Change a party of ${holder.what}; a protective order only by the staff named on it.`,
          params: holder.partyParams,
          body: UpdatePartyBodySchema,
          response: { 200: PartyListSchema },
        },
      },
      async (req) => {
        const ctx = requireContext(req);
        const ref = refOf(req.params);
        await updatePartyFields(ctx, ref, req.params.partyId, req.body);
        return partiesAnswer(ctx, req, ref);
      },
    );

    api.delete(
      `${holder.base}/parties/:partyId`,
      {
        schema: {
          tags,
          summary: `Remove a party from ${holder.what}.`,
          params: holder.partyParams,
          response: { 204: NoContent },
        },
      },
      async (req, reply) => {
        const ctx = requireContext(req);
        await removeParty(ctx, refOf(req.params), req.params.partyId);
        return reply.status(204).send();
      },
    );
  }
}
