import { useContext } from 'react';
import { DeadEnd } from '../components/DeadEnd';
import { useSession } from '../features/auth/session';
import { AppLayout, InAppLayout } from './AppLayout';

/** What a page shows for an address or a record that does not exist (or is not yours). */
export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <DeadEnd title={`${what.charAt(0).toUpperCase()}${what.slice(1)} not found`}>
      There is no {what} at this address, or it is not yours to see. Check the link, or go back to
      where you were.
    </DeadEnd>
  );
}

/**
 * The router's not-found page: inside the app's layout (navigation, search, account) for a
 * signed-in member, on its own otherwise.
 */
export function NotFoundPage() {
  const inLayout = useContext(InAppLayout);
  const session = useSession();
  if (inLayout) return <NotFound />;
  if (session?.kind === 'member') {
    return (
      <AppLayout>
        <NotFound />
      </AppLayout>
    );
  }
  return (
    <main>
      <NotFound />
    </main>
  );
}
