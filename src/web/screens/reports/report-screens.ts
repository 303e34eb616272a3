// The reporting screens, in the order the reports menu lists them. Each screen keeps its period and filters in
// the URL's search part (see reportSectionRoute in router.tsx), so a report view can be bookmarked and shared.
import type { ComponentType } from 'react';
import { CrosstabScreen } from './crosstab-screen.tsx';
import { DashboardScreen } from './dashboard-screen.tsx';
import { IndicatorsScreen } from './indicators-screen.tsx';
import { MonthlyScreen } from './monthly-screen.tsx';
import { NewIssuesScreen } from './new-issues-screen.tsx';
import { OmbudspersonScreen } from './ombudsperson-screen.tsx';
import { SchedulesScreen } from './schedules-screen.tsx';

export interface ReportScreen {
  slug: string;
  title: string;
  component: ComponentType;
}

export const REPORT_SCREENS: ReportScreen[] = [
  { slug: 'indicators', title: 'MMR indicators', component: IndicatorsScreen },
  { slug: 'monthly', title: 'Monthly report', component: MonthlyScreen },
  { slug: 'dashboard', title: 'Dashboard', component: DashboardScreen },
  { slug: 'new-issues', title: 'New issues', component: NewIssuesScreen },
  { slug: 'ombudsperson', title: "Ombudsperson's report", component: OmbudspersonScreen },
  { slug: 'crosstab', title: 'Cross-tabs', component: CrosstabScreen },
  { slug: 'schedules', title: 'Scheduled reports', component: SchedulesScreen },
];
