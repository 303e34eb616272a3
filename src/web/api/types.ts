// The shapes the staff API answers with, as the console uses them (see src/server/routes/api/**).

export type Role = 'administrator' | 'supervisor' | 'caseworker' | 'unit_liaison' | 'auditor';

export interface SignedInUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  unitIds?: number[];
  mustChangePassword?: boolean;
  agency?: { id: number; code?: string; name: string; timeZone: string };
}

export interface CasePerson {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  preferredLanguage: string | null;
}

export interface CaseRecord {
  trackingNumber: string;
  version: number;
  status: string;
  channel: string;
  subject: string | null;
  subjectName: string | null;
  description: string;
  receivedAt: string;
  priority: string;
  language: string;
  writerType: string;
  unit: string | null;
  unitName: string | null;
  assignee: { id: number; name: string } | null;
  person: CasePerson | null;
  facility: string | null;
  restricted: boolean;
  tags: string[];
  serviceStandard: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  paused: boolean;
  escalationLevel: number;
  externalId: string | null;
  mergedInto: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SearchResults {
  cases: { items: CaseRecord[]; total: number };
  people: { items: Person[]; total: number };
}

export interface CaseList {
  items: CaseRecord[];
  total: number;
  nextCursor: string | null;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  active: boolean;
  memberCount?: number;
}

export interface Subject {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

/** A colleague from GET /staff: enough to assign work to them, no contact details. */
export interface Colleague {
  id: number;
  name: string;
  role: Role;
  unitIds: number[];
}

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  language?: string;
  mustChangePassword?: boolean;
  locked?: boolean;
  unitIds: number[];
  managedUnitIds?: number[];
  temporaryPassword?: string;
}

export interface TimelineAttachment {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface TimelineEntry {
  id: number;
  kind: 'inbound' | 'outbound' | 'note' | 'referral' | 'referral_reply' | 'attachment';
  channel: string | null;
  subject: string | null;
  body: string | null;
  author: string | null;
  templateId: number | null;
  templateVersion: number | null;
  language: string | null;
  substantive: boolean | null;
  deliveryStatus: string | null;
  createdAt: string;
  attachments: TimelineAttachment[];
}

export interface Referral {
  id: number;
  unit: string;
  unitName: string;
  request: string;
  dueAt: string | null;
  /** The local date the reply is due (YYYY-MM-DD in the agency's time zone). */
  dueDate: string | null;
  status: string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export interface CaseTimeline {
  entries: TimelineEntry[];
  referrals: Referral[];
}

export interface DeadlineState {
  dueAt: string;
  met: boolean;
  metAt: string | null;
  overdue: boolean;
  calendarMillis: number;
  businessMillis: number;
}

export interface CaseDeadlines {
  paused: boolean;
  firstResponse: DeadlineState | null;
  resolution: DeadlineState | null;
  escalationLevel: number;
  escalationLevels: { level: number; name: string; notifyRole?: string }[];
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  actorUserId: number | null;
  action: string;
  changes: { field: string; old: unknown; new: unknown }[];
  reason: string | null;
  requestId: string | null;
}

export interface TemplateVersion {
  version: number;
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';
  subject: string;
  body?: string;
  fieldNames: string[];
  createdBy: { id: number; name: string | null } | null;
  createdAt: string;
  decidedBy: { id: number; name: string | null } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface TemplateSummary {
  id: number;
  code: string;
  name: string;
  channel: 'email' | 'letter' | 'phone';
  language: string;
  purpose: string;
  createdAt: string;
  latestVersion: TemplateVersion | null;
  approvedVersion: number | null;
}

export interface TemplateDetail extends Omit<TemplateSummary, 'latestVersion'> {
  versions: TemplateVersion[];
}

export interface RenderedResponse {
  templateId: number | null;
  templateVersion: number | null;
  language: string;
  fallback: boolean;
  subject: string;
  body: string;
  unknownFields: string[];
  /** Merge fields with no value for this case: sending them needs a confirmation (allowEmptyFields). */
  emptyFields?: string[];
}

export interface PersonContact {
  value: string;
  label: string | null;
  isPrimary: boolean;
}

export interface Person {
  id: number;
  firstName: string;
  lastName: string;
  kind: string;
  organisation: string | null;
  preferredLanguage: string;
  interpretationNeeded: boolean;
  accessibilityNeeds: string[];
  notes: string | null;
  emails: PersonContact[];
  phones: PersonContact[];
  addresses: PersonContact[];
  mergedIntoId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PersonWithHistory extends Person {
  cases: {
    trackingNumber: string;
    subjectCode: string | null;
    subjectName: string | null;
    status: string;
    receivedAt: string;
    role: 'writer' | 'onBehalfOf';
  }[];
}

export interface DuplicateSuggestion {
  person: Person;
  reasons: { reason: 'sameEmail' | 'samePhone' | 'sameNameAndAddress'; value: string }[];
}

export interface RoutingRule {
  id: number;
  name: string;
  position: number;
  conditions: Record<'channel' | 'subject' | 'words' | 'writerType' | 'language' | 'facility', string[] | undefined>;
  actions: { unitCode?: string; priority?: string; serviceStandardId?: number; tags?: string[] };
  stopProcessing: boolean;
  active: boolean;
  version: number;
}

export interface ServiceStandard {
  id: number;
  name: string;
  position: number;
  match: Record<'channel' | 'subject' | 'priority' | 'writerType', string[] | undefined>;
  firstResponse: { amount: number; unit: string } | null;
  resolution: { amount: number; unit: string } | null;
  warningPercent: number;
  active: boolean;
  version: number;
}

export interface AgencySettings {
  slug: string;
  name: string;
  timeZone: string;
  trackingPrefix: string;
  calendar: {
    preset?: string;
    workingHours: Record<string, { start: string; end: string } | null>;
    holidays: { date: string; name: string }[];
  };
  escalationLevels: { level: number; name: string; notifyRole: string }[];
  version: number;
}
