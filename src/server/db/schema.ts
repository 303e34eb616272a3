// The Database interface Kysely checks every query against. One interface per table, columns as they come back
// from either driver (timestamptz → Date, bigint/numeric → number, jsonb → parsed value).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
  BusinessCalendar,
  EscalationLevel,
  Priority,
  RuleActions,
  RuleConditions,
  StandardMatch,
  Target,
  WriterType,
} from '../../domain/types.ts';
import type { RecurrenceRule } from '../../domain/recurrence.ts';

export type {
  BusinessCalendar,
  EscalationLevel,
  Priority,
  RuleActions,
  RuleConditions,
  StandardMatch,
  Target,
  WriterType,
};

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** A local calendar date 'YYYY-MM-DD' (PostgreSQL date; repositories read it back with to_char). */
type LocalDate = string;

export type Role = 'administrator' | 'supervisor' | 'caseworker' | 'unit_liaison' | 'auditor';
export type CaseStatus =
  'new' | 'triaged' | 'assigned' | 'in_progress' | 'waiting_on_constituent' | 'responded' | 'closed';
export type TemplateChannel = 'email' | 'letter' | 'phone';
export type TemplateResponseKind = 'acknowledgement' | 'substantive';
export type NotificationKind =
  | 'assigned'
  | 'referral'
  | 'reply'
  | 'escalated'
  | 'approval_requested'
  | 'mentioned'
  | 'deadline_warning'
  | 'action_overdue'
  | 'action_escalated'
  | 'repeat_contact'
  | 'milestone_due'
  | 'milestone_overdue'
  | 'procedure_review_due'
  | 'training_due'
  | 'training_overdue'
  | 'procedure_acknowledgement_due';
export type NotificationEmailPreference = 'immediate' | 'daily_digest' | 'off';
export type TemplateStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface AgenciesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  time_zone: string;
  tracking_prefix: string;
  calendar: Json<BusinessCalendar>;
  escalation_levels: Json<EscalationLevel[]>;
  settings: Json<Record<string, unknown>>;
  /** Open311 jurisdiction_id; null means the slug (migration 0005). */
  jurisdiction_id: string | null;
  version: Generated<number>;
  /** Bumped by triggers on every configuration change (migration 0009); intake caches configuration against it. */
  config_version: Generated<number>;
  created_at: CreatedAt;
}

export interface UnitsTable {
  agency_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  agency_id: number;
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  language: Generated<string>;
  created_at: CreatedAt;
}

export interface UnitMembershipsTable {
  agency_id: number;
  user_id: number;
  unit_id: number;
  is_manager: Generated<boolean>;
}

export interface SessionsTable {
  id: string;
  agency_id: number;
  user_id: number;
  csrf_token: string;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
  created_at: CreatedAt;
}

/** Failed sign-ins per email digest ('email:…') and per client address digest ('address:…'). */
export interface SignInLimitsTable {
  key: string;
  failures: Generated<number>;
  window_started_at: Generated<Date>;
  locked_until: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface ApiTokensTable {
  agency_id: number;
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Generated<Date>;
  created_at: CreatedAt;
}

export interface SubjectsTable {
  agency_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  parent_code: string | null;
  active: Generated<boolean>;
}

export interface PeopleTable {
  agency_id: number;
  id: Generated<number>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  kind: Generated<WriterType>;
  organisation: string | null;
  preferred_language: Generated<string>;
  interpretation_needed: Generated<boolean>;
  accessibility_needs: Generated<string[]>;
  notes: string | null;
  merged_into_id: number | null;
  /** Why the person is kept inside the confidential compartment, or null (migration 0021). */
  confidential_reason: ConfidentialReason | null;
  /** When retention anonymised the person (migration 0029). */
  anonymised_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  search: ColumnType<string, never, never>;
}

export type ConfidentialReason = 'protective_order' | 'address_confidentiality' | 'safety_risk';

export interface PersonContactsTable {
  agency_id: number;
  person_id: number;
  kind: 'email' | 'phone' | 'address';
  value: string;
  normalized: string;
  label: string | null;
  is_primary: Generated<boolean>;
  /** Order within the person's contacts of this kind, as last entered (migration 0003). */
  position: Generated<number>;
  /** The case whose intake gave this contact, when known (migration 0021). */
  case_id: number | null;
  /** Given inside the confidential compartment: shown only to those who may see a restricted case of the person. */
  restricted: Generated<boolean>;
}

export interface TrackingCountersTable {
  agency_id: number;
  year: number;
  last_value: number;
}

export interface ServiceStandardsTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  position: number;
  match: Json<StandardMatch>;
  first_response: Json<Target | null>;
  resolution: Json<Target | null>;
  warning_percent: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
}

export interface RoutingRulesTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  position: number;
  conditions: Json<RuleConditions>;
  actions: Json<RuleActions>;
  stop_processing: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
}

export interface CasesTable {
  agency_id: number;
  id: Generated<number>;
  tracking_number: string;
  channel: string;
  channel_slug: string | null;
  subject_code: string | null;
  description: Generated<string>;
  received_at: Timestamp;
  status: Generated<CaseStatus>;
  priority: Generated<Priority>;
  language: Generated<string>;
  writer_type: Generated<WriterType>;
  person_id: number | null;
  on_behalf_of_person_id: number | null;
  unit_id: number | null;
  assignee_id: number | null;
  facility: string | null;
  restricted: Generated<boolean>;
  tags: Generated<string[]>;
  service_standard_id: number | null;
  first_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  first_response_at: Timestamp | null;
  closed_at: Timestamp | null;
  paused_at: Timestamp | null;
  /** Clock pauses as ISO instants; see domain Pause. */
  pauses: ColumnType<{ from: string; to: string | null }[], string | undefined, string>;
  escalation_level: Generated<number>;
  escalated_at: Timestamp | null;
  warned_at: Timestamp | null;
  merged_into_id: number | null;
  external_id: string | null;
  /** The source row's fields of an imported case (e.g. NYC 311) and a hash of them (migration 0007). */
  external_data: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null> | null;
  import_hash: string | null;
  /** Staff keep the submitter's description, media and address out of Open311's public answers (migration 0021). */
  details_private: Generated<boolean>;
  /** When retention anonymised the case (migration 0029). */
  anonymised_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  search: ColumnType<string, never, never>;
}

