import type { ICalAlarmType, ICalCalendar } from 'ical-generator';
import { dateAt } from '../../../domain/periods';
import { roleCan } from '../../../domain/permissions';
import type { RenewalReminderDays } from '../../../domain/renewal-reminders';
import { addDays, type CalendarDate } from '../../../domain/renewals';
import { memberRole } from '../../../domain/roles';
import { type MemberScope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { sha256, workspaceOfToken } from '../../tokens';
import { type AgreementKeyDate, keyDatesOwnedBy } from '../agreements/agreements.calendar';
import { scheduledInteractionsOf } from '../interactions/interactions.calendar';
import { getMember } from '../members/members.service';
import { dueOccurrencesOf } from '../obligations/obligations.calendar';
import { openTasksDueOf } from '../tasks/tasks.calendar';
import { getWorkspace } from '../workspaces/workspaces.service';
import { findFeedByTokenHash } from './calendar-feeds.queries';

/** How far back and ahead a feed reaches, and how many entries it holds at most in all. */
export const feedWindow = { pastDays: 90, futureDays: 365, limit: 2000 };
const day = 24 * 60 * 60 * 1000;
/** A renewal alarm rings at 09:00 on its day rather than at midnight. */
const alarmHourSeconds = 9 * 60 * 60;

/** An all-day entry on a calendar date: a DATE value, so no time zone can move its day. */
const onDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** The member the token opens the feed of, with their role as it is now, or 404. */
async function feedOwner(
  ctx: ServiceContext,
  token: string,
): Promise<{ scope: MemberScope; memberId: string }> {
  const workspaceId = workspaceOfToken(token);
  const feed = workspaceId && (await findFeedByTokenHash(dbOf(ctx), workspaceId, sha256(token)));
  if (!workspaceId || !feed) throw errors.notFound('calendar feed');
  const member = await getMember(ctx, systemScope(workspaceId, 'calendar-feed'), feed.memberId);
  const role = memberRole.safeParse(member.role);
  if (!role.success || !roleCan(role.data, 'interaction.read')) {
    throw errors.notFound('calendar feed');
  }
  const scope: MemberScope = {
    kind: 'member',
    workspaceId,
    role: role.data,
    userId: member.userId as MemberScope['userId'],
    memberId: feed.memberId as MemberScope['memberId'],
    apiKeyId: null,
  };
  return { scope, memberId: feed.memberId };
}

function keyDateSummary(date: AgreementKeyDate): string {
  const what =
    date.target === 'notice_deadline'
      ? 'Notice deadline'
      : date.autoRenew
        ? 'Renews automatically'
        : 'Ends';
  return `${what}: ${date.title} (${date.partnerName})`;
}

/**
 * The member's feed as RFC 5545 text: their meetings, calls and events, their open tasks' due
 * dates, the notice deadlines and end dates of the agreements in force they own (with the
 * workspace's renewal reminder lead times as alarms), and the due days of the obligations they
 * answer for. Their access is checked again on every fetch, with their role as it is now: a
 * member who has left has no feed. Deadlines come first, so a full feed never drops them; all
 * entries together stay within `feedWindow.limit`. Names and descriptions are text properties,
 * escaped by the library: no HTML part is written, so no Markdown or name becomes markup.
 */
export async function renderCalendarFeed(ctx: ServiceContext, token: string): Promise<string> {
  const { scope, memberId } = await feedOwner(ctx, token);
  const { workspace } = await getWorkspace(ctx, scope);
  const now = Date.now();
  const from = new Date(now - feedWindow.pastDays * day);
  const until = new Date(now + feedWindow.futureDays * day);
  const days = {
    from: dateAt(from.getTime(), workspace.timeZone),
    until: dateAt(until.getTime(), workspace.timeZone),
  };
  // Loaded on the first feed a calendar app asks for, not with the server.
  const { default: ical } = await import('ical-generator');
  const calendar = ical({ name: 'Tandem', prodId: '//Tandem//Tandem//EN', ttl: 60 * 60 });
  const left = () => feedWindow.limit - calendar.length();
  const link = (path: string) => `${ctx.config.publicUrl}${path}`;
  const agreements = roleCan(scope.role, 'agreement.read');

  if (agreements) {
    const keyDates = await keyDatesOwnedBy(ctx, scope, { memberId, ...days, limit: left() });
    const today = dateAt(now, workspace.timeZone);
    for (const date of keyDates)
      addKeyDate(calendar, date, workspace.renewalReminderDays, today, link);
  }

  const scheduled = await scheduledInteractionsOf(ctx, scope, {
    memberId,
    from,
    until,
    limit: left(),
  });
  for (const entry of scheduled) {
    const minutes = entry.durationMinutes ?? 30;
    calendar.createEvent({
      id: `${entry.id}@tandem`,
      start: entry.occurredAt,
      end: new Date(entry.occurredAt.getTime() + minutes * 60_000),
      // Names and summaries are text: the library escapes them, so a line break cannot start
      // a property of its own.
      summary: `${entry.kind[0]?.toUpperCase()}${entry.kind.slice(1)} with ${entry.partnerName}`,
      description: entry.summary,
      url: link(`/partners/${entry.partnerId}`),
    });
  }

  // Their open tasks on their due days, as all-day entries.
  for (const task of await openTasksDueOf(ctx, scope, memberId, Math.max(0, left()))) {
    calendar.createEvent({
      id: `${task.id}@tandem`,
      allDay: true,
      start: onDay(task.dueDate),
      summary: `Due: ${task.title}`,
      url: link('/my-work'),
    });
  }

  if (agreements) {
    const due = await dueOccurrencesOf(ctx, scope, { memberId, ...days, limit: left() });
    for (const occurrence of due)
      calendar.createEvent({
        id: `${occurrence.obligationId}-${occurrence.on}@tandem`,
        allDay: true,
        start: onDay(occurrence.on),
        summary: `Obligation due: ${occurrence.title} (${occurrence.agreementTitle}, ${occurrence.partnerName})`,
        description: occurrence.description,
        url: link(`/agreements/${occurrence.agreementId}`),
      });
  }
  return calendar.toString();
}

/**
 * One key date as an all-day entry, with an alarm at each of the workspace's lead times still to
 * come (a calendar app may ring a past one at once).
 */
function addKeyDate(
  calendar: ICalCalendar,
  date: AgreementKeyDate,
  leads: RenewalReminderDays,
  today: CalendarDate,
  link: (path: string) => string,
) {
  const event = calendar.createEvent({
    id: `${date.agreementId}-${date.target === 'notice_deadline' ? 'notice' : 'end'}@tandem`,
    allDay: true,
    start: onDay(date.on),
    summary: keyDateSummary(date),
    url: link(`/agreements/${date.agreementId}`),
  });
  const leadTimes = date.target === 'notice_deadline' ? leads.noticeDeadline : leads.endDate;
  for (const leadDays of leadTimes.filter((lead) => addDays(date.on, -lead) >= today))
    event.createAlarm({
      type: 'display' as ICalAlarmType,
      trigger: (leadDays * day) / 1000 - alarmHourSeconds,
      description: keyDateSummary(date),
    });
}
