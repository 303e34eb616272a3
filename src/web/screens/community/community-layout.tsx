// The community and communications area: the organisations directory, the engagements calendar and the media
// desk, each a section beside a side list (the administration area's layout).
import { Link } from '@tanstack/react-router';
import { NotFoundScreen } from '../not-found-screen.tsx';
import { OrganizationsScreen } from './organizations-screen.tsx';
import { EngagementsScreen } from './engagements-screen.tsx';
import { MediaDeskScreen } from './media-desk-screen.tsx';

export const COMMUNITY_SCREENS = [
  { slug: 'organizations', title: 'Organisations', component: OrganizationsScreen },
  { slug: 'calendar', title: 'Engagements', component: EngagementsScreen },
  { slug: 'media', title: 'Media desk', component: MediaDeskScreen },
] as const;

/** The side list and the chosen section. */
export function CommunityLayout({ section }: { section: string }) {
  const screen = COMMUNITY_SCREENS.find((s) => s.slug === section);
  return (
    <div className="admin-layout">
      <nav aria-label="Community" className="admin-nav">
        <ul>
          {COMMUNITY_SCREENS.map((s) => (
            <li key={s.slug}>
              <Link to="/community/$section" params={{ section: s.slug }} activeProps={{ 'aria-current': 'page' }}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">{screen ? <screen.component /> : <NotFoundScreen />}</div>
    </div>
  );
}