export interface CaseAccessTable {
  agency_id: number;
  case_id: number;
  user_id: number;
}

export interface CaseLinksTable {
  agency_id: number;
  case_id: number;
  other_case_id: number;
  kind: 'duplicate_of' | 'related' | 'parent_of' | 'child_of';
  created_at: CreatedAt;
}

export interface TimelineEntriesTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number;
  kind: 'inbound' | 'outbound' | 'note' | 'referral' | 'referral_reply' | 'attachment';
  channel: string | null;
  author_user_id: number | null;
  subject: string | null;
  body: Generated<string>;
  template_id: number | null;
  template_version: number | null;
  language: string | null;
  substantive: Generated<boolean>;
  delivery_status: string | null;
  /** Shown to the public (Open311 status_notes, status page) — migration 0005. */
  public: Generated<boolean>;
  created_at: CreatedAt;
  search: ColumnType<string, never, never>;
}

export interface AttachmentsTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number;
  entry_id: number | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  created_at: CreatedAt;
}

export interface ReferralsTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  request: string;
  due_at: Timestamp | null;
  /** The local date the reply is due (migration 0023); due_at is the end of that day in the agency's zone. */
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  escalation_level: Generated<number>;
  escalated_at: Timestamp | null;
  status: Generated<'open' | 'answered' | 'withdrawn'>;
  reply: string | null;
  replied_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TemplatesTable {
  agency_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  channel: TemplateChannel;
  language: string;
  purpose: Generated<string>;
  /** Only a substantive response stops the first-response clock (migration 0023). */
  response_kind: Generated<TemplateResponseKind>;
  created_at: CreatedAt;
}

export interface TemplateVersionsTable {
  agency_id: number;
  template_id: number;
  version: number;
  subject: Generated<string>;
  body: string;
  status: Generated<TemplateStatus>;
  created_by: number | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: CreatedAt;
}

export interface AuditEventsTable {
  agency_id: number;
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  case_id: number | null;
  changes: Json<FieldChange[]>;
  reason: string | null;
  request_id: string | null;
  /** The client address of the request (reads of sensitive records, exports; migration 0021). */
  ip_address: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  agency_id: number | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_at: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  done_at: Timestamp | null;
  unique_key: string | null;
  created_at: CreatedAt;
}

/** What a configured channel adds at intake: its unit, subjects offered on its form, languages, standard. */
export interface ChannelSettings {
  unitCode?: string;
  subjects?: string[];
  languages?: string[];
  serviceStandardId?: number;
  description?: string;
}

export interface ChannelsTable {
  agency_id: number;
  id: Generated<number>;
  slug: string;
  type: string;
  name: string;
  address: string | null;
  phone_number: string | null;
  public_form: Generated<boolean>;
  settings: Json<ChannelSettings>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** An Open311 API key of a 311 system; only the SHA-256 digest of the key is stored (migration 0005). */
export interface Open311KeysTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  key_hash: string;
  created_by: number | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

/** One question a subject asks through Open311 (a service definition attribute). */
export interface Open311Question {
  code: string;
  variable: boolean;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  datatypeDescription?: string;
  order: number;
  values?: { key: string; name: string }[];
}

/** The Open311 service definition of a subject: description, keywords and questions. */
export interface Open311ServicesTable {
  agency_id: number;
  subject_code: string;
  description: Generated<string>;
  keywords: Generated<string[]>;
  questions: Json<Open311Question[]>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** What an Open311 request adds to its case: location, attribute answers, media, device and account. */
export interface Open311RequestsTable {
  agency_id: number;
  case_id: number;
  key_id: number;
  service_code: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  address_id: string | null;
  zipcode: string | null;
  media_url: string | null;
  device_id: string | null;
  account_id: string | null;
  attributes: Json<Record<string, string | string[]>>;
  created_at: CreatedAt;
}

/** Duplicate-submission claims: the latest case per (key, fingerprint of the submission). */
export interface Open311SubmissionsTable {
  agency_id: number;
  key_id: number;
  fingerprint: string;
  case_id: number | null;
  created_at: Timestamp;
}

/** Secrets the server derives once and keeps (migration 0008), e.g. the public form-token key. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

/** One status-page access code of a case, as its SHA-256 digest ('s1:' + hex); the code is shown once (0029). */
export interface CaseAccessCodesTable {
  agency_id: number;
  case_id: number;
  code_hash: string;
  created_at: CreatedAt;
}

/** After how many years closed the cases of a kind are anonymised or deleted (migration 0029). */
export interface RetentionRulesTable {
  agency_id: number;
  /** A subject code, '*' for every other case, '#restricted' for restricted cases. */
  case_kind: string;
  years: number;
  action: 'anonymise' | 'delete';
  updated_at: Generated<Date>;
}

/** A signed public-form token once used: the case it made, so a second send of the same form makes none. */
export interface PortalSubmissionsTable {
  agency_id: number;
  token_digest: string;
  case_id: number | null;
  tracking_number: string | null;
  /** When the token was claimed (moved forward when a stalled claim is taken over). */
  created_at: Generated<Date>;
}

/** One satisfaction-survey invitation per closed case; only the token's SHA-256 digest is kept. */
export interface SurveyInvitationsTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number;
  token_digest: string;
  language: Generated<string>;
  created_at: CreatedAt;
  expires_at: Timestamp;
  answered_at: Timestamp | null;
}

/** A constituent's answer to a satisfaction survey (read by the reports). */
export interface SurveyResponsesTable {
  agency_id: number;
  id: Generated<number>;
  invitation_id: number;
  case_id: number;
  satisfaction: number;
  resolved: boolean | null;
  comment: Generated<string>;
  language: Generated<string>;
  created_at: CreatedAt;
}

/** An email we received or sent: Message-ID → case, for threading, idempotency and campaigns (migration 0006). */
export interface EmailMessagesTable {
  agency_id: number;
  id: Generated<number>;
  direction: 'inbound' | 'outbound';
  case_id: number | null;
  entry_id: number | null;
  message_id: string;
  in_reply_to: string | null;
  reference_ids: Generated<string[]>;
  from_address: Generated<string>;
  to_address: Generated<string>;
  subject: Generated<string>;
  fingerprint: string | null;
  campaign_key: string | null;
  received_at: Generated<Date>;
}

/** Outbound mail waiting for, or past, the relay; written in the same transaction as its response (0006). */
export interface OutboxTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number | null;
  entry_id: number | null;
  /** 'notification' (0015): mail to staff, such as a new-issue alert, with no case of its own. */
  kind: 'acknowledgement' | 'response' | 'notification';
  message_id: string;
  from_address: string;
  to_address: string;
  to_name: Generated<string>;
  subject: string;
  body: string;
  in_reply_to: string | null;
  reference_ids: Generated<string[]>;
  auto_submitted: Generated<boolean>;
  status: Generated<'queued' | 'sent' | 'failed' | 'bounced'>;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  bounced_at: Timestamp | null;
  created_at: CreatedAt;
}

