// Every screen's address. Filters and the selected tab live in the search part of the URL, so a view can be
// bookmarked, shared and restored with the back button.
import { Navigate, Outlet, createRootRoute, createRoute, createRouter, redirect } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { AppShell } from './components/app-shell.tsx';
import { SectionLayout } from './components/section-layout.tsx';
import { QueueScreen } from './screens/queues/queue-screen.tsx';
import { CaseScreen } from './screens/cases/case-screen.tsx';
import { NewCaseScreen } from './screens/cases/new-case-screen.tsx';
import { PeopleSearchScreen } from './screens/people/people-search-screen.tsx';
import { PersonProfileScreen } from './screens/people/person-profile-screen.tsx';
import { adminScreensFor } from './screens/admin/admin-screens.ts';
import { REPORT_SCREENS } from './screens/reports/report-screens.ts';
import { NotFoundScreen } from './screens/not-found-screen.tsx';
import { QUALITY_SCREENS } from './screens/quality/quality-screens.ts';
import { PlanScreen } from './screens/quality/plan-screen.tsx';
import { ProcedureScreen } from './screens/quality/procedure-screen.tsx';
import { SearchScreen } from './screens/search/search-screen.tsx';
import { OverviewScreen, seesOverview } from './screens/overview/overview-screen.tsx';
import { useUser } from './session.tsx';
import { ComplaintsScreen } from './screens/complaints/complaints-screen.tsx';
import { NewComplaintScreen } from './screens/complaints/new-complaint-screen.tsx';
import { ComplaintScreen } from './screens/complaints/complaint-screen.tsx';
import { HearingsScreen, InquiriesScreen } from './screens/complaints/ombuds-queues-screen.tsx';
import { COMMUNITY_SCREENS } from './screens/community/community-screens.ts';
import { ProjectScreen, ProjectsScreen } from './screens/projects/projects-screen.tsx';
import { NotificationsScreen } from './screens/notifications/notifications-screen.tsx';
import { ReferralsScreen } from './screens/referrals/referrals-screen.tsx';
import { LettersScreen } from './screens/letters/letters-screen.tsx';
import { REPORT_DRILL_KEYS, type QueueSearch, type ReportSearch, type QualitySearch } from './route-search.ts';
import { CASE_SORTS, SORT_DIRECTIONS } from '../shared/cases.ts';

export type { QueueSearch, ReportSearch, QualitySearch } from './route-search.ts';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** A search value as text whatever the URL parser made of it (2 → "2", false → "false"). */
const scalar = (value: unknown) =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : text(value);

/** The screen of an area's section named in the address, or "not found" for an unknown one. */
function SectionScreen(props: { screens: readonly { slug: string; component: ComponentType }[]; slug: string }) {
  const screen = props.screens.find((s) => s.slug === props.slug);
  return screen ? <screen.component /> : <NotFoundScreen />;
}

const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundScreen });

/** Where "/" lands: those who see the overview (supervisors, administrators) on it, everyone else on their own cases. */
function Landing() {
  const user = useUser();
  return seesOverview(user.role) ? (
    <Navigate to="/overview" replace />
  ) : (
    <Navigate to="/queues/$queue" params={{ queue: 'mine' }} replace />
  );
}

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Landing });

export const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/overview',
  component: function Overview() {
    return seesOverview(useUser().role) ? <OverviewScreen /> : <NotFoundScreen />;
  },
});

export const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: (search: Record<string, unknown>): { q?: string | undefined } => ({ q: text(search.q) }),
  component: SearchScreen,
});

export const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queues/$queue',
  validateSearch: (search: Record<string, unknown>): QueueSearch => ({
    channel: text(search.channel),
    subject: text(search.subject),
    status: text(search.status),
    unit: text(search.unit),
    priority: text(search.priority),
    q: text(search.q),
    sort: CASE_SORTS.find((key) => key === search.sort),
    direction: SORT_DIRECTIONS.find((key) => key === search.direction),
    view: /^[1-9]\d{0,9}$/.test(String(search.view ?? '')) ? Number(search.view) : undefined,
    ...Object.fromEntries(REPORT_DRILL_KEYS.map((key) => [key, scalar(search[key])])),
  }),
  component: QueueScreen,
});

const newCaseRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cases/new', component: NewCaseScreen });

export const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases/$trackingNumber',
  validateSearch: (search: Record<string, unknown>): { tab?: string | undefined } => ({ tab: text(search.tab) }),
  component: CaseScreen,
});

