import {
  defaultEmailSwitches,
  type EmailSwitch,
  type Notification,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationSubjectType,
  type OutboxMail,
  subjectPath,
} from '../../../domain/notifications';
import type { NotificationRow, OutboxRow, PreferencesRow } from './notifications.queries';

export function toNotification(
  row: Omit<NotificationRow, 'digestedAt' | 'dueOn'> & { digestedAt?: Date | null },
  actorName: string | null,
): Notification {
  const subjectType = row.subjectType as NotificationSubjectType;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    subjectType,
    subjectId: row.subjectId,
    title: row.title,
    link: subjectPath(subjectType, row.subjectId),
    actorId: row.actorId,
    actorName,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The member's switches, the defaults where they never chose. */
export function switchesOf(row: PreferencesRow | undefined): Record<EmailSwitch, boolean> {
  if (!row) return { ...defaultEmailSwitches };
  return {
    assignment: row.emailAssignment,
    mention: row.emailMention,
    overdue: row.emailOverdue,
    obligationOverdue: row.emailObligationOverdue,
    renewal: row.emailRenewal,
    digest: row.emailDigest,
  };
}

/** Preferences as the API shows them; version 0 until the member first changes them. */
export function toPreferences(row: PreferencesRow | undefined): NotificationPreferences {
  return { email: switchesOf(row), version: row?.version ?? 0 };
}

export function toOutboxMail(row: OutboxRow): OutboxMail {
  return {
    id: row.id,
    memberId: row.memberId,
    to: row.toAddress,
    subject: row.subject,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}
