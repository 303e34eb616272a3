// The community and communications screens, in the order the community menu lists them: the organisations
// directory, the engagements calendar and the media desk.
import { OrganizationsScreen } from './organizations-screen.tsx';
import { EngagementsScreen } from './engagements-screen.tsx';
import { MediaDeskScreen } from './media-desk-screen.tsx';

export const COMMUNITY_SCREENS = [
  { slug: 'organizations', title: 'Organisations', component: OrganizationsScreen },
  { slug: 'calendar', title: 'Engagements', component: EngagementsScreen },
  { slug: 'media', title: 'Media desk', component: MediaDeskScreen },
] as const;
