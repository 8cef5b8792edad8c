import { ErrorState } from '../components/States.tsx';
import { ApiError } from '../api/api-error.ts';
import { Link } from '../components/Link.tsx';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Not found</h1>
      <ErrorState error={new ApiError('NOT_FOUND', 404, 'the console has no page at this address')} />
      <p>
        <Link href="/console/orders">Go to Orders</Link>
      </p>
    </section>
  );
}
