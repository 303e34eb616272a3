// The frame around every signed-in screen: skip link, header with navigation and the search across cases and people,
// the main region, keyboard shortcuts that work everywhere (/ ? n), and focus moved to the new page's heading after
// navigation. The header is one row on a desktop (the signed-in user's name opens a small menu with the shortcuts and
// sign-out); on a phone it is the name of the product, the bell and a Menu button that opens the rest.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { flushSync } from 'react-dom';
import { REPORT_SCREENS } from '../screens/reports/report-screens.ts';
import { useSession, useUser } from '../session.tsx';
import { useShortcuts } from './shortcuts.ts';
import { ShortcutHelp } from './shortcut-help.tsx';
import { seesOverview } from '../screens/overview/overview-screen.tsx';
import { NotificationBell } from '../screens/notifications/notification-bell.tsx';

const CONFIGURATION_ROLES = ['administrator', 'supervisor'];

/** "Dana Supervisor" → "DS": the account button's face (its name is the whole name). */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('') || '?';

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
  const [menuOpen, setMenuOpen] = useState(false);
  const [accountOpen, setAccountOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const accountButtonRef = useRef<HTMLButtonElement>(null);
  const accountRef = useRef<HTMLDivElement>(null);

  // A new page closes the menus.
  useEffect(() => {
    setMenuOpen(false);
    setAccountOpen(false);
  }, [pathname]);
  // A click elsewhere closes the account menu.
  useEffect(() => {
    if (!accountOpen) return;
    const close = (event: MouseEvent) => {
      if (!accountRef.current?.contains(event.target as Node)) setAccountOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [accountOpen]);
  const escapeCloses = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (accountOpen) {
      setAccountOpen(false);
      accountButtonRef.current?.focus();
    } else if (menuOpen) {
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    } else return;
    event.stopPropagation();
  };

  useShortcuts({
    '/': () => {
      const local = document.querySelector<HTMLInputElement>('[data-shortcut-search="local"]');
      if (local) return local.focus();
      // On a phone the search is behind the Menu button: open it first, in this same keystroke, so the field
      // has the focus before the next key arrives.
      flushSync(() => setMenuOpen(true));
      searchRef.current?.focus();
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
      <header className="app-header" onKeyDown={escapeCloses}>
        <Link to="/" className="brand-link">
          civicdesk
        </Link>
        <div className="header-menu" id="header-menu" data-open={menuOpen}>
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
              placeholder="Search ( / )"
            />
            <button type="submit" className="search-button" title="Search">
              <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
                <path
                  fill="currentColor"
                  d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z"
                />
              </svg>
              <span className="visually-hidden">Search</span>
            </button>
          </form>
          <div className="account-menu" ref={accountRef}>
            <button
              type="button"
              ref={accountButtonRef}
              className="button-quiet account-button"
              title={user.name}
              aria-expanded={accountOpen}
              aria-controls="account-panel"
              onClick={() => setAccountOpen((open) => !open)}
            >
              <span className="account-initials" aria-hidden="true">
                {initials(user.name)}
              </span>
              <span className="visually-hidden">{user.name}</span>
              <span aria-hidden="true"> ▾</span>
            </button>
            <div id="account-panel" className="account-panel" hidden={!accountOpen}>
              <p>
                {user.name}
                <br />
                <span className="role">{user.role.replace('_', ' ')}</span>
              </p>
              <button
                type="button"
                onClick={() => {
                  setAccountOpen(false);
                  setHelpOpen(true);
                }}
              >
                Keyboard shortcuts
              </button>
              <button type="button" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </div>
        </div>
        <NotificationBell />
        <button
          type="button"
          ref={menuButtonRef}
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="header-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
            <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
          </svg>
          Menu
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
