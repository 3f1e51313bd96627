import { Alert } from '@mantine/core';
import { normalizeDomain } from '../../../domain/domains';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/links';

/** The partner that holds a domain the form asked for, as a 409 domain_taken names it. */
export type TakenDomain = { domain: string; partnerId: string };

export function takenDomainOf(error: unknown): TakenDomain | null {
  if (!(error instanceof ApiError) || error.code !== 'domain_taken') return null;
  const { partnerId, domain } = error.extra;
  if (typeof partnerId !== 'string' || typeof domain !== 'string') return null;
  return { partnerId, domain };
}

/**
 * Offers to open the partner that holds a domain rather than leave the person guessing; gone
 * as soon as the form no longer lists that domain.
 */
export function DomainTakenAlert({
  taken,
  domains,
}: {
  taken: TakenDomain | null;
  domains: string[];
}) {
  if (!taken || !domains.some((domain) => normalizeDomain(domain) === taken.domain)) return null;
  return (
    <Alert color="orange" title="This partner may already exist" role="alert">
      The domain {taken.domain} belongs to another partner.{' '}
      <AnchorLink to="/partners/$partnerId" params={{ partnerId: taken.partnerId }}>
        Open that partner
      </AnchorLink>
    </Alert>
  );
}
