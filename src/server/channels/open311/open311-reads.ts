// The public Open311 reads: which agency a jurisdiction_id names, its services and service definitions, and its
// 311 requests as GeoReport v2 shows them (filters, the 90-day default window, the 1,000 cap, page/page_size).
// A request shows public facts only: no person, no staff, no internal note, never a restricted case.
import type { Db } from '../../db/database.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import {
  findAgencyByJurisdiction,
  findAgencyBySlug,
  findService,
  listPublicRequests,
  listServices,
  type Open311Agency,
  type PublicRequestFilter,
  type PublicRequestRow,
} from '../../repositories/open311.ts';
import { formatOpen311DateTime, parseOpen311DateTime } from './open311-time.ts';
import { presentService, presentServiceDefinition } from './service-definitions.ts';
import { isBrokenText } from './request-input.ts';

/** The agency served when a request names no jurisdiction_id. */
export const DEFAULT_AGENCY_SLUG = 'main';
export const MAX_RESULTS = 1000;
export const DEFAULT_WINDOW_DAYS = 90;
const DAY = 86_400_000;

export type QueryParameters = Record<string, unknown>;

/** A query parameter as text: undefined when absent or empty; 400 when repeated or not valid UTF-8. */
export function parameter(query: QueryParameters, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    throw new AppError('validation_failed', `${name}: is given more than once`, [
      { field: name, message: 'is given more than once' },
    ]);
  }
  const value = raw.trim();
  if (value !== '' && isBrokenText(value)) {
    throw new AppError('validation_failed', `${name}: is not valid UTF-8 text`, [
      { field: name, message: 'is not valid UTF-8 text' },
    ]);
  }
  return value === '' ? undefined : value;
}

/** The agency a jurisdiction_id names (absent: agency `main`); 404 for an unknown one. */
export async function resolveJurisdiction(db: Db, jurisdictionId: string | undefined): Promise<Open311Agency> {
  const agency = jurisdictionId
    ? await findAgencyByJurisdiction(db, jurisdictionId)
    : await findAgencyBySlug(db, DEFAULT_AGENCY_SLUG);
  if (!agency) throw notFound(`Jurisdiction ${jurisdictionId ?? DEFAULT_AGENCY_SLUG}`);
  return agency;
}

/** GET services: the agency's active subjects. */
export async function servicesOf(db: Db, agency: Open311Agency) {
  return (await listServices(db, agency.id)).map(presentService);
}

/** GET services/{code}: the definition of one active subject; 404 for another code. */
export async function serviceDefinitionOf(db: Db, agency: Open311Agency, code: string) {
  const service = await findService(db, agency.id, code);
  if (!service) throw notFound(`Service ${code}`);
  return presentServiceDefinition(service);
}

/**
 * One request as GeoReport v2 shows it, times in the agency's zone with offset. Only what a submitter sent through
 * Open311 POST, and staff have not marked private, is public: any other request (typed in by staff, imported, or
 * marked private) answers with its service, status and dates only — its text may name a person or a diagnosis.
 */
export function presentRequest(row: PublicRequestRow, timeZone: string) {
  const time = (d: Date | null) => (d ? formatOpen311DateTime(d, timeZone) : null);
  const shown = <T>(value: T): T | null => (row.detailsPublic ? value : null);
  return {
    service_request_id: row.trackingNumber,
    status: row.status === 'closed' ? 'closed' : 'open',
    status_notes: shown(row.statusNotes),
    service_name: row.serviceName,
    service_code: row.serviceCode,
    description: shown(row.description),
    agency_responsible: shown(row.unitName),
    service_notice: null,
    requested_datetime: time(row.receivedAt),
    updated_datetime: time(row.updatedAt),
    expected_datetime: time(row.resolutionDueAt),
    address: shown(row.addressString),
    address_id: shown(row.addressId),
    zipcode: shown(row.zipcode),
    lat: shown(row.lat),
    long: shown(row.long),
    media_url: shown(row.mediaUrl),
  };
}

