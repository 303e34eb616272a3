// The JSON shape of a case in the staff API (camelCase; instants as ISO 8601 UTC).
import type { CaseViewRow } from '../../../queries/case-list-queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A case as the API shows it. */
export function presentCase(row: CaseViewRow) {
  return {
    trackingNumber: row.tracking_number,
    version: row.version,
    status: row.status,
    channel: row.channel,
    channelSlug: row.channel_slug,
    subject: row.subject_code,
    subjectName: row.subject_name ?? null,
    description: row.description,
    receivedAt: row.received_at.toISOString(),
    priority: row.priority,
    language: row.language,
    writerType: row.writer_type,
    unit: row.unit_code ?? null,
    unitName: row.unit_name ?? null,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    person: row.person_id
      ? {
          id: row.person_id,
          firstName: row.person_first_name ?? '',
          lastName: row.person_last_name ?? '',
          email: row.person_email ?? null,
          phone: row.person_phone ?? null,
          preferredLanguage: row.person_language ?? null,
        }
      : null,
    facility: row.facility,
    restricted: row.restricted,
    detailsPrivate: row.details_private,
    tags: row.tags,
    serviceStandard: row.standard_name ?? null,
    firstResponseDueAt: iso(row.first_response_due_at),
    resolutionDueAt: iso(row.resolution_due_at),
    firstResponseAt: iso(row.first_response_at),
    closedAt: iso(row.closed_at),
    paused: row.paused_at !== null,
    escalationLevel: row.escalation_level,
    externalId: row.external_id,
    mergedInto: row.merged_into_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
