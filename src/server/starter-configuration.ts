// What a new agency starts with so a case can be created at once: the units and subjects of a city
// social-services agency's constituent office, routing rules, service standards, escalation levels and
// approved English acknowledgement templates. Administrators change all of it afterwards. The `child-support` preset
// (starter-child-support.ts) starts a county child-support ombudsperson's office instead.
import type { EscalationLevel } from '../domain/types.ts';
import type { HolidayPreset } from '../domain/holidays.ts';
import {
  childSupportComplaintSettings,
  childSupportRules,
  childSupportStandards,
  childSupportSubjects,
  childSupportTemplates,
  childSupportUnits,
} from './starter-child-support.ts';
import type { StarterRule, StarterStandard, StarterSubject, StarterUnit } from './starter-types.ts';

export type { StarterRule, StarterStandard, StarterSubject, StarterUnit } from './starter-types.ts';

export const starterUnits: StarterUnit[] = [
  { code: 'FWC', name: 'Families with Children' },
  { code: 'AF', name: 'Adult Families' },
  { code: 'SA', name: 'Single Adults' },
  { code: 'DV', name: 'Domestic Violence' },
  { code: 'PATH', name: 'Prevention Assistance and Temporary Housing' },
  { code: 'HOMEBASE', name: 'Homebase (homelessness prevention)' },
  { code: 'HASA', name: 'HIV/AIDS Services (HASA)' },
  { code: 'FIA', name: 'Cash Assistance (FIA)' },
  { code: 'SNAP', name: 'SNAP' },
  { code: 'MEDICAID', name: 'Medicaid' },
  { code: 'HEAP', name: 'Home Energy Assistance (HEAP)' },
  { code: 'HCS', name: 'Home Care Services' },
  { code: 'IDNYC', name: 'IDNYC' },
  { code: 'LEG', name: 'Legislative Affairs' },
  { code: 'OMB', name: 'Ombudsman Office' },
  { code: 'FAC', name: 'Facilities Operations' },
  { code: 'OCS', name: 'Constituent Services (triage)' },
];

export const starterSubjects: StarterSubject[] = [
  { code: 'SNAP', name: 'SNAP' },
  { code: 'CASH', name: 'Cash Assistance' },
  { code: 'MEDICAID', name: 'Medicaid' },
  { code: 'HOUSING', name: 'Housing' },
  { code: 'SHELTER', name: 'Shelter' },
  { code: 'SHELTER.CONDITIONS', name: 'Shelter conditions', parentCode: 'SHELTER' },
  { code: 'SHELTER.PLACEMENT', name: 'Shelter placement', parentCode: 'SHELTER' },
  { code: 'SHELTER.TRANSFER', name: 'Shelter transfer', parentCode: 'SHELTER' },
  { code: 'SHELTER.SAFETY', name: 'Shelter safety', parentCode: 'SHELTER' },
  { code: 'EVICTION', name: 'Eviction' },
  { code: 'HOMECARE', name: 'Home Care' },
  { code: 'HEAT', name: 'Heating / energy' },
  { code: 'ID', name: 'Identification (IDNYC)' },
  { code: 'HIV', name: 'HIV/AIDS services' },
  { code: 'DV', name: 'Domestic violence' },
  { code: 'STAFF', name: 'Staff conduct' },
  { code: 'OTHER', name: 'Other' },
];

export const starterRules: StarterRule[] = [
  {
    name: "Elected officials' offices go to Legislative Affairs",
    conditions: { writerType: ['elected_official'] },
    actions: { unitCode: 'LEG', priority: 'high', tags: ['elected-official'] },
    stopProcessing: true,
  },
  {
    name: 'Domestic violence',
    conditions: { subject: ['DV'] },
    actions: { unitCode: 'DV', priority: 'high' },
    stopProcessing: true,
  },
  { name: 'Shelter', conditions: { subject: ['SHELTER'] }, actions: { unitCode: 'FAC' }, stopProcessing: true },
  { name: 'SNAP', conditions: { subject: ['SNAP'] }, actions: { unitCode: 'SNAP' }, stopProcessing: true },
  { name: 'Cash Assistance', conditions: { subject: ['CASH'] }, actions: { unitCode: 'FIA' }, stopProcessing: true },
  { name: 'Medicaid', conditions: { subject: ['MEDICAID'] }, actions: { unitCode: 'MEDICAID' }, stopProcessing: true },
  { name: 'Eviction', conditions: { subject: ['EVICTION'] }, actions: { unitCode: 'HOMEBASE' }, stopProcessing: true },
  { name: 'Home care', conditions: { subject: ['HOMECARE'] }, actions: { unitCode: 'HCS' }, stopProcessing: true },
  { name: 'Heating', conditions: { subject: ['HEAT'] }, actions: { unitCode: 'HEAP' }, stopProcessing: true },
  { name: 'IDNYC', conditions: { subject: ['ID'] }, actions: { unitCode: 'IDNYC' }, stopProcessing: true },
  { name: 'HIV/AIDS', conditions: { subject: ['HIV'] }, actions: { unitCode: 'HASA' }, stopProcessing: true },
  { name: 'Staff conduct', conditions: { subject: ['STAFF'] }, actions: { unitCode: 'OMB' }, stopProcessing: true },
  {
    name: 'Urgent words',
    conditions: { words: ['no heat', 'evicted today', 'unsafe', 'emergency'] },
    actions: { priority: 'urgent', tags: ['urgent-words'] },
    stopProcessing: false,
  },
  { name: 'Everything else to triage', conditions: {}, actions: { unitCode: 'OCS' }, stopProcessing: true },
];