export type PresentedRequest = ReturnType<typeof presentRequest>;

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [
    ...new Set(
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  return items.length > 0 ? items : undefined;
}

function positiveInteger(value: string | undefined, field: string, max: number, problems: ErrorDetail[]) {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    problems.push({ field, message: `must be a whole number from 1 to ${max}` });
    return undefined;
  }
  return Number(value);
}

/** Reads the GET requests filters into a query; every bad parameter is named in one 400. */
export function requestFilter(query: QueryParameters, timeZone: string, now = new Date()): PublicRequestFilter {
  const problems: ErrorDetail[] = [];
  const read = (name: string) => {
    try {
      return parameter(query, name);
    } catch (error) {
      problems.push(...(error as AppError).details);
      return undefined;
    }
  };
  const ids = commaList(read('service_request_id'));
  const serviceCodes = commaList(read('service_code'));
  const startText = read('start_date');
  const endText = read('end_date');
  const statuses = commaList(read('status')?.toLowerCase());
  const pageSize = positiveInteger(read('page_size'), 'page_size', MAX_RESULTS, problems) ?? MAX_RESULTS;
  const page = positiveInteger(read('page'), 'page', 1_000_000, problems) ?? 1;
  if (ids && ids.length > MAX_RESULTS) {
    problems.push({ field: 'service_request_id', message: `lists at most ${MAX_RESULTS} ids` });
  }
  let from = startText === undefined ? undefined : parseOpen311DateTime(startText, timeZone);
  let to = endText === undefined ? undefined : parseOpen311DateTime(endText, timeZone, true);
  const dateHint = 'must be an ISO 8601 date or date-time such as 2026-03-01T09:30:00-05:00';
  if (from === null) problems.push({ field: 'start_date', message: dateHint });
  if (to === null) problems.push({ field: 'end_date', message: dateHint });
  if (statuses && statuses.some((s) => s !== 'open' && s !== 'closed')) {
    problems.push({ field: 'status', message: 'must be open, closed or open,closed' });
  }
  if (from && to) {
    if (from.getTime() > to.getTime()) problems.push({ field: 'start_date', message: 'is after end_date' });
    else if (to.getTime() - from.getTime() > DEFAULT_WINDOW_DAYS * DAY) {
      problems.push({ field: 'end_date', message: `the range spans more than ${DEFAULT_WINDOW_DAYS} days` });
    }
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  const offset = (page - 1) * pageSize;
  if (ids) return { trackingNumbers: ids, limit: pageSize, offset };
  // The spec's default window is the last 90 days; one given end is extended 90 days from it.
  if (!from && !to) {
    to = now;
    from = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  } else if (!to) {
    to = new Date(from!.getTime() + DEFAULT_WINDOW_DAYS * DAY);
  } else if (!from) {
    from = new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  }
  const closed = statuses && statuses.length === 1 ? statuses[0] === 'closed' : undefined;
  return {
    ...(serviceCodes ? { serviceCodes } : {}),
    from: from!,
    to: to!,
    ...(closed !== undefined ? { closed } : {}),
    limit: pageSize,
    offset,
  };
}

/** GET requests. */
export async function requestsOf(db: Db, agency: Open311Agency, query: QueryParameters): Promise<PresentedRequest[]> {
  const filter = requestFilter(query, agency.timeZone);
  if (filter.offset + filter.limit > MAX_RESULTS * 1000) return [];
  const rows = await listPublicRequests(db, agency.id, filter);
  return rows.map((row) => presentRequest(row, agency.timeZone));
}

/** GET requests/{id}: a one-element list; 404 when the id is unknown or not public. */
export async function requestOf(db: Db, agency: Open311Agency, id: string): Promise<PresentedRequest[]> {
  const rows = await listPublicRequests(db, agency.id, { trackingNumbers: [id], limit: 1, offset: 0 });
  if (rows.length === 0) throw notFound(`Service request ${id}`);
  return rows.map((row) => presentRequest(row, agency.timeZone));
}
