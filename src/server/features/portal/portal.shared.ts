import type {
  PortalInteraction,
  PortalInteractionListQuery,
  PortalInteractionPage,
} from '../../../domain/portal/interactions';
import type {
  PortalIssue,
  PortalIssueListQuery,
  PortalIssuePage,
} from '../../../domain/portal/issues';
import type { PortalOverview } from '../../../domain/portal/overview';
import type { PartnerScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { recordDisclosures } from '../disclosures/disclosures.service';
import { listInteractions } from '../interactions/interactions.list';
import { countInteractions, getInteraction } from '../interactions/interactions.service';
import { listIssues } from '../issues/issues.list';
import { countIssuesByStatus, getIssue } from '../issues/issues.service';
import { countAwaitingSignature } from '../signing/signing.portal';
import { toPortalInteraction, toPortalIssue } from './portal.view';

/*
 * What is shared with a partner user. Each feature's queries filter a partner scope to its
 * partner's `visibility = 'partner'` records inside the query (lists, lookups and counts alike);
 * this module picks the fields a partner sees and logs every record it shows.
 */

export async function sharedInteractions(
  ctx: ServiceContext,
  scope: PartnerScope,
  query: PortalInteractionListQuery,
): Promise<PortalInteractionPage> {
  const page = await listInteractions(ctx, scope, { ...query, sort: '-occurredAt' });
  await recordDisclosures(ctx, scope, 'interaction', 'list', page.items);
  return { items: page.items.map(toPortalInteraction), nextCursor: page.nextCursor };
}

export async function sharedInteraction(
  ctx: ServiceContext,
  scope: PartnerScope,
  id: string,
): Promise<PortalInteraction> {
  const interaction = await getInteraction(ctx, scope, id);
  await recordDisclosures(ctx, scope, 'interaction', 'record', [interaction]);
  return toPortalInteraction(interaction);
}

export async function sharedIssues(
  ctx: ServiceContext,
  scope: PartnerScope,
  query: PortalIssueListQuery,
): Promise<PortalIssuePage> {
  const page = await listIssues(ctx, scope, { ...query, q: undefined, sort: '-createdAt' });
  await recordDisclosures(ctx, scope, 'issue', 'list', page.items);
  return { items: page.items.map(toPortalIssue), nextCursor: page.nextCursor };
}

export async function sharedIssue(
  ctx: ServiceContext,
  scope: PartnerScope,
  id: string,
): Promise<PortalIssue> {
  const issue = await getIssue(ctx, scope, id);
  await recordDisclosures(ctx, scope, 'issue', 'record', [issue]);
  return toPortalIssue(issue);
}

/** Counts of shared records only; a count shows no record, so it is not logged. */
export async function sharedOverview(
  ctx: ServiceContext,
  scope: PartnerScope,
  email: string,
): Promise<PortalOverview> {
  return {
    interactions: await countInteractions(ctx, scope),
    agreementsAwaitingYourSignature: await countAwaitingSignature(dbOf(ctx), scope, email),
    issues: await countIssuesByStatus(ctx, scope),
  };
}
