// NYC 311 open data → cases of channel '311': columns matched by name across the layouts (2011 to the renamed
// "Problem (formerly Complaint Type)" exports), New York wall-clock times, status mapping, complaint type →
// subject and city agency → unit mapping (configured, or created under a "311" parent with --create-unknown, or
// reported), idempotent on Unique Key.
//
// Mapping rules: subject = the configured mapping of the complaint type (`civicdesk import map complaint-type`),
// else a subject whose name is the complaint type, else 311.<SLUG> if it exists, else unknown (created under the
// "311" parent with --create-unknown, otherwise the case has no subject and the type is listed in the report).
// Unit = the mapping of the city agency (`civicdesk import map agency`), else a unit whose code is the acronym, else
// 311-<ACRONYM> if it exists, else unknown (created / reported the same way; then the routing rules pick the unit).
// Status: Closed* → closed (closed_at = Closed Date, else Resolution Action Updated Date, else Created Date, never
// before receipt); Assigned → assigned; Started, In Progress, Pending → in_progress; anything else → triaged (new
// without a unit). first_response_at = Resolution Action Updated Date (else closed_at). facility = Landmark, Park
// Facility Name, Incident Address or the intersection; every other 311 field is kept in cases.external_data.
import type { Db } from '../../db/database.ts';
import type { CaseStatus } from '../../db/schema.ts';
import {
  analyzeCaseKeys,
  analyzeImportedTable,
  ensureSubjects,
  ensureUnits,
  loadMappings,
  mappingKey,
  saveMappings,
} from '../../repositories/imports.ts';
import { ensureTrackingSequences } from '../../repositories/imported-cases.ts';
import { hashJsonParts, writeImportedCases, type PreparedCase } from './case-writer.ts';
import { RowRejected, type ColumnSpec, type ImportHandler } from './import-runner.ts';
import { parseImportTime } from './import-times.ts';
import { loadIntakePlanner } from './intake-plan.ts';

export const NYC311_COLUMNS: ColumnSpec[] = [
  { name: 'Unique Key', required: true },
  { name: 'Created Date', required: true },
  { name: 'Closed Date' },
  { name: 'Agency', required: true },
  { name: 'Agency Name' },
  { name: 'Complaint Type', aliases: ['Problem (formerly Complaint Type)', 'Problem'], required: true },
  { name: 'Descriptor', aliases: ['Problem Detail (formerly Descriptor)', 'Problem Detail'] },
  { name: 'Additional Details' },
  { name: 'Location Type' },
  { name: 'Incident Zip' },
  { name: 'Incident Address' },
  { name: 'Street Name' },
  { name: 'Cross Street 1' },
  { name: 'Cross Street 2' },
  { name: 'Intersection Street 1' },
  { name: 'Intersection Street 2' },
  { name: 'City' },
  { name: 'Landmark' },
  { name: 'Facility Type' },
  { name: 'Status' },
  { name: 'Due Date' },
  { name: 'Resolution Description' },
  { name: 'Resolution Action Updated Date' },
  { name: 'Community Board' },
  { name: 'BBL' },
  { name: 'Borough' },
  { name: 'Open Data Channel Type' },
  { name: 'Park Facility Name' },
  { name: 'Latitude' },
  { name: 'Longitude' },
];

/** The parent subject of complaint types created by the import. */
export const PARENT_311_SUBJECT = { code: '311', name: '311 complaint types' };

/** Our status for a 311 status: Closed → closed; Assigned → assigned; Started / In Progress / Pending → in progress. */
export function map311Status(status: string, hasUnit: boolean): CaseStatus {
  const value = status.trim().toLowerCase();
  if (value.startsWith('closed')) return 'closed';
  if (value === 'assigned') return 'assigned';
  if (value === 'started' || value === 'in progress' || value === 'pending') return 'in_progress';
  return hasUnit ? 'triaged' : 'new';
}

