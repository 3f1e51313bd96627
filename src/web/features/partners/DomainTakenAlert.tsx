import { Alert } from '@mantine/core';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/links';

/**
 * On a 409 domain_taken the server names the partner that holds the domain: offer to open it
 * rather than leave the person guessing which one.
 */
export function domainTakenAlert(error: unknown) {
  if (!(error instanceof ApiError) || error.code !== 'domain_taken') return null;
  const partnerId = error.extra.partnerId;
  const domain = error.extra.domain;
  if (typeof partnerId !== 'string') return null;
  return (
    <Alert color="orange" title="This partner may already exist" role="alert">
      {typeof domain === 'string' ? `The domain ${domain}` : 'One of these domains'} belongs to
      another partner.{' '}
      <AnchorLink to="/partners/$partnerId" params={{ partnerId }}>
        Open that partner
      </AnchorLink>
    </Alert>
  );
}
