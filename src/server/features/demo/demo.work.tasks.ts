import type { MemberId, PartnerId } from '../../../domain/ids';
import { todayOf } from '../../../domain/issues';
import { searchText } from '../../../domain/search-text';
import { newId } from '../../ids';
import type { ImportedInteraction } from '../interactions/interactions.import';
import { interactionLabel } from '../interactions/interactions.service';
import type { ImportedIssue } from '../issues/issues.import';
import type { DemoWork } from './demo.work';
import { commentBodies, taskTitles } from './demo.work.catalog';
import {
  DAY,
  HOUR,
  type PartnerStory,
  type Trend,
  WINDOW_DAYS,
  type WorkspaceCast,
} from './demo.work.story';

/** Tasks: made a while ago with a due date; done on time, late, or still open past it. */
export function addPartnerTasks(
  cast: WorkspaceCast,
  story: PartnerStory,
  work: DemoWork,
  partnerInteractions: ImportedInteraction[],
  partnerIssues: ImportedIssue[],
) {
  const { faker, now, today, memberById, teamsOf, ago, pick } = cast;
  const { partner, trend, ageDays, lead } = story;
  const taskCount =
    trend === 'quiet'
      ? faker.number.int(2)
      : trend === 'new'
        ? faker.number.int({ min: 1, max: 2 })
        : trend === 'at_risk'
          ? faker.number.int({ min: 3, max: 5 })
          : faker.number.int({ min: 2, max: 5 });
  const outcomeWeights: Record<Trend, Array<{ weight: number; value: string }>> = {
    steady: [
      { weight: 75, value: 'onTime' },
      { weight: 15, value: 'late' },
      { weight: 5, value: 'overdue' },
      { weight: 5, value: 'cancelled' },
    ],
    warming: [
      { weight: 80, value: 'onTime' },
      { weight: 15, value: 'late' },
      { weight: 5, value: 'cancelled' },
    ],
    cooling: [
      { weight: 30, value: 'onTime' },
      { weight: 40, value: 'late' },
      { weight: 30, value: 'overdue' },
    ],
    at_risk: [
      { weight: 10, value: 'onTime' },
      { weight: 30, value: 'late' },
      { weight: 60, value: 'overdue' },
    ],
    quiet: [
      { weight: 60, value: 'onTime' },
      { weight: 40, value: 'cancelled' },
    ],
    new: [{ weight: 100, value: 'onTime' }],
  };
  const activeIssue = partnerIssues.find((i) => !['resolved', 'closed'].includes(i.row.status));
  for (let t = 0; t < taskCount; t++) {
    const fromInteraction = partnerInteractions.filter((i) => i.row.nextSteps.length > 0);
    const link =
      t === 0 && activeIssue
        ? {
            type: 'issue',
            id: activeIssue.row.id,
            title: `Follow up: ${activeIssue.row.title}`,
            at: activeIssue.row.createdAt,
          }
        : fromInteraction.length > 0 && faker.datatype.boolean(0.4)
          ? (() => {
              const source = pick(fromInteraction);
              return {
                type: 'interaction',
                id: source.row.id,
                title: pick(source.row.nextSteps),
                at: source.row.createdAt,
              };
            })()
          : null;
    const createdDaysAgo = link
      ? (now.getTime() - link.at.getTime()) / DAY
      : Math.min(ageDays - 1, faker.number.float({ min: 1, max: trend === 'new' ? 20 : 150 }));
    if (createdDaysAgo < 0.05) continue;
    const createdAt = link
      ? new Date(Math.min(now.getTime(), link.at.getTime() + 10 * 60_000))
      : ago(createdDaysAgo);
    const dueDate = todayOf(
      new Date(createdAt.getTime() + faker.number.int({ min: 3, max: 21 }) * DAY),
    );
    const dueEnd = new Date(`${dueDate}T23:59:59Z`).getTime();
    const pastDue = dueDate < today;
    const outcome = pastDue ? faker.helpers.weightedArrayElement(outcomeWeights[trend]) : 'open';
    const doneAt =
      outcome === 'onTime'
        ? new Date(createdAt.getTime() + faker.number.float() * (dueEnd - createdAt.getTime()))
        : outcome === 'late'
          ? new Date(
              Math.min(
                now.getTime() - HOUR,
                dueEnd + faker.number.float({ min: 0.1, max: 10 }) * DAY,
              ),
            )
          : null;
    const status =
      doneAt !== null
        ? 'done'
        : outcome === 'cancelled'
          ? 'cancelled'
          : faker.datatype.boolean(0.3)
            ? 'in_progress'
            : 'todo';
    const assignee =
      (link?.type === 'issue' && activeIssue?.row.ownerId
        ? memberById.get(activeIssue.row.ownerId)
        : undefined) ?? lead();
    const teams = teamsOf.get(assignee.memberId) ?? [];
    const title = link?.title ?? pick(taskTitles);
    const by = lead();
    work.tasks.push({
      row: {
        id: newId(),
        workspaceId: partner.workspaceId,
        title,
        description: faker.datatype.boolean(0.3) ? faker.lorem.sentence() : null,
        assigneeId: assignee.memberId,
        teamId: teams[0] ?? null,
        dueDate,
        priority:
          trend === 'at_risk' && outcome === 'overdue'
            ? pick(['high', 'urgent'])
            : faker.helpers.weightedArrayElement([
                { weight: 15, value: 'low' },
                { weight: 60, value: 'normal' },
                { weight: 20, value: 'high' },
                { weight: 5, value: 'urgent' },
              ]),
        status,
        partnerId: partner.id,
        subjectType: link?.type ?? null,
        subjectId: link?.id ?? null,
        visibility: 'internal',
        searchText: searchText(title),
        completedAt: doneAt,
        version: status === 'todo' ? 1 : 2,
        createdAt,
        updatedAt:
          doneAt ??
          (status === 'todo'
            ? createdAt
            : new Date(Math.min(now.getTime(), createdAt.getTime() + DAY))),
      },
      by,
      doneBy: assignee.role === 'viewer' ? by : assignee,
    });
  }
}

