import { Alert } from '@mantine/core';
import { AnchorLink } from '../../components/links';

/** Shown when a page that needs a link's token was opened without one. */
export function MissingToken({ what }: { what: string }) {
  return (
    <>
      <Alert color="yellow" title="This link is incomplete" role="alert">
        Open the {what} link exactly as you received it; the part after # carries its token.
      </Alert>
      <AnchorLink to="/sign-in" size="sm" ta="center">
        Go to sign in
      </AnchorLink>
    </>
  );
}
