// Channels at run time: an administrator opens a hotline (name, number, subjects, unit, standard, languages,
// public form on or off) or another email address, and it is live at once — intake, its own queue, its form.
import type { CommandContext } from '../../context.ts';
import type { ChannelSettings } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  emailAddressTaken,
  findChannel,
  insertChannel,
  listChannels,
  lockChannel,
  updateChannelRow,
  type ChannelRow,
} from '../../repositories/channels.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { existingSubjectCodes } from '../../repositories/configuration/subjects.ts';
import { getServiceStandard } from '../../repositories/configuration/service-standards.ts';
import { CHANNEL_TYPES, isChannelType } from '../../../shared/vocabulary.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { notFound } from '../../errors.ts';
import { checkVersion, cleanName, FieldProblems, requireAdministrator } from '../common.ts';

export interface ChannelInput {
  slug?: string | undefined;
  type?: string | undefined;
  name?: string | undefined;
  address?: string | null | undefined;
  phoneNumber?: string | null | undefined;
  publicForm?: boolean | undefined;
  active?: boolean | undefined;
  unitCode?: string | null | undefined;
  subjects?: string[] | undefined;
  languages?: string[] | undefined;
  serviceStandardId?: number | null | undefined;
  description?: string | null | undefined;
  expectedVersion?: number | undefined;
}

/** The API shape of a channel. */
export function presentChannel(row: ChannelRow) {
  return {
    slug: row.slug,
    type: row.type,
    name: row.name,
    ...(row.address ? { address: row.address } : {}),
    phoneNumber: row.phone_number,
    publicForm: row.public_form,
    active: row.active,
    unitCode: row.settings.unitCode ?? null,
    subjects: row.settings.subjects ?? [],
    languages: row.settings.languages ?? [],
    serviceStandardId: row.settings.serviceStandardId ?? null,
    description: row.settings.description ?? null,
    version: row.version,
  };
}

/** Every channel of the agency. */
export async function listAgencyChannels(ctx: CommandContext) {
  return (await listChannels(ctx.db, ctx.agency.id)).map(presentChannel);
}

async function checkSettings(ctx: CommandContext, input: ChannelInput, problems: FieldProblems, base: ChannelSettings) {
  const settings: ChannelSettings = { ...base };
  if (input.unitCode !== undefined) {
    if (input.unitCode === null) delete settings.unitCode;
    else {
      const unit = await findUnitByCode(ctx.db, ctx.agency.id, input.unitCode, { exactCase: true });
      if (!unit?.active) problems.add('unitCode', `"${input.unitCode}" is not an active unit code`);
      settings.unitCode = input.unitCode;
    }
  }
  if (input.subjects !== undefined) {
    const known = await existingSubjectCodes(ctx.db, ctx.agency.id, input.subjects, { exactCase: true });
    const missing = input.subjects.filter((s) => !known.has(s));
    if (missing.length) problems.add('subjects', `unknown subject codes: ${missing.join(', ')}`);
    settings.subjects = [...new Set(input.subjects)];
  }
  if (input.languages !== undefined) {
    const bad = input.languages.filter((l) => !isLanguageCode(l));
    if (bad.length) problems.add('languages', `unsupported language codes: ${bad.join(', ')}`);
    settings.languages = [...new Set(input.languages)];
  }
  if (input.serviceStandardId !== undefined) {
    if (input.serviceStandardId === null) delete settings.serviceStandardId;
    else {
      const standard = await getServiceStandard(ctx.db, ctx.agency.id, input.serviceStandardId);
      if (!standard) problems.add('serviceStandardId', `service standard ${input.serviceStandardId} does not exist`);
      settings.serviceStandardId = input.serviceStandardId;
    }
  }
  if (input.description !== undefined) {
    if (input.description === null || input.description.trim() === '') delete settings.description;
    else settings.description = input.description.trim();
  }
  return settings;
}

function checkAddress(problems: FieldProblems, type: string, address: string | null | undefined) {
  if (address === undefined || address === null) return;
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(address)) problems.add('address', 'must be an email address');
}

/** Opens a new channel. */
export async function createChannel(ctx: CommandContext, input: ChannelInput) {
  requireAdministrator(ctx, 'open channels');
  const problems = new FieldProblems();
  const slug = input.slug?.trim().toLowerCase() ?? '';
  if (!/^[a-z0-9][a-z0-9-]{0,49}$/.test(slug)) problems.add('slug', 'use 1–50 lower-case letters, digits and hyphens');
  else if (await findChannel(ctx.db, ctx.agency.id, slug)) problems.add('slug', `a channel "${slug}" already exists`);
  const type = input.type ?? '';
  if (!isChannelType(type)) problems.add('type', `must be one of ${CHANNEL_TYPES.join(', ')}`);
  const name = cleanName(problems, 'name', input.name) ?? '';
  if (!input.name) problems.add('name', 'is required');
  checkAddress(problems, type, input.address);
  if (type === 'email' && input.address) {
    const taken = await emailAddressTaken(ctx.db, input.address);
    if (taken) problems.add('address', 'another email channel already receives this address');
  }
  const settings = await checkSettings(ctx, input, problems, {});
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertChannel(tx, {
      agency_id: ctx.agency.id,
      slug,
      type,
      name,
      address: input.address?.trim().toLowerCase() || null,
      phone_number: input.phoneNumber?.trim() || null,
      public_form: input.publicForm ?? false,
      active: input.active ?? true,
      settings: JSON.stringify(settings),
    });
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      { action: 'channel.created', entityType: 'channel', entityId: slug, after: presentChannel(row) },
    );
    return presentChannel(row);
  });
}

/** Changes a channel (name, number, address, form, unit, subjects, languages, standard, open/closed). */
export async function updateChannel(ctx: CommandContext, slug: string, input: ChannelInput) {
  requireAdministrator(ctx, 'change channels');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockChannel(tx, ctx.agency.id, slug);
    if (!current) throw notFound(`Channel ${slug}`);
    checkVersion(`Channel ${slug}`, current.version, input.expectedVersion);
    const problems = new FieldProblems();
    const name = cleanName(problems, 'name', input.name);
    checkAddress(problems, current.type, input.address);
    const settings = await checkSettings({ ...ctx, db: tx }, input, problems, current.settings);
    problems.throwIfAny();
    const row = await updateChannelRow(tx, ctx.agency.id, current.id, {
      ...(name !== undefined ? { name } : {}),
      ...(input.address !== undefined ? { address: input.address?.trim().toLowerCase() || null } : {}),
      ...(input.phoneNumber !== undefined ? { phone_number: input.phoneNumber?.trim() || null } : {}),
      ...(input.publicForm !== undefined ? { public_form: input.publicForm } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      settings: JSON.stringify(settings),
      version: current.version + 1,
    });
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'channel.updated',
        entityType: 'channel',
        entityId: slug,
        before: presentChannel(current),
        after: presentChannel(row),
      },
    );
    return presentChannel(row);
  });
}
