// The community and communications screens, in the order the community menu lists them: the organisations
// directory, the engagements calendar, the media desk, the materials library and notices to the public.
import { OrganizationsScreen } from './organizations-screen.tsx';
import { EngagementsScreen } from './engagements-screen.tsx';
import { MediaDeskScreen } from './media-desk-screen.tsx';
import { MaterialsScreen } from './materials-screen.tsx';
import { NoticesScreen } from './notices-screen.tsx';

export const COMMUNITY_SCREENS = [
  { slug: 'organizations', title: 'Organisations', component: OrganizationsScreen },
  { slug: 'calendar', title: 'Engagements', component: EngagementsScreen },
  { slug: 'media', title: 'Media desk', component: MediaDeskScreen },
  { slug: 'materials', title: 'Materials library', component: MaterialsScreen },
  { slug: 'notices', title: 'Notices to the public', component: NoticesScreen },
] as const;
