// Option lists of the community screens, from the shared labels.
import {
  ENGAGEMENT_KIND_LABELS,
  ORGANIZATION_TYPE_LABELS,
  type EngagementKind,
  type OrganizationType,
} from '../../../shared/community.ts';
import { LANGUAGES } from '../../../shared/languages.ts';

export const organizationTypeOptions = Object.entries(ORGANIZATION_TYPE_LABELS).map(([value, label]) => ({
  value,
  label,
}));
export const engagementKindOptions = Object.entries(ENGAGEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }));
export const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.name }));

/** "Faith organisation" for faith_organization. */
export const organizationTypeLabel = (type: string) => ORGANIZATION_TYPE_LABELS[type as OrganizationType] ?? type;
/** "Advocate meeting" for advocate_meeting. */
export const engagementKindLabel = (kind: string) => ENGAGEMENT_KIND_LABELS[kind as EngagementKind] ?? kind;