export const peopleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/people',
  validateSearch: (search: Record<string, unknown>): { q?: string | undefined } => ({ q: text(search.q) }),
  component: PeopleSearchScreen,
});

export const personRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/people/$personId',
  component: PersonProfileScreen,
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  component: function AdminLayout() {
    return (
      <SectionLayout label="Administration" to="/admin/$section" sections={adminScreensFor(useUser().role)}>
        <Outlet />
      </SectionLayout>
    );
  },
});
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/$section', params: { section: 'units' } });
  },
});
export const adminSectionRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '$section',
  component: function AdminSection() {
    return <SectionScreen screens={adminScreensFor(useUser().role)} slug={adminSectionRoute.useParams().section} />;
  },
});

/** A report's period and filters, as text; each report screen reads the keys it knows. */

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  component: function ReportsLayout() {
    return (
      <SectionLayout label="Reports" to="/reports/$section" sections={REPORT_SCREENS}>
        <Outlet />
      </SectionLayout>
    );
  },
});
const reportsIndexRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/reports/$section', params: { section: REPORT_SCREENS[0]?.slug ?? 'none' } });
  },
});
export const reportSectionRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '$section',
  validateSearch: (search: Record<string, unknown>): ReportSearch =>
    Object.fromEntries(Object.entries(search).map(([key, value]) => [key, text(value)])),
  component: function ReportSection() {
    return <SectionScreen screens={REPORT_SCREENS} slug={reportSectionRoute.useParams().section} />;
  },
});

/** The quality area; a plan or a procedure opens inside its layout too. */
const qualityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/quality',
  component: function QualityLayout() {
    return (
      <SectionLayout label="Quality" to="/quality/$section" sections={QUALITY_SCREENS}>
        <Outlet />
      </SectionLayout>
    );
  },
});
const qualityIndexRoute = createRoute({
  getParentRoute: () => qualityRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/quality/$section', params: { section: 'scorecard' } });
  },
});
export const qualitySectionRoute = createRoute({
  getParentRoute: () => qualityRoute,
  path: '$section',
  validateSearch: (search: Record<string, unknown>): QualitySearch => ({
    view: text(search.view),
    measure: text(search.measure),
    q: scalar(search.q),
  }),
  component: function QualitySection() {
    return <SectionScreen screens={QUALITY_SCREENS} slug={qualitySectionRoute.useParams().section} />;
  },
});
export const qualityPlanRoute = createRoute({
  getParentRoute: () => qualityRoute,
  path: 'plans/$planId',
  component: PlanScreen,
});
export const qualityProcedureRoute = createRoute({
  getParentRoute: () => qualityRoute,
  path: 'procedures/$procedureId',
  component: ProcedureScreen,
});
const complaintsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/complaints',
  component: ComplaintsScreen,
});
const newComplaintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/complaints/new',
  component: NewComplaintScreen,
});
const inquiriesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inquiries',
  component: InquiriesScreen,
});
const hearingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/hearings',
  component: HearingsScreen,
});
export const complaintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/complaints/$complaintNumber',
  component: ComplaintScreen,
});
export const communitySectionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/community/$section',
  component: function CommunitySection() {
    return (
      <SectionLayout label="Community" to="/community/$section" sections={COMMUNITY_SCREENS}>
        <SectionScreen screens={COMMUNITY_SCREENS} slug={communitySectionRoute.useParams().section} />
      </SectionLayout>
    );
  },
});
const projectsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/projects', component: ProjectsScreen });
export const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/projects/$projectId',
  component: ProjectScreen,
});
const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  component: NotificationsScreen,
});
const referralsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/referrals', component: ReferralsScreen });
const lettersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/letters', component: LettersScreen });

const routeTree = rootRoute.addChildren([
  notificationsRoute,
  referralsRoute,
  lettersRoute,
  indexRoute,
  overviewRoute,
  searchRoute,
  queueRoute,
  newCaseRoute,
  caseRoute,
  peopleRoute,
  personRoute,
  adminRoute.addChildren([adminIndexRoute, adminSectionRoute]),
  reportsRoute.addChildren([reportsIndexRoute, reportSectionRoute]),
  qualityRoute.addChildren([qualityIndexRoute, qualitySectionRoute, qualityPlanRoute, qualityProcedureRoute]),
  complaintsRoute,
  inquiriesRoute,
  hearingsRoute,
  newComplaintRoute,
  complaintRoute,
  communitySectionRoute,
  projectsRoute,
  projectRoute,
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
