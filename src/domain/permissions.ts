import type { Role } from './roles';

const internal = ['admin', 'manager', 'member', 'viewer'] as const;
const editors = ['admin', 'manager', 'member'] as const;
const partnerSide = ['partner_admin', 'partner_member'] as const;

/**
 * Every permission Tandem knows, one line each, with the roles that hold it.
 * Deny by default: a permission not listed here is held by no one.
 * Partner roles hold no internal permission: they use the portal's own routes and schemas,
 * so an internal field added later can never reach them.
 * The server enforces it; the web app reads it to offer only what a role may do.
 */
export const permissions = {
  'workspace.read': [...internal],
  'workspace.update': ['admin'],
  'member.read': [...internal],
  'member.manage': ['admin'],
  'invitation.manage': ['admin'],
  'apikey.manage': ['admin'],
  /** One's own secret calendar URL: make, replace, revoke. */
  'calendar_feed.manage': [...internal],
  'comment.read': [...internal],
  /** Writing comments, and editing or deleting one's own (an admin may delete any). */
  'comment.create': [...editors],
  'partner.read': [...internal],
  'partner.create': [...editors],
  'partner.update': [...editors],
  /** Giving a partner to someone else, or taking it from them (members: see the server's `ownRecords`). */
  'partner.assign_owner': ['admin', 'manager'],
  'partner.archive': ['admin', 'manager'],
  'partner.history': [...internal],
  /** Health scores, their reasons and trends, and the at-risk lists. */
  'health.read': [...internal],
  'contact.read': [...internal],
  'contact.create': [...editors],
  'contact.update': [...editors],
  'contact.delete': [...editors],
  'timeline.read': [...internal],
  'interaction.read': [...internal],
  'interaction.create': [...editors],
  'interaction.update': [...editors],
  'interaction.delete': [...editors],
  'team.read': [...internal],
  /** Adding, renaming, retiring and restoring teams, and who belongs to them. */
  'team.manage': ['admin'],
  'partner_team.read': [...internal],
  'partner_team.manage': [...editors],
  'issue.read': [...internal],
  'issue.create': [...editors],
  /** Changing an issue's fields and moving it through its statuses. */
  'issue.update': [...editors],
  /** Deleting an issue raised by mistake; real ones are resolved or closed. */
  'issue.delete': ['admin', 'manager'],
  /** One's own notifications and email switches (every member has their own). */
  'notification.read': [...internal],
  'notification.update': [...internal],
  /** Mail kept in the outbox because SMTP is not configured. */
  'outbox.read': ['admin'],
  'task.read': [...internal],
  'task.create': [...editors],
  'task.update': [...editors],
  'task.delete': [...editors],
  /** Joint business plans, their agreed versions and what changed since. */
  'plan.read': [...internal],
  /** Writing plans, moving them through their statuses and recording the partner's agreement. */
  'plan.write': [...editors],
  /** The clause library and agreement templates, and previews of a filled template. */
  'clause.read': [...internal],
  /** Writing, ordering, archiving and restoring clauses and agreement templates. */
  'clause.manage': ['admin', 'manager'],
  /** Plan templates per partner type (decision 045): members read them to start plans. */
  'plan_template.read': [...internal],
  'plan_template.manage': ['admin', 'manager'],
  /** Scheduled reports: who receives which report, when. */
  'report_subscription.read': [...internal],
  /** Scheduling reports, their recipients, pausing, deleting and sending one now. */
  'report_subscription.manage': [...editors],
  /** Agreements with partners, their parties and signers. */
  'agreement.read': [...internal],
  /** Writing agreements and their signers, moving them through their statuses, deleting drafts. */
  'agreement.write': [...editors],
  /** Signing an agreement where one is its named signer (the service checks who; decision 056). */
  'agreement.sign': [...internal],
  /** Sending (and re-sending) the signing links of the partner's signers. */
  'agreement.signing_links': ['admin', 'manager'],
  /** Compliance requirements per agreement type (decision 053): everyone reads the checklist. */
  'compliance.read': [...internal],
  /** Adding, changing, archiving and restoring the workspace's requirements. */
  'compliance.manage': ['admin'],
  /** Marking an agreement's requirement met (with evidence), waived (with a reason) or open. */
  'compliance.review': ['admin', 'manager'],
  /** What was shown to partner users through the portal (the disclosure log). */
  'disclosure.read': ['admin'],
  /** The portal: a partner user's account, and the records shared with their partner. */
  'portal.read': [...partnerSide],
  /** Signing in the portal, as a partner signer the partner user is (decision 063). */
  'portal.sign': [...partnerSide],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Whether a role holds a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  const roles: readonly Role[] = permissions[permission] ?? [];
  return roles.includes(role);
}
