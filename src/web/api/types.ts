// The shapes the staff API answers with, as the console uses them: derived from the response schemas in
// src/shared/ (Static<typeof X>), so the console and the server cannot drift apart.
export type { Role, SignedInUser, Colleague } from '../../shared/auth.ts';
export type {
  AuditEvent,
  CaseDeadlines,
  CaseList,
  CasePerson,
  CaseRecord,
  CaseTimeline,
  DeadlineState,
  Referral,
  RenderedResponse,
  SearchResults,
  TimelineAttachment,
  TimelineEntry,
} from '../../shared/cases.ts';
export type { DuplicateSuggestion, Person, PersonContact, PersonWithHistory } from '../../shared/people.ts';
export type { AgencySettings, RoutingRule, ServiceStandard, StaffUser, Subject, Unit } from '../../shared/admin.ts';
export type { TemplateDetail, TemplateSummary, TemplateVersion } from '../../shared/templates.ts';
