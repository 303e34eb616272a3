// Links to every queue, with how many cases each holds when the server can say.
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { QUEUE_DEFINITIONS } from './queue-definitions.ts';

/** The queue links; the current one is marked with aria-current. */
export function QueueNav({ current }: { current: string }) {
  const counts = useQuery({
    queryKey: ['queue-counts'],
    queryFn: () => api<Record<string, number>>('GET', '/queues/counts'),
    retry: false,
    staleTime: 0,
    refetchInterval: 60_000,
  });
  return (
    <nav aria-label="Queues" className="queue-nav">
      <ul>
        {QUEUE_DEFINITIONS.map((q) => {
          const count = counts.data?.[q.apiQueue ?? 'all'];
          return (
            <li key={q.slug}>
              <Link
                to="/queues/$queue"
                params={{ queue: q.slug }}
                search={{}}
                aria-current={q.slug === current ? 'page' : undefined}
              >
                {q.title}
                {typeof count === 'number' && (
                  <span className="count">
                    <span className="visually-hidden">,</span> {count}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