/** A raw inbound message that became no case: unparsable, auto-reply, bounce or loop (migration 0006). */
export interface EmailQuarantineTable {
  id: Generated<number>;
  agency_id: number | null;
  channel_slug: string | null;
  kind: 'unparsable' | 'auto_reply' | 'bounce' | 'loop' | 'unverified_sender';
  reason: string;
  case_id: number | null;
  envelope_from: string | null;
  envelope_to: string | null;
  message_id: string | null;
  subject: string | null;
  /** The header From of a message held back from a case (migration 0021). */
  from_address: string | null;
  raw: Buffer;
  flagged: Generated<boolean>;
  received_at: Generated<Date>;
}

/** An IMAP mailbox polled for an email channel; the password is a secret, never logged or returned (0006). */
export interface EmailMailboxesTable {
  agency_id: number;
  channel_id: number;
  host: string;
  port: number;
  secure: Generated<boolean>;
  username: string;
  password: string;
  folder: Generated<string>;
  move_to: string | null;
  active: Generated<boolean>;
  last_polled_at: Timestamp | null;
  last_error: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** One run of `civicdesk import …` and its report (migration 0007). */
export interface ImportRunsTable {
  agency_id: number;
  id: Generated<number>;
  kind: 'nyc311' | 'cases' | 'calls' | 'interpretations';
  file_name: string;
  status: Generated<'running' | 'completed' | 'aborted' | 'failed'>;
  options: Json<Record<string, unknown>>;
  report: Json<Record<string, unknown>>;
  actor_label: string;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
}

/** 311 mapping: a complaint type to a subject code, a city agency to a unit code. */
export interface ImportMappingsTable {
  agency_id: number;
  kind: 'complaint_type' | 'agency';
  source_key: string;
  source: string;
  target_code: string;
  created_at: CreatedAt;
}

/** A call-centre record (imported), for the call indicators. */
export interface CallsTable {
  agency_id: number;
  id: Generated<number>;
  call_id: string;
  queue: Generated<string>;
  offered_at: Timestamp;
  answered_at: Timestamp | null;
  abandoned_at: Timestamp | null;
  ended_at: Timestamp | null;
  agent: string | null;
  language: string | null;
  row_hash: string;
  import_run_id: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** An interpretation request (imported), for "completed requests for interpretation". */
export interface InterpretationRequestsTable {
  agency_id: number;
  id: Generated<number>;
  row_hash: string;
  requested_at: Timestamp;
  language: string;
  mode: string | null;
  completed_at: Timestamp | null;
  import_run_id: number | null;
  created_at: CreatedAt;
}

/** The agency's letterhead on printed letters (migration 0010). */
export interface LetterheadsTable {
  agency_id: number;
  name: string;
  address_lines: Json<string[]>;
  phone: Generated<string>;
  web: Generated<string>;
  /** A PNG or JPEG as a data: URL, checked by its first bytes. */
  logo_data_url: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** One print run: the PDF of every letter that was waiting, as printed (migration 0010). */
export interface PrintBatchesTable {
  agency_id: number;
  id: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  letter_count: number;
  storage_key: string;
  size_bytes: number;
  /** A date column; read it as text (to_char) so neither driver shifts it by a time zone. */
  mailed_on: ColumnType<string | null, string | null | undefined, string | null>;
  mailed_by: number | null;
  mailed_at: Timestamp | null;
}

/** The letters (outbound timeline entries) of a print batch, in print order (migration 0010). */
export interface PrintBatchLettersTable {
  agency_id: number;
  batch_id: number;
  entry_id: number;
  case_id: number;
  position: number;
}

/** The mailing log: the date each letter was mailed (migration 0010). */
export interface LetterMailingsTable {
  agency_id: number;
  entry_id: number;
  case_id: number;
  batch_id: number | null;
  mailed_on: ColumnType<string, string, string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

/** A significant rise in a subject's, facility's or unit's count, told to the unit's managers (migration 0015). */
export interface IssueAlertsTable {
  agency_id: number;
  id: Generated<number>;
  dimension: 'subject' | 'facility' | 'unit' | 'subject_facility';
  /** Subject code, facility, unit id as text, or "SUBJECT|Facility". */
  key: string;
  label: string;
  window: 'day' | 'week';
  /** Local dates (YYYY-MM-DD; select them as text). */
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  observed: number;
  expected: number;
  probability: number;
  /** Counts of the windows before it and its own, oldest first: 13 weeks, or 28 days for a day alert. */
  history: Generated<number[]>;
  unit_id: number | null;
  created_at: CreatedAt;
  acknowledged_by: number | null;
  acknowledged_at: Timestamp | null;
}

/** One daily new-issue detection per agency and judged day (migration 0015): what it raised, and when it ran. */
export interface IssueDetectionRunsTable {
  agency_id: number;
  /** The last day judged (local date, YYYY-MM-DD; select it as text). */
  as_of: ColumnType<string, string, string>;
  raised: number;
  ran_at: ColumnType<Date, Date | undefined, Date>;
}

/** An administrator's target for one customer-service indicator of the agency (migration 0012). */
export interface IndicatorTargetsTable {
  agency_id: number;
  key: string;
  target: number;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

/** Case counts per agency, local day and dimensions, kept by triggers on cases (migration 0014). */
export interface CaseDailyRollupsTable {
  agency_id: number;
  /** Local date (YYYY-MM-DD; select it as text): receipt day for received/responses, close day for closed. */
  day: ColumnType<string, string, string>;
  channel: string;
  /** '' when the case came through no configured channel. */
  channel_slug: string;
  /** '' when the case has no subject. */
  subject_code: string;
  /** 0 when the case is not routed to a unit. */
  unit_id: number;
  restricted: boolean;
  /** The writing connection's stripe (migration 0019): readers sum over stripes. */
  stripe: Generated<number>;
  received: number;
  first_responded: number;
  first_response_seconds: number;
  responded_with_standard: number;
  responded_within_standard: number;
  responded_same_day: number;
  responded_1_day: number;
  responded_2_3_days: number;
  responded_4_7_days: number;
  responded_8_14_days: number;
  responded_15_30_days: number;
  responded_31_plus_days: number;
  closed: number;
  closed_seconds: number;
}

/** Open cases now per agency, dimensions and local resolution due day ('infinity' when none) (migration 0014). */
export interface CaseOpenRollupsTable {
  agency_id: number;
  resolution_due_day: ColumnType<string, string, string>;
  channel: string;
  channel_slug: string;
  subject_code: string;
  unit_id: number;
  restricted: boolean;
  stripe: Generated<number>;
  open_cases: number;
}

/** A saved ad-hoc cross-tab: its definition, owner and sharing (migration 0016). */
export interface SavedReportsTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  /** A CrosstabDefinition (src/server/reports/crosstab-definition.ts), checked again whenever it is run. */
  definition: Json<Record<string, unknown>>;
  owner_user_id: number;
  shared_with: Generated<'private' | 'unit' | 'agency'>;
  shared_unit_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** A queue's filters, sort and columns saved under a name, personal or shared (migration 0035). */
export interface SavedViewsTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  /** A SavedViewDefinition (src/shared/queues.ts): queue, filters, sort, columns. */
  definition: Json<Record<string, unknown>>;
  owner_user_id: number;
  shared_with: Generated<'private' | 'unit' | 'agency'>;
  shared_unit_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** One bulk coding: what it changed, and per case the values and version it replaced, for undo (migration 0035). */
export interface BulkChangesTable {
  agency_id: number;
  id: Generated<number>;
  actor_user_id: number;
  changes: Json<Record<string, unknown>>;
  entries: Json<Record<string, unknown>[]>;
  undo_until: Date;
  undone_at: Date | null;
  created_at: CreatedAt;
}

/** A report sent by email each month to configured recipients, built with its owner's policies (migration 0013). */
export interface ReportSchedulesTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  /** A key of reportBuilders (src/server/reports/report-builders.ts). */
  report_kind: string;
  saved_report_id: number | null;
  formats: string[];
  recipients: string[];
  /** 'first_business_day' or 'day_of_month:N'. */
  run_on: string;
  /** Local time of day; comes back as 'HH:MM:SS'. */
  run_at_local: ColumnType<string, string | undefined, string>;
  active: Generated<boolean>;
  owner_user_id: number;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** One sending of a schedule's report for one period; unique per schedule and period (migration 0013). */
export interface ReportDeliveriesTable {
  agency_id: number;
  id: Generated<number>;
  schedule_id: number;
  period_key: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  trigger: Generated<'schedule' | 'send_now'>;
  requested_by: number | null;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  message_id: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** A measure of an agency's catalogue (migration 0025): federal, California or the agency's own. */
export interface QualityMeasuresTable {
  agency_id: number;
  id: Generated<number>;
  key: string;
  name: string;
  description: Generated<string>;
  source: 'federal' | 'california' | 'manual';
  period_kind: 'month' | 'quarter' | 'federal_fiscal_year' | 'city_fiscal_year';
  unit: 'percent' | 'ratio' | 'dollars' | 'count' | 'seconds';
  direction: 'higher' | 'lower';
  numerator_label: string;
  denominator_label: string;
  report_lines: Generated<string>;
  /** A ThresholdProfile of src/domain/measures.ts. */
  threshold_profile: Generated<string>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
}

/** One period's value of a measure, replaced (with audit) when the period is entered again (migration 0025). */
export interface QualityMeasureValuesTable {
  agency_id: number;
  id: Generated<number>;
  measure_id: number;
  period_key: string;
  /** Local dates (select as text). */
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  numerator: number;
  denominator: number;
  value: number;
  source: Generated<string>;
  entered_via: 'console' | 'api' | 'import';
  reliable: Generated<boolean>;
  reliability_note: Generated<string>;
  entered_by: number | null;
  entered_by_name: string;
  entered_at: Generated<Date>;
  version: Generated<number>;
}

/** An agency's goal for a measure in one year (the fiscal year for fiscal-year measures; migration 0025). */
export interface QualityMeasureGoalsTable {
  agency_id: number;
  measure_id: number;
  year: number;
  goal: number;
  set_by: number | null;
  set_at: Generated<Date>;
}

/** An improvement action plan (migration 0025). */
export interface ActionPlansTable {
  agency_id: number;
  id: Generated<number>;
  title: string;
  /** A key of the measures catalogue (an entered measure or one of civicdesk's indicators). */
  measure_key: string | null;
  owner_user_id: number;
  goal: string;
  baseline: Generated<string>;
  origin: Generated<string>;
  review_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<'open' | 'completed' | 'cancelled'>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** One action of a plan: owner, due date, completion and evidence; flagged by the sweep when overdue (0025). */
export interface ActionPlanActionsTable {
  agency_id: number;
  id: Generated<number>;
  plan_id: number;
  position: number;
  title: string;
  owner_user_id: number;
  due_on: ColumnType<string, string, string>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
  completed_by: number | null;
  evidence: Generated<string>;
  overdue_flagged_at: Timestamp | null;
  escalation_level: Generated<number>;
}

/** A document of the procedures library; its text lives in its versions (migration 0025). */
export interface ProceduresTable {
  agency_id: number;
  id: Generated<number>;
  kind: Generated<'policy' | 'procedure' | 'script' | 'desk_guide'>;
  owner_user_id: number | null;
  review_months: number | null;
  created_at: CreatedAt;
  /** The review due date whose reminder was sent (migration 0032). */
  review_notified_for: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One version of a procedure: draft → approved → retired, like template versions (migration 0025). */
export interface ProcedureVersionsTable {
  agency_id: number;
  procedure_id: number;
  version: number;
  title: string;
  body: string;
  status: Generated<'draft' | 'approved' | 'retired'>;
  effective_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
  decided_by: number | null;
  decided_at: Timestamp | null;
  search: ColumnType<string, never, never>;
  /** A course staff must complete once this version is approved (migration 0032). */
  required_course_id: number | null;
  /** Staff must acknowledge this version once approved (migration 0032). */
  acknowledgement_required: Generated<boolean>;
}

/** A staff member's acknowledgement of having read one procedure version (migration 0025). */
export interface ProcedureAcknowledgementsTable {
  agency_id: number;
  procedure_id: number;
  version: number;
  user_id: number;
  acknowledged_at: Generated<Date>;
}

/** A supervisor's review of a closed case's response, scored against the rubric (migration 0025). */
export interface ResponseReviewsTable {
  agency_id: number;
  id: Generated<number>;
  case_id: number;
  /** The case's assignee when it was reviewed. */
  worker_user_id: number | null;
  reviewer_user_id: number | null;
  scores: Json<Record<string, number>>;
  average: number;
  comment: Generated<string>;
  created_at: CreatedAt;
  /** The agency rubric version it was scored with; null = the built-in rubric (migration 0032). */
  rubric_version: number | null;
  /** The course the finding assigned to the worker (migration 0032). */
  assigned_course_id: number | null;
}

/** A procedure linked from a subject or a routing rule (migration 0032). */
export interface ProcedureLinksTable {
  agency_id: number;
  id: Generated<number>;
  procedure_id: number;
  subject_id: number | null;
  routing_rule_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A file on a procedure or on a plan action (evidence), in the attachments' storage (migration 0032). */
export interface QualityAttachmentsTable {
  agency_id: number;
  id: Generated<number>;
  procedure_id: number | null;
  /** The version of the procedure the file belongs to; set exactly when procedure_id is (migration 0038). */
  procedure_version: number | null;
  action_id: number | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

/** One version of an agency's review rubric (migration 0032). */
export interface ReviewRubricsTable {
  agency_id: number;
  version: number;
  scale_min: number;
  scale_max: number;
  criteria: Json<{ key: string; label: string; description: string; weight: number; active: boolean }[]>;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A course assigned to a person, e.g. by a review finding (migration 0032). */
export interface TrainingAssignmentsTable {
  agency_id: number;
  id: Generated<number>;
  user_id: number;
  course_id: number;
  review_id: number | null;
  reason: Generated<string>;
  assigned_by: number | null;
  assigned_on: ColumnType<string, string, string>;
}

/** A training reminder already sent: one per person, course, due date and standing (migration 0032). */
export interface TrainingRemindersTable {
  agency_id: number;
  user_id: number;
  course_id: number;
  due_on: ColumnType<string, string, string>;
  standing: 'due_soon' | 'overdue';
  notified_at: Generated<Date>;
}

/** A reminder sent to someone who still owed a procedure version's obligation past its due date (migration 0041). */
export interface ProcedureObligationRemindersTable {
  agency_id: number;
  procedure_id: number;
  version: number;
  user_id: number;
  obligation: 'acknowledgement' | 'training';
  notified_at: Generated<Date>;
}

/** A training course, required for a role and/or a unit, renewed every N months (migration 0025). */
export interface TrainingCoursesTable {
  agency_id: number;
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  required_for_role: Role | null;
  required_for_unit_id: number | null;
  renewal_months: number | null;
  procedure_id: number | null;
  created_at: CreatedAt;
}

/** A session of a course on a local date (migration 0025). */
export interface TrainingSessionsTable {
  agency_id: number;
  id: Generated<number>;
  course_id: number;
  held_on: ColumnType<string, string, string>;
  place: Generated<string>;
  trainer: Generated<string>;
  capacity: number | null;
}

/** A staff member enrolled in a session; attendance completes the course on the session's date (migration 0025). */
export interface TrainingEnrolmentsTable {
  agency_id: number;
  session_id: number;
  user_id: number;
  attended: boolean | null;
  evaluation_score: number | null;
  comment: Generated<string>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What kind of contact a case is and the program's own case number (migration 0024); no row = a plain case. */
export interface CaseDetailsTable {
  agency_id: number;
  case_id: number;
  kind: Generated<'case' | 'inquiry'>;
  program_case_number: string | null;
  /** The inquiry's participant: custodial party, noncustodial parent or authorized representative (0031). */
  participant_role: 'custodial_party' | 'noncustodial_parent' | 'authorized_representative' | null;
  /** Whether the participant was satisfied when the inquiry was closed (0031). */
  satisfied: boolean | null;
  outcome_note: string | null;
  closed_on: LocalDate | null;
  /** What the repeat-contact rule did on intake: suggested a complaint or converted the inquiry into one (0031). */
  repeat_action: 'suggest' | 'convert' | null;
}

/** A complaint deadline the sweep warned about or escalated; a new due date starts it afresh (0031). */
export interface ComplaintDeadlineStepsTable {
  agency_id: number;
  complaint_id: number;
  deadline_key: string;
  due_on: LocalDate;
  warned_at: Timestamp | null;
  escalation_level: Generated<number>;
  escalated_at: Timestamp | null;
}

export interface ComplaintCountersTable {
  agency_id: number;
  year: number;
  last_value: Generated<number>;
}

/** A formal complaint (migration 0024); every date column is a local date 'YYYY-MM-DD'. */
export interface ComplaintsTable {
  agency_id: number;
  id: Generated<number>;
  complaint_number: string;
  status: Generated<'open' | 'resolved' | 'transferred' | 'withdrawn'>;
  case_id: number | null;
  restricted: Generated<boolean>;
  program_case_number: string;
  complainant_first_name: string;
  complainant_last_name: string;
  complainant_role: 'custodial_party' | 'noncustodial_parent' | 'authorized_representative';
  complainant_email: string | null;
  complainant_phone: string | null;
  language: Generated<string>;
  received_via: 'in_person' | 'phone' | 'mail' | 'email' | 'web' | 'transfer';
  received_on: LocalDate;
  postmarked_on: LocalDate | null;
  knew_of_action_on: LocalDate | null;
  receipt_date: LocalDate;
  filing_deadline_on: LocalDate | null;
  filed_late: Generated<boolean>;
  late_reason: string | null;
  resolution_due_on: LocalDate;
  transfer_due_on: LocalDate;
  extensions: Generated<number>;
  extension_reason: string | null;
  extended_on: LocalDate | null;
  findings: string | null;
  resolved_on: LocalDate | null;
  resolution_notice_mailed_on: LocalDate | null;
  hearing_request_deadline_on: LocalDate | null;
  investigator_user_id: number | null;
  investigator_override_reason: string | null;
  transferred_to: string | null;
  transferred_on: LocalDate | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ComplaintIssuesTable {
  agency_id: number;
  complaint_id: number;
  position: number;
  category: string;
  description: Generated<string>;
}

export interface HearingRequestsTable {
  agency_id: number;
  id: Generated<number>;
  complaint_id: number;
  requested_on: LocalDate;
  eligible: boolean;
  issues: Json<{ category: string; eligible: boolean; reasons: string[] }[]>;
  reasons: string[];
  request_deadline_on: LocalDate;
  hearing_on: LocalDate | null;
  hearing_place: string | null;
  interpreter_language: string | null;
  dismissal_notice_on: LocalDate | null;
  dismissal_effective_on: LocalDate | null;
  decision_adopted_on: LocalDate | null;
  decision_presumed_received_on: LocalDate | null;
  decision_outcomes: ColumnType<
    { category: string; outcome: 'granted' | 'denied' }[] | null,
    string | null | undefined,
    string | null
  >;
  compliance_report_due_on: LocalDate | null;
  created_by: number | null;
  created_at: CreatedAt;
  /** The position statement's parts written by staff (0031). */
  position_facts: string | null;
  position_citations: string | null;
  position_witnesses: string | null;
  position_exhibit_ids: Generated<number[]>;
  compliance_report_filed_on: LocalDate | null;
}

/** A notice of the complaint process merged from its approved template (migration 0024). */
export interface ComplaintNoticesTable {
  agency_id: number;
  id: Generated<number>;
  complaint_id: number;
  code: string;
  language: string;
  subject: string;
  body: string;
  template_id: number | null;
  template_version: number | null;
  mailed_on: LocalDate | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** An action a complaint's resolution requires, who is responsible and when it was done (migration 0024). */
/** A party of a case or of a complaint, a person with a role (migration 0030). */
export interface CasePartiesTable {
  agency_id: number;
  id: Generated<number>;
  /** Exactly one of case_id and complaint_id is set. */
  case_id: number | null;
  complaint_id: number | null;
  person_id: number;
  role: 'custodial_party' | 'noncustodial_parent' | 'authorized_representative' | 'attorney' | 'other';
  /** An authorized representative's authorization on file: a reference, an attachment of the case, its expiry. */
  authorization_reference: string | null;
  authorization_attachment_id: number | null;
  authorization_expires_on: LocalDate | null;
  /** Under a protective order: the address is shown only to the users named here (policies/person-access.ts). */
  protective_order: Generated<boolean>;
  protected_staff_user_ids: Generated<number[]>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export interface ComplaintActionsTable {
  agency_id: number;
  id: Generated<number>;
  complaint_id: number;
  action: string;
  responsible_kind: 'unit' | 'employee' | 'other_agency' | 'third_party';
  responsible_name: string;
  due_on: LocalDate | null;
  completed_on: LocalDate | null;
  created_by: number | null;
  created_at: CreatedAt;
}

// Community and communications (migration 0026).
export interface OrganizationsTable {
  agency_id: number;
  id: Generated<number>;
  name: string;
  /** The name folded for search: lower case, accents and punctuation removed (normalizeName). */
  search_name: string;
  type: string;
  languages: Generated<string[]>;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  notes: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface OrganizationContactsTable {
  agency_id: number;
  organization_id: number;
  person_id: number;
  role: Generated<string>;
  created_at: CreatedAt;
}

export interface EngagementsTable {
  agency_id: number;
  id: Generated<number>;
  kind: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: string | null;
  link: string | null;
  audience: Generated<string>;
  languages: Generated<string[]>;
  interpretation: Generated<string>;
  attendance: number | null;
  agenda: Generated<string>;
  minutes: Generated<string>;
  status: Generated<string>;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  /** A recurring series' rule (domain/recurrence.ts), null for a single meeting (migration 0034). */
  recurrence: Json<RecurrenceRule> | null;
  /** The end of a series' last meeting, for range queries; null for a single meeting. */
  series_ends_at: Timestamp | null;
  /** The area served (borough, community district, ZIP code, …), for outreach by area (migration 0039). */
  area: string | null;
}

/** The public feedback link of an engagement (migration 0042): the code's digest and the code sealed at rest. */
export interface EngagementFeedbackLinksTable {
  agency_id: number;
  engagement_id: number;
  code_hash: string;
  code_sealed: string;
  created_by_user_id: number | null;
  /** When the current code was made (a renewal sets it again). */
  created_at: Generated<Date>;
}

/** One anonymous answer to an engagement's feedback form: the portal survey's questions (migration 0042). */
export interface EngagementFeedbackTable {
  agency_id: number;
  id: Generated<number>;
  engagement_id: number;
  satisfaction: number;
  resolved: boolean | null;
  comment: Generated<string>;
  language: Generated<string>;
  created_at: CreatedAt;
}

export interface EngagementOrganizationsTable {
  agency_id: number;
  engagement_id: number;
  organization_id: number;
}

export interface EngagementIssuesTable {
  agency_id: number;
  id: Generated<number>;
  engagement_id: number;
  description: string;
  subject_code: string;
  outcome: string | null;
  case_id: number | null;
  follow_up_status: Generated<string>;
  follow_up_note: Generated<string>;
  reported_back_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface CommunityFollowUpsTable {
  agency_id: number;
  id: Generated<number>;
  issue_id: number;
  kind: string;
  description: string;
  status: Generated<string>;
  linked_type: string | null;
  linked_id: number | null;
  created_by_user_id: number | null;
  created_at: CreatedAt;
  done_at: Timestamp | null;
}

export interface MediaInquiriesTable {
  agency_id: number;
  id: Generated<number>;
  outlet: string;
  outlet_organization_id: number | null;
  reporter: string;
  reporter_contact: Generated<string>;
  topic: string;
  deadline_at: Timestamp;
  received_at: Generated<Date>;
  status: Generated<string>;
  spokesperson_user_id: number | null;
  draft_answer: Generated<string>;
  drafted_by_user_id: number | null;
  drafted_at: Timestamp | null;
  approved_by_user_id: number | null;
  approved_at: Timestamp | null;
  released_text: string | null;
  released_at: Timestamp | null;
  coverage_url: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** A public information material: flyer, brochure, fact sheet or call-centre script (migration 0033). */
export interface MaterialsTable {
  agency_id: number;
  id: Generated<number>;
  title: string;
  kind: 'flyer' | 'brochure' | 'fact_sheet' | 'script';
  description: Generated<string>;
  subject_code: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** One version of a material in one language, approved like a procedure; its file in the attachment storage. */
export interface MaterialVersionsTable {
  agency_id: number;
  id: Generated<number>;
  material_id: number;
  language: string;
  version: number;
  status: Generated<'draft' | 'approved' | 'retired'>;
  review_on: ColumnType<LocalDate | null, LocalDate | null | undefined, LocalDate | null>;
  note: Generated<string>;
  file_name: string | null;
  file_content_type: string | null;
  file_size_bytes: number | null;
  file_storage_key: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

/** How many copies of a material went to whom, or to which engagement or organisation (migration 0033). */
export interface MaterialDistributionsTable {
  agency_id: number;
  id: Generated<number>;
  material_id: number;
  language: string;
  quantity: number;
  distributed_on: ColumnType<LocalDate, LocalDate, LocalDate>;
  engagement_id: number | null;
  organization_id: number | null;
  recipient: Generated<string>;
  note: Generated<string>;
  recorded_by: number | null;
  created_at: CreatedAt;
}

/** A person who asked to receive no notices to the public (migration 0033). */
export interface NoticeOptOutsTable {
  agency_id: number;
  person_id: number;
  reason: Generated<string>;
  recorded_by: number | null;
  created_at: CreatedAt;
}

/** A notice to the public about a program change, sent to the people of a group of cases (migration 0033). */
export interface NoticesTable {
  agency_id: number;
  id: Generated<number>;
  title: string;
  template_code: string;
  delivery: 'email' | 'letter' | 'email_else_letter';
  audience: Json<Record<string, unknown>>;
  recipient_count: Generated<number>;
  suppressed_count: Generated<number>;
  sent_by: number | null;
  sent_at: Generated<Date>;
}

/** The delivery log of a notice: one row per person, sent on a channel (its timeline entry) or suppressed. */
export interface NoticeRecipientsTable {
  agency_id: number;
  notice_id: number;
  person_id: number;
  case_id: number | null;
  language: string;
  channel: 'email' | 'letter' | null;
  suppressed_reason: 'opted_out' | 'confidential' | 'no_address' | null;
  entry_id: number | null;
  send_after: Timestamp | null;
}

export interface NotificationsTable {
  agency_id: number;
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  case_id: number | null;
  template_id: number | null;
  referral_id: number | null;
  /** The action plan an action_overdue or action_escalated notification is about (migration 0028). */
  action_plan_id: number | null;
  /** The project a milestone_due or milestone_overdue notification is about (migration 0034). */
  project_id: number | null;
  /** The procedure a procedure_review_due notification is about (migration 0032). */
  procedure_id: Generated<number | null>;
  actor_user_id: number | null;
  /** One line for the inbox; never the content of a restricted case. */
  summary: string;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

/** A special project: an initiative with scope, owner, team and milestones (migration 0034). */
export interface ProjectsTable {
  agency_id: number;
  id: Generated<number>;
  title: string;
  scope: Generated<string>;
  owner_user_id: number;
  status: Generated<string>;
  /** The health of the latest status report: on_track, at_risk or late. */
  health: Generated<string>;
  starts_on: LocalDate | null;
  due_on: LocalDate | null;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ProjectMembersTable {
  agency_id: number;
  project_id: number;
  user_id: number;
  role: Generated<string>;
}

export interface ProjectMilestonesTable {
  agency_id: number;
  id: Generated<number>;
  project_id: number;
  title: string;
  due_on: LocalDate;
  completed_at: Timestamp | null;
  completed_by_user_id: number | null;
  /** 0 nothing sent, 1 the owner was told it is due soon, 2 told it is overdue (the deadline sweep). */
  alert_level: Generated<number>;
  created_at: CreatedAt;
}

export interface ProjectStatusReportsTable {
  agency_id: number;
  id: Generated<number>;
  project_id: number;
  health: string;
  summary: string;
  reported_by_user_id: number | null;
  reported_at: Generated<Date>;
}

export interface ProjectLinksTable {
  agency_id: number;
  project_id: number;
  linked_type: string;
  linked_id: number;
  created_at: CreatedAt;
}

export interface NotificationPreferencesTable {
  agency_id: number;
  user_id: number;
  email: NotificationEmailPreference;
  updated_at: Generated<Date>;
}

export interface Database {
  sign_in_limits: SignInLimitsTable;
  report_schedules: ReportSchedulesTable;
  report_deliveries: ReportDeliveriesTable;
  saved_reports: SavedReportsTable;
  saved_views: SavedViewsTable;
  bulk_changes: BulkChangesTable;
  channels: ChannelsTable;
  agencies: AgenciesTable;
  units: UnitsTable;
  users: UsersTable;
  unit_memberships: UnitMembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  subjects: SubjectsTable;
  people: PeopleTable;
  person_contacts: PersonContactsTable;
  tracking_counters: TrackingCountersTable;
  service_standards: ServiceStandardsTable;
  routing_rules: RoutingRulesTable;
  cases: CasesTable;
  case_access: CaseAccessTable;
  case_links: CaseLinksTable;
  timeline_entries: TimelineEntriesTable;
  attachments: AttachmentsTable;
  referrals: ReferralsTable;
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  email_messages: EmailMessagesTable;
  outbox: OutboxTable;
  email_quarantine: EmailQuarantineTable;
  email_mailboxes: EmailMailboxesTable;
  open311_keys: Open311KeysTable;
  open311_services: Open311ServicesTable;
  open311_requests: Open311RequestsTable;
  open311_submissions: Open311SubmissionsTable;
  server_secrets: ServerSecretsTable;
  case_access_codes: CaseAccessCodesTable;
  retention_rules: RetentionRulesTable;
  portal_submissions: PortalSubmissionsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  import_runs: ImportRunsTable;
  import_mappings: ImportMappingsTable;
  calls: CallsTable;
  interpretation_requests: InterpretationRequestsTable;
  letterheads: LetterheadsTable;
  print_batches: PrintBatchesTable;
  print_batch_letters: PrintBatchLettersTable;
  letter_mailings: LetterMailingsTable;
  issue_alerts: IssueAlertsTable;
  issue_detection_runs: IssueDetectionRunsTable;
  case_daily_rollups: CaseDailyRollupsTable;
  case_open_rollups: CaseOpenRollupsTable;
  indicator_targets: IndicatorTargetsTable;
  quality_measures: QualityMeasuresTable;
  quality_measure_values: QualityMeasureValuesTable;
  quality_measure_goals: QualityMeasureGoalsTable;
  action_plans: ActionPlansTable;
  action_plan_actions: ActionPlanActionsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  procedure_acknowledgements: ProcedureAcknowledgementsTable;
  response_reviews: ResponseReviewsTable;
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_enrolments: TrainingEnrolmentsTable;
  procedure_links: ProcedureLinksTable;
  quality_attachments: QualityAttachmentsTable;
  review_rubrics: ReviewRubricsTable;
  training_assignments: TrainingAssignmentsTable;
  training_reminders: TrainingRemindersTable;
  procedure_obligation_reminders: ProcedureObligationRemindersTable;
  case_details: CaseDetailsTable;
  complaint_counters: ComplaintCountersTable;
  complaints: ComplaintsTable;
  complaint_issues: ComplaintIssuesTable;
  hearing_requests: HearingRequestsTable;
  complaint_notices: ComplaintNoticesTable;
  complaint_actions: ComplaintActionsTable;
  case_parties: CasePartiesTable;
  complaint_deadline_steps: ComplaintDeadlineStepsTable;
  organizations: OrganizationsTable;
  organization_contacts: OrganizationContactsTable;
  engagements: EngagementsTable;
  engagement_organizations: EngagementOrganizationsTable;
  engagement_feedback_links: EngagementFeedbackLinksTable;
  engagement_feedback: EngagementFeedbackTable;
  engagement_issues: EngagementIssuesTable;
  community_follow_ups: CommunityFollowUpsTable;
  media_inquiries: MediaInquiriesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  materials: MaterialsTable;
  material_versions: MaterialVersionsTable;
  material_distributions: MaterialDistributionsTable;
  notice_opt_outs: NoticeOptOutsTable;
  notices: NoticesTable;
  notice_recipients: NoticeRecipientsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_milestones: ProjectMilestonesTable;
  project_status_reports: ProjectStatusReportsTable;
  project_links: ProjectLinksTable;
}
