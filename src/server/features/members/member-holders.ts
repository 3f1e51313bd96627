import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import { releaseMemberAgreements } from '../agreements/agreements.service';
import { releaseMemberKeys } from '../api-keys/api-keys.service';
import { releaseMemberComments } from '../comments/comments.service';
import { releaseMemberInvitations } from '../invitations/invitations.service';
import { releaseMemberIssues } from '../issues/issues.service';
import { releaseMemberKpis } from '../kpis/kpis.service';
import { releaseMemberNotifications } from '../notifications/notifications.service';
import { releaseMemberObligations } from '../obligations/obligations.service';
import { releaseMemberPartners } from '../partners/partners.service';
import { releaseMemberPlans } from '../plans/plans.service';
import { releaseMemberReportSubscriptions } from '../report-subscriptions/report-subscriptions.service';
import { releaseMemberTasks } from '../tasks/tasks.service';
import { releaseMemberTeams } from '../teams/teams.service';

/**
 * Releases what a feature holds of a leaving member, in the removal's transaction, through the
 * feature's own service; answers facts for the removal's audit event.
 */
export type ReleaseMember = (
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
) => Promise<Record<string, unknown>>;

/**
 * Every feature whose records point at a member, one line each: a new feature that does adds
 * its line here, and member removal needs no other change. The database refuses a removal that
 * leaves a reference behind (foreign keys without ON DELETE), so a missing line fails loudly.
 */
export const memberHolders: ReleaseMember[] = [
  releaseMemberPartners,
  releaseMemberKeys,
  releaseMemberInvitations,
  releaseMemberTeams,
  releaseMemberIssues,
  releaseMemberNotifications,
  releaseMemberTasks,
  releaseMemberComments,
  releaseMemberPlans,
  releaseMemberKpis,
  releaseMemberReportSubscriptions,
  releaseMemberAgreements,
  releaseMemberObligations,
];
