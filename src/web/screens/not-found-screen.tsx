// What an unknown address shows.
import { Link } from '@tanstack/react-router';
import { PageHeading } from '../components/page-heading.tsx';

/** Page not found. */
export function NotFoundScreen() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is nothing at this address.{' '}
        <Link to="/queues/$queue" params={{ queue: 'mine' }}>
          Go to your queue
        </Link>
        .
      </p>
    </>
  );
}