export const starterStandards: StarterStandard[] = [
  {
    name: "Elected officials' offices: 5 business days",
    match: { writerType: ['elected_official'] },
    firstResponse: { amount: 5, unit: 'business_days' },
    resolution: { amount: 14, unit: 'calendar_days' },
    warningPercent: 60,
  },
  {
    name: 'Email and letters: 14 calendar days',
    match: { channel: ['email', 'letter'] },
    firstResponse: { amount: 14, unit: 'calendar_days' },
    resolution: { amount: 30, unit: 'calendar_days' },
    warningPercent: 75,
  },
  {
    name: 'Everything else: 14 calendar days',
    match: {},
    firstResponse: { amount: 14, unit: 'calendar_days' },
    resolution: { amount: 30, unit: 'calendar_days' },
    warningPercent: 75,
  },
];

export const starterEscalationLevels: EscalationLevel[] = [
  { level: 1, name: 'Supervisor', notifyRole: 'supervisor' },
  { level: 2, name: 'Unit manager', notifyRole: 'unit_manager' },
  { level: 3, name: 'Director', notifyRole: 'administrator' },
];

export const starterTemplates: {
  code: string;
  name: string;
  channel: 'email' | 'letter';
  /** An acknowledgement does not stop the first-response clock; only a substantive response does. */
  responseKind: 'acknowledgement' | 'substantive';
  subject: string;
  body: string;
}[] = [
  {
    code: 'acknowledgement',
    name: 'Acknowledgement',
    channel: 'email',
    responseKind: 'acknowledgement',
    subject: 'We received your message ({{trackingNumber}})',
    body:
      'Dear {{firstName}} {{lastName}},\n\nThank you for contacting {{agencyName}}. Your tracking number is ' +
      '{{trackingNumber}}. We will answer by {{firstResponseDue}}.\n\nYou can check the status at {{statusUrl}}.\n\n' +
      'Sincerely,\n{{agencyName}}',
  },
  {
    code: 'acknowledgement',
    name: 'Acknowledgement',
    channel: 'letter',
    responseKind: 'acknowledgement',
    subject: 'Your correspondence {{trackingNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nWe received your letter and gave it the tracking number ' +
      '{{trackingNumber}}. We will answer by {{firstResponseDue}}.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'general-response',
    name: 'General response',
    channel: 'email',
    responseKind: 'substantive',
    subject: 'Your request {{trackingNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nThank you for writing to {{agencyName}} about {{subjectName}}. ' +
      '{{responseText}}\n\nSincerely,\n{{caseworkerName}}\n{{agencyName}}',
  },
];

/** The starter configurations an agency can begin with (CIVICDESK_AGENCY_PRESET, `agency create --preset`). */
export const AGENCY_PRESETS = ['constituent-services', 'child-support'] as const;
export type AgencyPreset = (typeof AGENCY_PRESETS)[number];

export interface StarterConfiguration {
  /** The holiday calendar; null = the one of the agency's time zone. */
  holidayPreset: HolidayPreset | null;
  /** Name and tracking prefix of agency `main` when it is created with this preset. */
  mainName: string;
  mainTrackingPrefix: string;
  units: StarterUnit[];
  subjects: StarterSubject[];
  rules: StarterRule[];
  standards: StarterStandard[];
  escalationLevels: EscalationLevel[];
  templates: (Omit<(typeof starterTemplates)[number], 'channel'> & {
    channel: 'email' | 'letter';
    language?: string;
    purpose?: string;
  })[];
  settings: Record<string, unknown>;
}

/** Everything a new agency starts with under `preset`. */
export function starterConfiguration(preset: AgencyPreset = 'constituent-services'): StarterConfiguration {
  if (preset === 'child-support') {
    return {
      holidayPreset: 'california',
      mainName: 'Child Support Ombudsperson Office',
      mainTrackingPrefix: 'CSO',
      units: childSupportUnits,
      subjects: childSupportSubjects,
      rules: childSupportRules,
      standards: childSupportStandards,
      escalationLevels: starterEscalationLevels,
      // The general acknowledgement and response templates (email intake, portal) and the complaint notices.
      templates: [...starterTemplates, ...childSupportTemplates],
      settings: { preset, complaints: childSupportComplaintSettings },
    };
  }
  return {
    holidayPreset: null,
    mainName: 'Office of Constituent Services',
    mainTrackingPrefix: 'OCS',
    units: starterUnits,
    subjects: starterSubjects,
    rules: starterRules,
    standards: starterStandards,
    escalationLevels: starterEscalationLevels,
    templates: starterTemplates,
    settings: {},
  };
}
