import type { ReportKind, ReportUnsubscribed } from '../../../domain/report-subscriptions';
import { systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { AppError } from '../../http/errors';
import { sha256, workspaceOfToken } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import {
  findRecipientByTokenHash,
  findSubscription,
  markUnsubscribed,
} from './report-subscriptions.queries';
import { planOf, reportTitle } from './report-subscriptions.view';

const invalidLink = () =>
  new AppError(
    404,
    'unsubscribe_link_invalid',
    'Unknown unsubscribe link',
    'This unsubscribe link is not one Tandem sent, or its report or recipient was removed since',
  );

const usedLink = () =>
  new AppError(
    410,
    'unsubscribe_link_used',
    'Already unsubscribed',
    'This link was used already: its recipient no longer receives the report',
  );

/**
 * Unsubscribes the one recipient a mail's link names, and answers which report they will no
 * longer receive (its name only). Nothing else changes: not the subscription, not the other
 * recipients. A link used once answers 410.
 */
export async function unsubscribeFromReport(
  ctx: ServiceContext,
  token: string,
): Promise<ReportUnsubscribed> {
  const workspaceId = workspaceOfToken(token);
  if (!workspaceId) throw invalidLink();
  return withTransaction(ctx, async (tx, ctx) => {
    const recipient = await findRecipientByTokenHash(tx, workspaceId, sha256(token));
    if (!recipient) throw invalidLink();
    if (recipient.unsubscribedAt) throw usedLink();
    const scope = systemScope(workspaceId, 'report-unsubscribe');
    const subscription = await findSubscription(tx, scope, recipient.subscriptionId);
    if (!subscription) throw invalidLink();
    const plan = await planOf(ctx, scope, subscription.planId);
    const at = new Date();
    const marked = await markUnsubscribed(tx, workspaceId, recipient.id, at);
    if (!marked) throw usedLink();
    await recordAudit(tx, ctx, scope, {
      action: 'report_subscription.unsubscribed',
      entityType: 'report_subscription',
      entityId: subscription.id,
      partnerId: plan?.partnerId,
      before: { recipientId: recipient.id, unsubscribedAt: null },
      after: {
        recipientId: recipient.id,
        memberId: recipient.memberId,
        contactId: recipient.contactId,
        unsubscribedAt: at.toISOString(),
      },
    });
    return {
      report: reportTitle(subscription.kind as ReportKind, plan),
      unsubscribedAt: at.toISOString(),
    };
  });
}
