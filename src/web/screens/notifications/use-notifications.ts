// The signed-in person's notifications, polled every minute (the bell's count and the inbox share one query), and
// the actions on them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { EmailPreference, NotificationList } from '../../../shared/notifications.ts';

const ONE_MINUTE = 60_000;

/** The inbox (newest first) and the unread count. */
export function useNotifications(options: { unreadOnly?: boolean } = {}) {
  return useQuery({
    queryKey: ['notifications', options.unreadOnly ? 'unread' : 'all'],
    queryFn: () =>
      api<NotificationList>('GET', `/notifications${queryString({ unread: options.unreadOnly ? 'true' : undefined })}`),
    refetchInterval: ONE_MINUTE,
  });
}

/** Marks one notification (by id) or all of them read, then refreshes the inbox and the bell. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      api<unknown>('POST', id === 'all' ? '/notifications/read-all' : `/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** Which notifications are emailed to me. */
export function useEmailPreference() {
  return useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => api<EmailPreference>('GET', '/notifications/preferences'),
  });
}
