// The administration area: a side list of configuration screens and the chosen one.
import { Link, Outlet } from '@tanstack/react-router';
import { ADMIN_SCREENS } from './admin-screens.ts';

/** Administration layout. */
export function AdminLayout() {
  return (
    <div className="admin-layout">
      <nav aria-label="Administration" className="admin-nav">
        <ul>
          {ADMIN_SCREENS.map((s) => (
            <li key={s.slug}>
              <Link to="/admin/$section" params={{ section: s.slug }} activeProps={{ 'aria-current': 'page' }}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}
