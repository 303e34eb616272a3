// SQL that gives a new agency its starter configuration (first start, `civicdesk agency create`): units, subjects,
// routing rules and service standards each in one insert, positions 10, 20, …, and the templates with their
// approved first version. What a preset holds is starter-configuration.ts's business.
import type { Db } from '../../db/database.ts';
import type { StarterConfiguration } from '../../starter-configuration.ts';
import { POSITION_STEP } from './ordered.ts';

/** Writes the starter units, subjects, routing rules, service standards and approved templates of a new agency. */
export async function insertStarterConfiguration(
  tx: Db,
  agencyId: number,
  starter: Pick<StarterConfiguration, 'units' | 'subjects' | 'rules' | 'standards' | 'templates'>,
): Promise<void> {
  await tx
    .insertInto('units')
    .values(starter.units.map((u) => ({ agency_id: agencyId, code: u.code, name: u.name })))
    .execute();
  await tx
    .insertInto('subjects')
    .values(
      starter.subjects.map((s) => ({
        agency_id: agencyId,
        code: s.code,
        name: s.name,
        parent_code: s.parentCode ?? null,
      })),
    )
    .execute();
  await tx
    .insertInto('routing_rules')
    .values(
      starter.rules.map((r, i) => ({
        agency_id: agencyId,
        name: r.name,
        position: (i + 1) * POSITION_STEP,
        conditions: JSON.stringify(r.conditions),
        actions: JSON.stringify(r.actions),
        stop_processing: r.stopProcessing,
      })),
    )
    .execute();
  await tx
    .insertInto('service_standards')
    .values(
      starter.standards.map((s, i) => ({
        agency_id: agencyId,
        name: s.name,
        position: (i + 1) * POSITION_STEP,
        match: JSON.stringify(s.match),
        first_response: JSON.stringify(s.firstResponse),
        resolution: JSON.stringify(s.resolution),
        warning_percent: s.warningPercent,
      })),
    )
    .execute();
  for (const t of starter.templates) {
    const template = await tx
      .insertInto('templates')
      .values({
        agency_id: agencyId,
        code: t.code,
        name: t.name,
        channel: t.channel,
        language: t.language ?? 'en',
        ...(t.purpose ? { purpose: t.purpose } : {}),
        response_kind: t.responseKind,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('template_versions')
      .values({
        agency_id: agencyId,
        template_id: template.id,
        version: 1,
        subject: t.subject,
        body: t.body,
        status: 'approved',
        decided_at: new Date(),
      })
      .execute();
  }
}