/** Comments: people talking about the partner's records, mentioning a colleague. */
export function addPartnerComments(
  cast: WorkspaceCast,
  story: PartnerStory,
  work: DemoWork,
  partnerInteractions: ImportedInteraction[],
  partnerIssues: ImportedIssue[],
) {
  const { faker, now, members, pick } = cast;
  const { partner, trend, lead } = story;
  const partnerTasks = work.tasks.filter((t) => t.row.partnerId === partner.id);
  const commentCount =
    trend === 'at_risk'
      ? 2
      : faker.datatype.boolean(0.4)
        ? faker.number.int({ min: 1, max: 2 })
        : 0;
  for (let c = 0; c < commentCount; c++) {
    const subjects = [
      { type: 'partner', id: partner.id as string, label: partner.name, at: partner.createdAt },
      ...partnerIssues.map((i) => ({
        type: 'issue',
        id: i.row.id,
        label: i.row.title,
        at: i.row.createdAt,
      })),
      ...partnerInteractions.map((i) => ({
        type: 'interaction',
        id: i.row.id,
        label: interactionLabel(i.row),
        at: i.row.createdAt,
      })),
      ...partnerTasks.map((t) => ({
        type: 'task',
        id: t.row.id,
        label: t.row.title,
        at: t.row.createdAt,
      })),
    ];
    const subject =
      trend === 'at_risk' && c === 0 && partnerIssues[0]
        ? (subjects.find((s) => s.id === partnerIssues[0]?.row.id) ?? pick(subjects))
        : pick(subjects);
    const author = lead();
    const mentioned = pick(members.filter((m) => m !== author));
    const body = pick(commentBodies).replace('{name}', mentioned.name);
    const since = Math.max(subject.at.getTime(), now.getTime() - WINDOW_DAYS * DAY);
    const createdAt = new Date(
      Math.min(now.getTime() - 5 * 60_000, since + faker.number.float({ min: 0.05, max: 3 }) * DAY),
    );
    if (createdAt.getTime() < subject.at.getTime()) continue;
    work.comments.push({
      row: {
        id: newId(),
        workspaceId: partner.workspaceId,
        subjectType: subject.type,
        subjectId: subject.id,
        body,
        authorId: author.memberId as MemberId,
        version: 1,
        createdAt,
        updatedAt: createdAt,
      },
      mentionIds: [mentioned.memberId],
      target: { partnerId: partner.id as PartnerId, label: subject.label },
      by: author,
    });
  }
}
