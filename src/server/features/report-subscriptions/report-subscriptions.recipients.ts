import type { WorkspaceId } from '../../../domain/ids';
import type { ServiceContext } from '../../context';
import { newId } from '../../ids';
import type { NewRecipientRow } from './report-subscriptions.queries';
import { unsubscribeTokenHash } from './report-subscriptions.tokens';

/** New recipient rows, each with the hash of its own unsubscribe token. */
export function recipientRows(
  ctx: ServiceContext,
  workspaceId: WorkspaceId,
  subscriptionId: string,
  people: Array<{ memberId?: string; contactId?: string }>,
): NewRecipientRow[] {
  return people.map((person) => {
    const id = newId();
    return {
      id,
      workspaceId,
      subscriptionId,
      memberId: person.memberId ?? null,
      contactId: person.contactId ?? null,
      tokenHash: unsubscribeTokenHash(ctx.config.secret, workspaceId, id),
    };
  });
}
