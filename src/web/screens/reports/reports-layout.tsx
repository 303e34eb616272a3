// The reports area: a side list of report screens and the chosen one.
import { Link, Outlet } from '@tanstack/react-router';
import { REPORT_SCREENS } from './report-screens.ts';

/** Reports layout. */
export function ReportsLayout() {
  return (
    <div className="admin-layout">
      <nav aria-label="Reports" className="admin-nav">
        <ul>
          {REPORT_SCREENS.map((s) => (
            <li key={s.slug}>
              <Link to="/reports/$section" params={{ section: s.slug }} activeProps={{ 'aria-current': 'page' }}>
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
