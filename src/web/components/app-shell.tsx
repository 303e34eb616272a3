// The frame around every signed-in screen: skip link, header with navigation and the search across cases and people,
// the main region, keyboard shortcuts that work everywhere (/ ? n), and focus moved to the new page's heading after
// navigation.
import { useRef, useState, type FormEvent } from 'react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { REPORT_SCREENS } from '../screens/reports/report-screens.ts';
import { useSession, useUser } from '../session.tsx';
import { useShortcuts } from './shortcuts.ts';
import { ShortcutHelp } from './shortcut-help.tsx';
import { seesOverview } from '../screens/overview/overview-screen.tsx';
import { NotificationBell } from '../screens/notifications/notification-bell.tsx';

const CONFIGURATION_ROLES = ['administrator', 'supervisor'];

/** Header, navigation and main region. */
export function AppShell() {
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const searchedFor = useRouterState({
    select: (s) => (s.location.pathname === '/search' ? (s.location.search as { q?: string }).q : undefined),
  });
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useShortcuts({
    '/': () => {
      const local = document.querySelector<HTMLInputElement>('[data-shortcut-search="local"]');
      (local ?? searchRef.current)?.focus();
    },
    '?': () => setHelpOpen(true),
    n: () => void navigate({ to: '/cases/new' }),
  });

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    void navigate({ to: '/search', search: q ? { q } : {} });
  };

  const navClass = (prefix: string) => (pathname.startsWith(prefix) ? 'active' : undefined);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="app-header">
        <Link to="/" className="brand-link">
          civicdesk
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {seesOverview(user.role) && (
              <li>
                <Link to="/overview" className={navClass('/overview')}>
                  Overview
                </Link>
              </li>
            )}
            <li>
              <Link to="/queues/$queue" params={{ queue: 'mine' }} className={navClass('/queues')}>
                Queues
              </Link>
            </li>
            <li>
              <Link to="/referrals" className={navClass('/referrals')}>
                Referrals
              </Link>
            </li>
            <li>
              <Link to="/cases/new" className={navClass('/cases/new')}>
                New case
              </Link>
            </li>
            <li>
              <Link to="/letters" className={navClass('/letters')}>
                Letters
              </Link>
            </li>
            <li>
              <Link to="/complaints" className={navClass('/complaints')}>
                Complaints
              </Link>
            </li>
            <li>
              <Link to="/people" search={{}} className={navClass('/people')}>
                People
              </Link>
            </li>
            <li>
              <Link to="/community/$section" params={{ section: 'calendar' }} className={navClass('/community')}>
                Community
              </Link>
            </li>
            <li>
              <Link to="/projects" className={navClass('/projects')}>
                Projects
              </Link>
            </li>
            {REPORT_SCREENS.length > 0 && (
              <li>
                <Link
                  to="/reports/$section"
                  params={{ section: REPORT_SCREENS[0]!.slug }}
                  className={navClass('/reports')}
                >
                  Reports
                </Link>
              </li>
            )}
            <li>
              <Link to="/quality/$section" params={{ section: 'scorecard' }} className={navClass('/quality')}>
                Quality
              </Link>
            </li>
            {CONFIGURATION_ROLES.includes(user.role) && (
              <li>
                <Link to="/admin/$section" params={{ section: 'units' }} className={navClass('/admin')}>
                  Administration
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <form role="search" className="header-search" onSubmit={search}>
          <label htmlFor="global-search" className="visually-hidden">
            Search cases and people
          </label>
          <input
            id="global-search"
            key={searchedFor ?? ''}
            ref={searchRef}
            name="q"
            type="search"
            defaultValue={searchedFor ?? ''}
            placeholder="Cases and people ( / )"
          />
          <button type="submit">Search</button>
        </form>
        <div className="user-menu">
          <NotificationBell />
          <span className="user-name">
            {user.name} <span className="role">({user.role.replace('_', ' ')})</span>
          </span>
          <button type="button" className="button-quiet" onClick={() => setHelpOpen(true)}>
            Shortcuts
          </button>
          <button type="button" className="button-quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
