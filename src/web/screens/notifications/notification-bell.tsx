// The bell in the header: a link to the notifications screen whose name says how many are unread, so a
// screen-reader user hears "Notifications, 3 unread" and a sighted one sees the count on the badge.
import { Link } from '@tanstack/react-router';
import { useNotifications } from './use-notifications.ts';

/** The header's notifications link with the unread count. */
export function NotificationBell() {
  const query = useNotifications();
  const unread = query.data?.unread ?? 0;
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <Link to="/notifications" className="notification-bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="notification-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
