// The configuration screens, in the order the administration menu lists them.
import type { ComponentType } from 'react';
import { UnitsScreen } from './units-screen.tsx';
import { UsersScreen } from './users-screen.tsx';
import { SubjectsScreen } from './subjects-screen.tsx';
import { RoutingRulesScreen } from './routing-rules-screen.tsx';
import { ServiceStandardsScreen } from './service-standards-screen.tsx';
import { CalendarScreen } from './calendar-screen.tsx';
import { EscalationScreen } from './escalation-screen.tsx';
import { ComplaintClocksScreen } from './complaint-clocks-screen.tsx';
import { TemplatesScreen } from './templates-screen.tsx';
import { ChannelsScreen } from './channels-screen.tsx';
import { LetterheadScreen } from './letterhead-screen.tsx';
import { IntegrationsScreen } from './integrations-screen.tsx';
import { QuarantineScreen } from './quarantine-screen.tsx';
import { CampaignsScreen } from './campaigns-screen.tsx';
import { RetentionScreen } from './retention-screen.tsx';
import { MailboxesScreen } from './mailboxes-screen.tsx';
import { IndicatorTargetsScreen } from './indicator-targets-screen.tsx';
import { ApprovalsScreen } from './approvals-screen.tsx';
import { PortalNameScreen } from './portal-name-screen.tsx';
import { AreasScreen } from './areas-screen.tsx';
import { ProcedureLinksScreen } from './procedure-links-screen.tsx';

export interface AdminScreen {
  slug: string;
  title: string;
  component: ComponentType;
  /** Shown to administrators only (the API refuses everyone else). */
  administratorsOnly?: boolean;
}

const ADMIN_SCREENS: AdminScreen[] = [
  { slug: 'approvals', title: 'Waiting for my approval', component: ApprovalsScreen },
  { slug: 'units', title: 'Units', component: UnitsScreen },
  { slug: 'users', title: 'Users', component: UsersScreen },
  { slug: 'subjects', title: 'Subjects', component: SubjectsScreen },
  { slug: 'channels', title: 'Channels', component: ChannelsScreen },
  { slug: 'routing-rules', title: 'Routing rules', component: RoutingRulesScreen },
  { slug: 'procedure-links', title: 'Procedure links', component: ProcedureLinksScreen },
  { slug: 'service-standards', title: 'Service standards', component: ServiceStandardsScreen },
  { slug: 'calendar', title: 'Business calendar', component: CalendarScreen },
  { slug: 'escalation', title: 'Escalation levels', component: EscalationScreen },
  { slug: 'complaint-clocks', title: 'Complaint clocks', component: ComplaintClocksScreen },
  { slug: 'templates', title: 'Templates', component: TemplatesScreen },
  { slug: 'indicator-targets', title: 'Indicator targets', component: IndicatorTargetsScreen },
  { slug: 'mailboxes', title: 'Mailboxes (IMAP)', component: MailboxesScreen, administratorsOnly: true },
  { slug: 'letterhead', title: 'Letterhead', component: LetterheadScreen },
  { slug: 'portal-name', title: 'Portal name', component: PortalNameScreen },
  { slug: 'areas', title: 'Areas', component: AreasScreen },
  { slug: 'integrations', title: 'API tokens and Open311 keys', component: IntegrationsScreen },
  { slug: 'mail-quarantine', title: 'Mail quarantine', component: QuarantineScreen },
  { slug: 'campaigns', title: 'Email campaigns', component: CampaignsScreen },
  { slug: 'retention', title: 'Retention', component: RetentionScreen },
];

/** The administration screens `role` may use. */
export const adminScreensFor = (role: string): AdminScreen[] =>
  ADMIN_SCREENS.filter((s) => !s.administratorsOnly || role === 'administrator');
