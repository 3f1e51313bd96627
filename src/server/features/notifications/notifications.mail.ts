import { type NotificationSubjectType, subjectPath } from '../../../domain/notifications';
import type { MailMessage } from '../../mail/mailer';

export type MailedNotification = {
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  actorName: string | null;
};

/**
 * One line of plain text: control characters (CR and LF above all, which would start a new
 * header) become spaces, and it is cut to a length a subject line can carry.
 */
export function plainLine(text: string, max = 150): string {
  const spaced = Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? ' ' : c;
  }).join('');
  const line = spaced.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function headline(n: MailedNotification): string {
  const who = n.actorName ? plainLine(n.actorName, 80) : 'Someone';
  const title = plainLine(n.title);
  if (n.kind === 'assignment') return `${who} assigned you: ${title}`;
  if (n.kind === 'mention') return `${who} mentioned you: ${title}`;
  if (n.kind === 'overdue') return `Overdue: ${title}`;
  if (n.kind === 'obligation_overdue') return `Obligation overdue: ${title}`;
  if (n.kind === 'renewal') return `Renewal: ${title}`;
  return title;
}

function linkOf(publicUrl: string, n: MailedNotification): string {
  return `${publicUrl}${subjectPath(n.subjectType as NotificationSubjectType, n.subjectId)}`;
}

/**
 * A notification mail, plain text only: names and titles people typed arrive as the characters
 * typed, on one line each, never as markup or as extra headers.
 */
export function notificationMessage(
  to: string,
  publicUrl: string,
  items: MailedNotification[],
  digest: boolean,
): MailMessage {
  const footer = [
    '',
    '--',
    `Choose which mail Tandem sends you: ${publicUrl}/notifications#email-preferences`,
    `All your notifications: ${publicUrl}/notifications`,
  ];
  if (!digest && items.length === 1 && items[0]) {
    const only = items[0];
    return {
      to,
      subject: plainLine(headline(only), 200),
      text: [headline(only), '', `Open it: ${linkOf(publicUrl, only)}`, ...footer].join('\n'),
    };
  }
  // Several at once without a digest: the renewal reminders of one sweep, in one mail.
  const count = `${items.length} ${digest ? 'unread' : 'new'} notification${items.length === 1 ? '' : 's'}`;
  return {
    to,
    subject: digest ? `Your Tandem digest: ${count}` : `Tandem: ${count}`,
    text: [
      `You have ${count} in Tandem:`,
      '',
      ...items.flatMap((n) => [`- ${headline(n)}`, `  ${linkOf(publicUrl, n)}`]),
      ...footer,
    ].join('\n'),
  };
}