/** The subject code an unknown complaint type gets: "Noise - Residential" → 311.NOISE-RESIDENTIAL. */
export function subjectCodeFor(complaintType: string): string {
  const slug = complaintType
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${PARENT_311_SUBJECT.code}.${slug || 'OTHER'}`;
}

/** The unit code an unknown city agency gets: NYPD → 311-NYPD. */
export function unitCodeFor(agency: string): string {
  return `311-${agency
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)}`;
}

const EMPTY = new Set(['', 'N/A', 'NA', 'UNSPECIFIED']);
const meaningful = (value: string) => (EMPTY.has(value.toUpperCase()) ? '' : value);

// The hash of what the source says about a case (routing and deadlines aside), in the order earlier versions
// hashed it (description, status, received_at, closed_at, first_response_at, facility, external_data), so that
// cases imported before stay unchanged on re-import. The external data is serialized once, for the hash and the row.
function sourceHash(values: PreparedCase['values'], externalJson: string): string {
  return hashJsonParts([
    JSON.stringify(values.description),
    JSON.stringify(values.status),
    JSON.stringify(values.received_at),
    JSON.stringify(values.closed_at),
    JSON.stringify(values.first_response_at),
    JSON.stringify(values.facility),
    externalJson,
  ]);
}

interface Unknown {
  rows: number;
  created: boolean;
  code: string;
  name: string;
}

export interface Nyc311Options {
  createUnknown?: boolean;
  actorLabel: string;
}

// A cell is a slice of the text of the chunk of the file it came from, and keeping the slice keeps the whole chunk:
// a string the batch keeps is copied out of it (flattening ' ' + s copies s; the slice after it is of the copy).
const detached = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

// Deadlines come from a per-day cache, so many rows share one Date: they share its ISO text too.
const isoTexts = new WeakMap<Date, string>();
function sharedIso(date: Date | null): string | null {
  if (!date) return null;
  let text = isoTexts.get(date);
  if (text === undefined) {
    text = date.toISOString();
    isoTexts.set(date, text);
  }
  return text;
}

const unitCodeOf = (value: PreparedCase): string | null => (value as { unitCode?: string | null }).unitCode ?? null;

/** The handler of `civicdesk import nyc311`. */
export async function nyc311Handler(
  db: Db,
  agency: { id: number },
  options: Nyc311Options,
): Promise<ImportHandler<PreparedCase & { hash: string }>> {
  const planner = await loadIntakePlanner(db, agency.id);
  const timeZone = planner.clock.timeZone;
  const subjectMap = await loadMappings(db, agency.id, 'complaint_type');
  const unitMap = await loadMappings(db, agency.id, 'agency');
  const subjectsByName = new Map([...planner.subjects].map(([code, s]) => [mappingKey(s.name), code]));
  const unitCodes = new Map([...planner.units.keys()].map((code) => [code.toUpperCase(), code]));
  const unknownTypes = new Map<string, Unknown>();
  const unknownAgencies = new Map<string, Unknown>();
  // What this import has created so far (see prepare).
  const ensuredSubjects = new Set<string>();
  const createdUnitIds = new Map<string, number>();
  const ensuredYears = new Set<number>();
  // The agency's first active 311 channel, as intake picks a channel by its type.
  const channel = planner.channels.find((c) => c.type === '311' && c.active);

  const subjectFor = (complaintType: string): string | null => {
    const key = mappingKey(complaintType);
    const mapped = subjectMap.get(key) ?? subjectsByName.get(key);
    if (mapped) return mapped;
    const code = subjectCodeFor(complaintType);
    if (planner.subjects.has(code)) return code;
    let unknown = unknownTypes.get(key);
    if (!unknown) {
      unknown = { rows: 0, created: !!options.createUnknown, code, name: complaintType.slice(0, 200) };
      unknownTypes.set(key, unknown);
    }
    unknown.rows++;
    return options.createUnknown ? code : null;
  };
  const unitFor = (cityAgency: string): string | null => {
    const key = mappingKey(cityAgency);
    const mapped = unitMap.get(key) ?? unitCodes.get(cityAgency.toUpperCase());
    if (mapped) return mapped;
    const code = unitCodeFor(cityAgency);
    if (planner.units.has(code)) return code;
    let unknown = unknownAgencies.get(key);
    if (!unknown) {
      // A city agency's "Agency Name" varies by row (DOF's sub-units), so the unit is named by the acronym.
      unknown = { rows: 0, created: !!options.createUnknown, code, name: `311 agency ${cityAgency}` };
      unknownAgencies.set(key, unknown);
    }
    unknown.rows++;
    return options.createUnknown ? code : null;
  };

  const time = (get: (c: string) => string, column: string, required = false): Date | null => {
    const text = get(column);
    if (!text) {
      if (required) throw new RowRejected(column, 'is empty');
      return null;
    }
    const value = parseImportTime(text, timeZone);
    if (!value)
      throw new RowRejected(
        column,
        `"${text.slice(0, 40)}" is not a date and time (MM/DD/YYYY hh:mm:ss AM or ISO 8601)`,
      );
    return value;
  };

  return {
    kind: 'nyc311',
    columns: NYC311_COLUMNS,
    keyColumn: 'Unique Key',
    duplicateOf: 'same Unique Key',
    parse(get) {
      const key = get('Unique Key');
      if (!key) throw new RowRejected('Unique Key', 'is empty');
      if (key.length > 100) throw new RowRejected('Unique Key', 'is longer than 100 characters');
      const receivedAt = time(get, 'Created Date', true)!;
      if (receivedAt.getTime() > Date.now() + 5 * 60_000) throw new RowRejected('Created Date', 'is in the future');
      if (receivedAt.getTime() < Date.UTC(1990, 0, 1)) throw new RowRejected('Created Date', 'is before 1990');
      const complaintType = get('Complaint Type');
      if (!complaintType) throw new RowRejected('Complaint Type', 'is empty');
      const cityAgency = get('Agency');
      if (!cityAgency) throw new RowRejected('Agency', 'is empty');
      const closedDate = time(get, 'Closed Date');
      const resolutionUpdated = time(get, 'Resolution Action Updated Date');
      const dueDate = time(get, 'Due Date');
      const latitudeText = get('Latitude');
      const longitudeText = get('Longitude');
      const latitude = latitudeText ? Number(latitudeText) : null;
      const longitude = longitudeText ? Number(longitudeText) : null;
      if (latitude !== null && !(Math.abs(latitude) <= 90)) throw new RowRejected('Latitude', 'is not a latitude');
      if (longitude !== null && !(Math.abs(longitude) <= 180)) {
        throw new RowRejected('Longitude', 'is not a longitude');
      }

      const subject = subjectFor(complaintType);
      const mappedUnit = unitFor(cityAgency);
      const descriptor = get('Descriptor');
      const details = get('Additional Details');
      const description = [descriptor || complaintType, details].filter(Boolean).join('\n').slice(0, 100_000);
      const address = get('Incident Address');
      const intersection = [get('Intersection Street 1'), get('Intersection Street 2')].filter(Boolean).join(' & ');
      const facility =
        meaningful(get('Landmark')) || meaningful(get('Park Facility Name')) || address || intersection || null;
      const decision = planner.decide({
        channel: '311',
        channelSlug: channel?.slug ?? null,
        subject,
        text: description,
        writerType: 'constituent',
        language: 'en',
        facility,
        receivedAt,
        unitCode: mappedUnit,
      });
      const status = map311Status(get('Status'), decision.unitCode !== null);
      let closedAt: Date | null = null;
      if (status === 'closed') {
        closedAt = closedDate ?? resolutionUpdated ?? receivedAt;
        if (closedAt < receivedAt) closedAt = receivedAt; // the city's data has closings before creation; clamp
      }
      let firstResponseAt = resolutionUpdated && resolutionUpdated >= receivedAt ? resolutionUpdated : closedAt;
      if (firstResponseAt && closedAt && firstResponseAt > closedAt) firstResponseAt = closedAt;
      const externalData: Record<string, unknown> = {
        complaintType,
        descriptor: descriptor || null,
        agency: cityAgency,
        agencyName: get('Agency Name') || null,
        status311: get('Status') || null,
        locationType: get('Location Type') || null,
        address: address || null,
        streetName: get('Street Name') || null,
        crossStreets: [get('Cross Street 1'), get('Cross Street 2')].filter(Boolean),
        intersection: intersection || null,
        zip: get('Incident Zip') || null,
        city: get('City') || null,
        borough: meaningful(get('Borough')) || null,
        communityBoard: get('Community Board') || null,
        bbl: get('BBL') || null,
        facilityType: meaningful(get('Facility Type')) || null,
        latitude,
        longitude,
        dueAt: dueDate?.toISOString() ?? null,
        resolution: get('Resolution Description') || null,
        resolutionUpdatedAt: resolutionUpdated?.toISOString() ?? null,
        channelType: get('Open Data Channel Type') || null,
      };
      const externalJson = JSON.stringify(externalData);
      const values: PreparedCase['values'] = {
        channel: '311',
        channel_slug: channel?.slug ?? null,
        subject_code: subject,
        description: detached(description),
        received_at: receivedAt.toISOString(),
        status,
        priority: decision.priority,
        language: 'en',
        writer_type: 'constituent',
        person_id: null,
        unit_id: null,
        facility: facility === null ? null : detached(facility.slice(0, 500)),
        tags: decision.tags,
        service_standard_id: decision.standardId,
        first_response_due_at: sharedIso(decision.firstResponseDueAt),
        resolution_due_at: sharedIso(decision.resolutionDueAt),
        first_response_at: firstResponseAt?.toISOString() ?? null,
        closed_at: closedAt?.toISOString() ?? null,
        escalation_level: decision.escalationLevel,
        external_id: key,
        external_data: null, // travels serialized, as externalJson (a batch holds one copy of it, not two)
      };
      return {
        key,
        value: {
          values,
          trackingYear: decision.trackingYear,
          reason: decision.reason,
          hash: sourceHash(values, externalJson),
          externalJson,
          unitCode: decision.unitCode,
        } as PreparedCase & { hash: string; unitCode: string | null },
      };
    },
    // Subjects, units and mappings the import creates, and the tracking sequences of the rows' years, once per
    // import, before the batch's savepoint: a batch retried row by row keeps them, and a failed import takes
    // them away with everything else.
    async prepare(tx, rows) {
      const subjectCodes = new Set(rows.map((r) => r.value.values.subject_code));
      const newSubjects = [...unknownTypes.values()].filter(
        (u) => u.created && subjectCodes.has(u.code) && !ensuredSubjects.has(u.code),
      );
      if (newSubjects.length) {
        await ensureSubjects(tx, agency.id, [
          { code: PARENT_311_SUBJECT.code, name: PARENT_311_SUBJECT.name, parentCode: null },
          ...newSubjects.map((u) => ({ code: u.code, name: u.name, parentCode: PARENT_311_SUBJECT.code })),
        ]);
        await saveMappings(
          tx,
          agency.id,
          'complaint_type',
          newSubjects.map((u) => ({ source: u.name, targetCode: u.code })),
        );
        for (const u of newSubjects) ensuredSubjects.add(u.code);
      }
      const unitCodesInBatch = new Set(rows.map((r) => unitCodeOf(r.value)));
      const newUnits = [...unknownAgencies.values()].filter(
        (u) => u.created && unitCodesInBatch.has(u.code) && !createdUnitIds.has(u.code),
      );
      if (newUnits.length) {
        const created = await ensureUnits(
          tx,
          agency.id,
          newUnits.map((u) => ({ code: u.code, name: u.name })),
        );
        for (const [code, id] of created) createdUnitIds.set(code, id);
      }
      const years = [...new Set(rows.map((r) => r.value.trackingYear))].filter((year) => !ensuredYears.has(year));
      if (years.length) {
        await ensureTrackingSequences(tx, agency.id, years);
        for (const year of years) ensuredYears.add(year);
      }
    },
    async write(tx, rows) {
      for (const row of rows) {
        const code = unitCodeOf(row.value);
        row.value.values.unit_id = code ? (createdUnitIds.get(code) ?? planner.units.get(code) ?? null) : null;
      }
      return writeImportedCases(
        tx,
        { id: agency.id, trackingPrefix: planner.clock.trackingPrefix, actorLabel: options.actorLabel },
        '311',
        rows,
        'source',
        { sequencesReady: true },
      );
    },
    async refreshStatistics(tx) {
      await analyzeCaseKeys(tx);
    },
    async analyze(on) {
      await analyzeImportedTable(on, 'cases');
    },
    summary() {
      const list = (m: Map<string, Unknown>) =>
        [...m.values()].sort((a, b) => b.rows - a.rows).map((u) => ({ name: u.name, code: u.code, rows: u.rows }));
      return {
        unknownComplaintTypes: list(unknownTypes),
        unknownAgencies: list(unknownAgencies),
        unknownCreated: !!options.createUnknown,
      };
    },
  };
}
