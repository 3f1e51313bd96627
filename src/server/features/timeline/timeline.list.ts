import type {
  TimelineEntry,
  TimelineKind,
  TimelinePage,
  TimelineQuery,
  TimelineSummary,
  Visibility,
} from '../../../domain/timeline';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { timelineEntries } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { filters, type ListSpec, pageFrom, planList, sortsOf, time } from '../../http/list';
import { presentActor } from '../audit/audit.service';
import { partnerNames, partnerRef } from '../partners/partners.service';
import { listTimelineRows, type TimelinePageRow } from './timeline.queries';

/** Newest first, on (occurred_at, id): the partner index and the workspace index serve it. */
const timelineList: ListSpec<'occurredAt' | '-occurredAt', TimelineQuery> = {
  sorts: sortsOf(timelineEntries.id, { occurredAt: [time(timelineEntries.occurredAt)] }),
  filters: {
    kind: filters.anyOf(timelineEntries.kind),
    person: filters.overlaps(timelineEntries.people),
  },
};

function toEntry(row: TimelinePageRow, partnerName: string | null): TimelineEntry {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    occurredAt: row.occurredAt,
    kind: row.kind as TimelineKind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actor: presentActor(row),
    people: row.people,
    summary: row.summary as TimelineSummary,
    visibility: row.visibility as Visibility,
  };
}

/** One page of a partner's timeline (404 when the partner is not the caller's) or, for null, the workspace's. */
export async function listTimeline(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string | null,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const db = dbOf(ctx);
  const plan = planList(ctx.config.secret, timelineList, '-occurredAt', query);
  // The page is read beside the partner check (one round trip on PostgreSQL) and thrown away
  // when the check fails; it is confined to the caller's scope either way.
  const [partner, rows] = await Promise.all([
    partnerId === null ? null : partnerRef(db, scope, partnerId),
    listTimelineRows(db, scope, partnerId, plan),
  ]);
  if (partnerId !== null && !partner) throw errors.notFound('partner');
  const page = pageFrom(ctx.config.secret, plan, rows, (row) => row);
  // A partner's timeline names only that partner; the workspace's looks its partners up.
  const names = partner
    ? new Map([[partner.id as string, partner.name]])
    : await partnerNames(
        db,
        scope,
        page.items.flatMap((row) => (row.partnerId ? [row.partnerId] : [])),
      );
  return {
    items: page.items.map((row) =>
      toEntry(row, row.partnerId ? (names.get(row.partnerId) ?? null) : null),
    ),
    nextCursor: page.nextCursor,
  };
}
