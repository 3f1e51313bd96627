import type { MemberId } from '../src/domain/ids';

/**
 * The fixed mix of partner-list queries both sides of the partners-list figure run: the plain
 * first page, each filter, a few searches, and combinations, as a user of the list would.
 */
export function queryMix(ownerIds: MemberId[]): string[] {
  const owner = ownerIds[0] ?? '';
  const mix: Array<Record<string, string>> = [
    {},
    { sort: '-updatedAt' },
    { stage: 'active' },
    { type: 'technology' },
    { tier: 'gold' },
    { country: 'DE' },
    { tag: 'cloud' },
    { ownerId: owner },
    { q: 'bridge' },
    { q: 'stone' },
    { q: 'northstack' },
    { q: 'labs', stage: 'active' },
    { type: 'reseller', country: 'US', sort: '-createdAt' },
    { stage: 'at_risk', ownerId: owner },
  ];
  return mix.map((params) => new URLSearchParams({ limit: '50', ...params }).toString());
}
