// The quality area: a side list of its screens and the chosen one (a plan or a procedure opens inside it too).
import { Link, Outlet } from '@tanstack/react-router';
import { QUALITY_SCREENS } from './quality-screens.ts';

/** Quality layout. */
export function QualityLayout() {
  return (
    <div className="admin-layout">
      <nav aria-label="Quality" className="admin-nav">
        <ul>
          {QUALITY_SCREENS.map((s) => (
            <li key={s.slug}>
              <Link to="/quality/$section" params={{ section: s.slug }} activeProps={{ 'aria-current': 'page' }}>
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
