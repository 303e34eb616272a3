// The agency letterhead printed on every letter: name, address lines, phone, web address and an optional logo
// (PNG or JPEG, recognised by its bytes). Administrators change it; every change is versioned and audited.
import type { CommandContext } from '../../context.ts';
import { detectFileType } from '../../../domain/file-types.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findLetterhead, saveLetterhead, type LetterheadRecord } from '../../repositories/letters.ts';
import { isLogoDataUrl } from '../../channels/letters/letter-html.ts';
import { FieldProblems, checkVersion, requireAdministrator } from '../common.ts';

import { LETTERHEAD_LIMITS } from '../../../shared/letters.ts';

export { LETTERHEAD_LIMITS };

export interface LetterheadInput {
  name: string;
  addressLines: string[];
  phone?: string | undefined;
  web?: string | undefined;
  /** A data: URL of a PNG or JPEG; null removes the logo, absent keeps it. */
  logo?: string | null | undefined;
  expectedVersion?: number | undefined;
}

/** The letterhead as configured, or the agency's name alone (version 0) before an administrator sets one. */
export async function getLetterhead(ctx: CommandContext): Promise<LetterheadRecord> {
  return (
    (await findLetterhead(ctx.db, ctx.agency.id)) ?? {
      name: ctx.agency.name,
      addressLines: [],
      phone: '',
      web: '',
      logoDataUrl: null,
      version: 0,
      updatedAt: null,
    }
  );
}

function checkLogo(problems: FieldProblems, logo: string): void {
  if (!isLogoDataUrl(logo)) {
    problems.add('logo', 'must be a data: URL of a PNG or JPEG image (data:image/png;base64,…)');
    return;
  }
  const bytes = Buffer.from(logo.slice(logo.indexOf(',') + 1), 'base64');
  const declared = logo.startsWith('data:image/png') ? 'image/png' : 'image/jpeg';
  if (bytes.length > LETTERHEAD_LIMITS.logoBytes)
    problems.add('logo', `is larger than ${LETTERHEAD_LIMITS.logoBytes / 1024} KB`);
  else if (detectFileType(bytes.subarray(0, 16))?.contentType !== declared) {
    problems.add('logo', `is not a ${declared === 'image/png' ? 'PNG' : 'JPEG'} image`);
  }
}

/** Sets the letterhead (administrators only); 409 when expectedVersion is stale. */
export async function updateLetterhead(ctx: CommandContext, input: LetterheadInput): Promise<LetterheadRecord> {
  requireAdministrator(ctx, 'change the letterhead');
  const problems = new FieldProblems();
  const name = input.name.trim();
  if (!name) problems.add('name', 'must not be blank');
  const addressLines = input.addressLines.map((line) => line.trim()).filter(Boolean);
  if (addressLines.length > LETTERHEAD_LIMITS.lines)
    problems.add('addressLines', `has at most ${LETTERHEAD_LIMITS.lines} lines`);
  if (input.logo) checkLogo(problems, input.logo);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findLetterhead(tx, ctx.agency.id, true);
    checkVersion('The letterhead', current?.version ?? 0, input.expectedVersion);
    const next = {
      name,
      addressLines,
      phone: input.phone?.trim() ?? current?.phone ?? '',
      web: input.web?.trim() ?? current?.web ?? '',
      logoDataUrl: input.logo === undefined ? (current?.logoDataUrl ?? null) : input.logo,
    };
    await saveLetterhead(tx, ctx.agency.id, next);
    const describe = (l: typeof next | LetterheadRecord | null) =>
      l && {
        name: l.name,
        address_lines: l.addressLines,
        phone: l.phone,
        web: l.web,
        logo: l.logoDataUrl ? `${l.logoDataUrl.length} characters` : null,
      };
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'letterhead.updated',
        entityType: 'letterhead',
        entityId: ctx.agency.slug,
        before: describe(current),
        after: describe(next),
      },
    );
    return (await findLetterhead(tx, ctx.agency.id))!;
  });
}
