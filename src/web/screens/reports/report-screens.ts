// The reporting screens, in the order the reports menu lists them. Each screen keeps its period and filters in
// the URL's search part (see reportSectionRoute in router.tsx), so a report view can be bookmarked and shared.
import type { ComponentType } from 'react';

export interface ReportScreen {
  slug: string;
  title: string;
  component: ComponentType;
}

export const REPORT_SCREENS: ReportScreen[] = [];
