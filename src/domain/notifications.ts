import { z } from 'zod';
import { uuid } from './ids';
import { cursorParam, limitParam, pageOf } from './pagination';

/**
 * What a notification tells a member about: work given to them, a mention, work past due, an
 * agreement's obligation past due (its own switch: it is not work anyone was assigned), an
 * agreement's notice deadline or end coming up (decision 059).
 */
export const notificationKinds = [
  'assignment',
  'mention',
  'overdue',
  'obligation_overdue',
  'renewal',
] as const;
export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

/** The records a notification may point at; each has a page in the web app. */
export const notificationSubjectTypes = [
  'partner',
  'contact',
  'interaction',
  'issue',
  'task',
  'comment',
  'agreement',
] as const;
export const notificationSubjectType = z.enum(notificationSubjectTypes);
export type NotificationSubjectType = z.infer<typeof notificationSubjectType>;

/** The record's page in the web app, relative to the public URL. */
export function subjectPath(type: NotificationSubjectType, id: string): string {
  const section: Record<NotificationSubjectType, string> = {
    partner: 'partners',
    contact: 'contacts',
    interaction: 'interactions',
    issue: 'issues',
    task: 'tasks',
    comment: 'comments',
    agreement: 'agreements',
  };
  return `/${section[type]}/${encodeURIComponent(id)}`;
}

export const Notification = z
  .object({
    id: z.string(),
    kind: notificationKind,
    subjectType: notificationSubjectType,
    subjectId: z.string(),
    /** The record's title when the notification was made: plain text, never markup. */
    title: z.string(),
    /** The web app's page of the record. */
    link: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = pageOf(Notification).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    unread: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true'))
      .describe('`true` for unread only, `false` for read only; omit for both'),
  })
  .strict();
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadCount = z
  .object({ unread: z.number().int().min(0) })
  .meta({ id: 'NotificationUnreadCount' });

export const MarkedRead = z
  .object({ marked: z.number().int().min(0).describe('How many became read') })
  .meta({ id: 'NotificationsMarkedRead' });

/** Email per kind, switched by each member; in-app notifications are always on. */
export const emailSwitches = [
  'assignment',
  'mention',
  'overdue',
  'obligationOverdue',
  'renewal',
  'digest',
] as const;
export type EmailSwitch = (typeof emailSwitches)[number];

/** The switch that decides whether a notification of each kind is mailed at once. */
export const emailSwitchOf: Record<NotificationKind, EmailSwitch> = {
  assignment: 'assignment',
  mention: 'mention',
  overdue: 'overdue',
  obligation_overdue: 'obligationOverdue',
  renewal: 'renewal',
};

export const NotificationPreferences = z
  .object({
    email: z.object({
      assignment: z.boolean(),
      mention: z.boolean(),
      overdue: z.boolean(),
      obligationOverdue: z
        .boolean()
        .describe(
          'A mail when an agreement obligation you own (or whose agreement you own) is past due',
        ),
      renewal: z
        .boolean()
        .describe("Reminders of the notice deadlines and end dates of one's agreements"),
      digest: z.boolean().describe('A daily mail of the unread notifications'),
    }),
    version: z.number().int(),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesUpdate = z
  .object({
    email: z
      .object({
        assignment: z.boolean().optional(),
        mention: z.boolean().optional(),
        overdue: z.boolean().optional(),
        obligationOverdue: z.boolean().optional(),
        renewal: z.boolean().optional(),
        digest: z.boolean().optional(),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'NotificationPreferencesUpdate' });
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdate>;

/** Every kind mailed at once, the digest only for those who ask for it. */
export const defaultEmailSwitches: Record<EmailSwitch, boolean> = {
  assignment: true,
  mention: true,
  overdue: true,
  obligationOverdue: true,
  renewal: true,
  digest: false,
};

/** What another feature passes to `notify` inside its transaction. */
export const NotifyInput = z.object({
  recipientId: uuid,
  kind: notificationKind,
  subjectType: notificationSubjectType,
  subjectId: uuid,
  title: z.string(),
  actorId: uuid.nullable().optional(),
});
export type NotifyInput = z.input<typeof NotifyInput>;

export const OutboxMail = z
  .object({
    id: z.string(),
    memberId: z.string().nullable(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'OutboxMail' });
export type OutboxMail = z.infer<typeof OutboxMail>;
export const OutboxPage = pageOf(OutboxMail).meta({ id: 'OutboxPage' });
export type OutboxPage = z.infer<typeof OutboxPage>;
