// The notifications inbox: what happened to me (assigned, referred to my unit, replies, approvals waiting, deadlines,
// escalations, mentions, overdue plan actions), newest first; each links to its case, template or plan and can be
// marked read; and my email preference.
import { Link } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField } from '../../components/fields.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { formatDateTime } from '../../format.ts';
import { NOTIFICATION_KIND_LABELS, type EmailPreference, type Notification } from '../../../shared/notifications.ts';
import { useEmailPreference, useMarkRead, useNotifications } from './use-notifications.ts';

const PREFERENCE_OPTIONS = [
  { value: 'default', label: 'Escalations only (default)' },
  { value: 'immediate', label: 'Every notification, as it happens' },
  { value: 'daily_digest', label: 'A daily digest' },
  { value: 'off', label: 'No email' },
];

function NotificationItem({ item }: { item: Notification }) {
  const markRead = useMarkRead();
  const unread = item.readAt === null;
  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <div className="notification-text">
        <p className="notification-kind">
          {NOTIFICATION_KIND_LABELS[item.kind]}
          {unread && <span className="badge">Unread</span>}
        </p>
        <p>
          {item.trackingNumber ? (
            <Link to="/cases/$trackingNumber" params={{ trackingNumber: item.trackingNumber }}>
              {item.summary}
            </Link>
          ) : item.actionPlanId ? (
            <Link to="/quality/plans/$planId" params={{ planId: String(item.actionPlanId) }}>
              {item.summary}
            </Link>
          ) : item.projectId ? (
            <Link to="/projects/$projectId" params={{ projectId: String(item.projectId) }}>
              {item.summary}
            </Link>
          ) : item.procedureId ? (
            <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(item.procedureId) }}>
              {item.summary}
            </Link>
          ) : item.kind === 'training_due' || item.kind === 'training_overdue' ? (
            <Link to="/quality/$section" params={{ section: 'training' }}>
              {item.summary}
            </Link>
          ) : item.templateId ? (
            <Link to="/admin/$section" params={{ section: 'templates' }}>
              {item.summary}
            </Link>
          ) : (
            item.summary
          )}
        </p>
        <p className="hint">{formatDateTime(item.createdAt)}</p>
      </div>
      {unread && (
        <button
          type="button"
          className="button-quiet"
          disabled={markRead.isPending}
          onClick={() => markRead.mutate(item.id)}
          aria-label={`Mark read: ${item.summary}`}
        >
          Mark read
        </button>
      )}
    </li>
  );
}

function EmailPreferenceForm() {
  const preference = useEmailPreference();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const save = useMutation({
    mutationFn: (email: string) => api<EmailPreference>('PUT', '/notifications/preferences', { email }),
    onSuccess: (answer) => {
      queryClient.setQueryData(['notification-preferences'], answer);
      announce('Email preference saved.');
    },
  });
  if (!preference.data) return null;
  return (
    <form
      className="panel"
      aria-labelledby="email-preference-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get('email') ?? '');
        if (value !== 'default') save.mutate(value);
      }}
    >
      <h2 id="email-preference-heading">Email</h2>
      <SelectField
        label="Which notifications are emailed to me"
        name="email"
        defaultValue={preference.data.email ?? 'default'}
        options={PREFERENCE_OPTIONS}
        field="email"
        error={save.error}
        hint="The email says what happened and links here; it never carries a case's content."
      />
      <FormError error={save.error} />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        Save
      </button>
    </form>
  );
}

/** The notifications screen. */
export function NotificationsScreen() {
  const inbox = useNotifications();
  const markRead = useMarkRead();
  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <PageHeading>Notifications</PageHeading>
      <div className="notifications-layout">
        <section aria-labelledby="inbox-heading">
          <div className="section-bar">
            <h2 id="inbox-heading">
              Inbox <span className="muted">({unread === 0 ? 'nothing unread' : `${unread} unread`})</span>
            </h2>
            <button
              type="button"
              className="button-quiet"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate('all')}
            >
              Mark all read
            </button>
          </div>
          {inbox.isPending && <p role="status">Loading notifications…</p>}
          <FormError error={inbox.error ?? markRead.error} />
          {inbox.data && items.length === 0 && <p>No notifications yet.</p>}
          {items.length > 0 && (
            <ul className="notification-list">
              {items.map((item) => (
                <NotificationItem key={item.id} item={item} />
              ))}
            </ul>
          )}
        </section>
        <EmailPreferenceForm />
      </div>
    </>
  );
}
