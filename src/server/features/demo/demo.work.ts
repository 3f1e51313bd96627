import type { Faker } from '@faker-js/faker';
import type { ContactId, MemberId, PartnerId } from '../../../domain/ids';
import type { Sentiment } from '../../../domain/interactions';
import {
  dueFor,
  type IssueStatus,
  issueSeverities,
  type ResponseDays,
  todayOf,
} from '../../../domain/issues';
import type { MemberRole } from '../../../domain/roles';
import { searchText } from '../../../domain/search-text';
import type { PartnerTeamRole } from '../../../domain/teams';
import { newId } from '../../ids';
import type { ImportedComment } from '../comments/comments.import';
import type { ImportedInteraction } from '../interactions/interactions.import';
import { interactionLabel } from '../interactions/interactions.service';
import type { ImportedIssue, IssueMove } from '../issues/issues.import';
import type { ImportedTask } from '../tasks/tasks.import';
import type { MemberActor } from '../timeline/timeline.service';
import { DEMO_SEED } from './demo.catalog';
import type { ContactRow, PartnerRow } from './demo.generate';
import {
  commentBodies,
  durations,
  interactionBodies,
  interactionKindWeights,
  interactionTitles,
  issueDescriptions,
  issueSeverityWeights,
  issueTemplates,
  nextSteps,
  outcomes,
  resolutionNotes,
  taskTitles,
  teamsOfMember,
  zoneByCountry,
} from './demo.work.catalog';

export type DemoMember = MemberActor & { email: string; role: MemberRole };

export type WorkOptions = {
  partners: PartnerRow[];
  contacts: ContactRow[];
  members: DemoMember[];
  /** The workspace's active teams; members join the ones named in the catalog. */
  teams: Array<{ id: string; name: string }>;
  responseDays: ResponseDays;
  now: Date;
};

export type DemoWork = {
  teamMembers: Array<{ teamId: string; memberId: string; createdAt: Date }>;
  partnerTeams: Array<{
    id: string;
    partnerId: string;
    memberId: string;
    teamId: string | null;
    role: PartnerTeamRole;
    createdAt: Date;
    updatedAt: Date;
  }>;
  interactions: ImportedInteraction[];
  issues: ImportedIssue[];
  tasks: ImportedTask[];
  comments: ImportedComment[];
};

/**
 * How a partnership has gone over the last six months: the story its interactions, issues and
 * tasks tell, so the health score and the at-risk view have something true to show.
 */
export type Trend = 'steady' | 'warming' | 'cooling' | 'at_risk' | 'quiet' | 'new';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** The months of activity the demo covers. */
const WINDOW_DAYS = 182;

/** The story of a partner, from its lifecycle stage (and a draw for active ones). */
function trendOf(faker: Faker, stage: string): Trend {
  if (stage === 'at_risk') return 'at_risk';
  if (stage === 'inactive' || stage === 'ended') return 'quiet';
  if (stage === 'prospect') return 'new';
  if (stage === 'onboarding') return 'warming';
  return faker.helpers.weightedArrayElement([
    { weight: 50, value: 'steady' as const },
    { weight: 25, value: 'warming' as const },
    { weight: 25, value: 'cooling' as const },
  ]);
}

/** Days before now an interaction of the story falls on; `u` is uniform in [0, 1). */
function daysAgoFor(trend: Trend, u: number): number {
  switch (trend) {
    case 'steady':
      return 1 + u * (WINDOW_DAYS - 1);
    case 'warming':
      return 1 + (WINDOW_DAYS - 1) * u ** 2.5;
    case 'cooling':
      return 30 + (WINDOW_DAYS - 30) * (1 - u * u);
    case 'at_risk':
      return 50 + (WINDOW_DAYS - 50) * (1 - u * u);
    case 'quiet':
      return 110 + (WINDOW_DAYS - 110) * u;
    case 'new':
      return 1 + 39 * u;
  }
}

/** How the people felt, given the story and how recent it is (`recency` 1 today, 0 six months ago). */
function sentimentFor(faker: Faker, trend: Trend, recency: number): Sentiment {
  const [positive, negative] =
    trend === 'warming'
      ? [0.3 + 0.6 * recency, 0.1 * (1 - recency)]
      : trend === 'cooling'
        ? [0.5 - 0.4 * recency, 0.1 + 0.5 * recency]
        : trend === 'at_risk'
          ? [0.3 * (1 - recency), 0.2 + 0.7 * recency]
          : trend === 'quiet'
            ? [0.2, 0.2]
            : trend === 'new'
              ? [0.5, 0]
              : [0.5, 0.1];
  const u = faker.number.float();
  return u < positive ? 'positive' : u < positive + negative ? 'negative' : 'neutral';
}

/**
 * The relationship work of the demo workspace: teams and partnership teams, six months of
 * interactions, issues in every status, tasks done on time, late and overdue, and comments with
 * mentions, each partner following its story. Drawn from its own seeded faker, so the same
 * partners always get the same work.
 */
export async function generateDemoWork(options: WorkOptions): Promise<DemoWork> {
  const { base, en, Faker } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en, base] });
  faker.seed(DEMO_SEED + 1);
  const { now, members } = options;
  const today = todayOf(now);
  const editors = members.filter((m) => m.role !== 'viewer');
  const teamByName = new Map(options.teams.map((t) => [t.name, t.id]));
  const teamsOf = new Map(
    members.map((m) => [
      m.memberId,
      (teamsOfMember[m.email.split(/[+@]/)[0] ?? ''] ?? [])
        .map((name) => teamByName.get(name))
        .filter((id): id is string => id !== undefined),
    ]),
  );
  const memberById = new Map(members.map((m) => [m.memberId, m]));
  const contactsOf = new Map<string, ContactRow[]>();
  for (const c of options.contacts)
    contactsOf.set(c.partnerId, [...(contactsOf.get(c.partnerId) ?? []), c]);

  const work: DemoWork = {
    teamMembers: members.flatMap((m) =>
      (teamsOf.get(m.memberId) ?? []).map((teamId) => ({
        teamId,
        memberId: m.memberId,
        createdAt: now,
      })),
    ),
    partnerTeams: [],
    interactions: [],
    issues: [],
    tasks: [],
    comments: [],
  };

  /** A moment `days` before now, at some hour of that day, never in the future. */
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const editorIn = (teamId: string | null) =>
    editors.filter((m) => teamId && teamsOf.get(m.memberId)?.includes(teamId));
  const pick = <T>(list: T[]): T => faker.helpers.arrayElement(list);

  for (const partner of options.partners) {
    const trend = trendOf(faker, partner.stage);
    const ageDays = (now.getTime() - partner.createdAt.getTime()) / DAY;
    const people = contactsOf.get(partner.id) ?? [];
    const owner = partner.ownerId ? memberById.get(partner.ownerId) : undefined;
    const lead = (): DemoMember =>
      owner && owner.role !== 'viewer' && faker.datatype.boolean(0.7) ? owner : pick(editors);

    // The partnership team: the owner, and a few people from the other departments.
    const placed = owner ? [owner] : [];
    const others = faker.helpers.arrayElements(
      members.filter((m) => m !== owner),
      faker.number.int({ min: 1, max: 3 }),
    );
    const roles: PartnerTeamRole[] = ['sponsor', 'contributor', 'informed'];
    placed.push(...others);
    placed.forEach((member, i) => {
      const at = new Date(Math.min(now.getTime(), partner.createdAt.getTime() + (i + 1) * HOUR));
      const teams = teamsOf.get(member.memberId) ?? [];
      work.partnerTeams.push({
        id: newId(),
        partnerId: partner.id,
        memberId: member.memberId,
        teamId: teams.length > 0 ? pick(teams) : null,
        role: member === owner ? 'owner' : member.role === 'viewer' ? 'informed' : pick(roles),
        createdAt: at,
        updatedAt: at,
      });
    });

    // Interactions, oldest first, never before the partner was added.
    const count =
      trend === 'quiet'
        ? faker.number.int({ min: 1, max: 4 })
        : trend === 'new'
          ? faker.number.int(3)
          : trend === 'at_risk'
            ? faker.number.int({ min: 6, max: 10 })
            : faker.number.int({ min: 8, max: 14 });
    const days = Array.from({ length: count }, () => daysAgoFor(trend, faker.number.float()))
      .filter((d) => d < ageDays - 1)
      .sort((a, b) => b - a);
    const partnerInteractions: ImportedInteraction[] = [];
    for (const daysAgo of days) {
      const kind = faker.helpers.weightedArrayElement(interactionKindWeights);
      const sentiment = sentimentFor(faker, trend, 1 - daysAgo / WINDOW_DAYS);
      const by = lead();
      const memberIds = [by.memberId];
      if (faker.datatype.boolean(0.25)) {
        const second = pick(members);
        if (second !== by) memberIds.push(second.memberId);
      }
      const contactCount =
        kind === 'note' ? 0 : kind === 'email' ? 1 : faker.number.int({ min: 1, max: 3 });
      const contacts = faker.helpers.arrayElements(people, Math.min(contactCount, people.length));
      const title = pick(interactionTitles[kind]);
      const heading =
        (kind === 'meeting' || kind === 'call') && contacts[0]
          ? `${title} with ${contacts[0].firstName}`
          : title;
      const occurredAt = ago(daysAgo);
      const createdAt = new Date(
        Math.min(now.getTime(), occurredAt.getTime() + faker.number.int(120) * 60_000),
      );
      const minutes = durations[kind];
      const item: ImportedInteraction = {
        row: {
          id: newId(),
          workspaceId: partner.workspaceId,
          partnerId: partner.id,
          kind,
          occurredAt,
          timeZone: zoneByCountry[partner.country ?? ''] ?? 'UTC',
          durationMinutes: minutes ? pick(minutes) : null,
          summary: `${heading}\n\n${pick(interactionBodies[sentiment])}`,
          outcome:
            kind !== 'note' && faker.datatype.boolean(kind === 'email' ? 0.3 : 0.7)
              ? pick(outcomes[sentiment])
              : null,
          sentiment: kind === 'note' && faker.datatype.boolean(0.5) ? null : sentiment,
          visibility: kind === 'meeting' && faker.datatype.boolean(0.1) ? 'partner' : 'internal',
          nextSteps:
            kind === 'meeting' || kind === 'call'
              ? faker.helpers.arrayElements(nextSteps, faker.number.int(2))
              : [],
          version: 1,
          createdAt,
          updatedAt: createdAt,
        },
        memberIds,
        contactIds: contacts.map((c) => c.id as ContactId),
        by,
      };
      partnerInteractions.push(item);
    }
    work.interactions.push(...partnerInteractions);

    // Issues: the at-risk partners have a critical one open; others had problems, mostly solved.
    const partnerIssues: ImportedIssue[] = [];
    const raise = (plan: { severity: IssueSeverity; status: IssueStatus; daysAgo: number }) => {
      const daysAgo = Math.min(plan.daysAgo, ageDays - 1);
      if (daysAgo < 1) return;
      const template = pick(issueTemplates);
      const teamId = teamByName.get(template.team) ?? null;
      const ownerOfIssue = editorIn(teamId)[0] ?? lead();
      const by = lead();
      const createdAt = ago(daysAgo);
      const paths: Record<IssueStatus, IssueStatus[][]> = {
        open: [[], [], [], ['resolved', 'open']],
        investigating: [['investigating']],
        escalated: [['escalated'], ['investigating', 'escalated']],
        resolved: [['investigating', 'resolved'], ['resolved']],
        closed: [['investigating', 'resolved', 'closed']],
      };
      const path = pick(paths[plan.status]);
      // Finished issues took about their response target; open ones moved until now.
      const span = Math.min(
        daysAgo - 0.1,
        plan.status === 'resolved' || plan.status === 'closed'
          ? options.responseDays[plan.severity] * faker.number.float({ min: 0.5, max: 2 })
          : daysAgo * 0.8,
      );
      const moves: IssueMove[] = path.map((to, i) => ({
        to,
        at: new Date(createdAt.getTime() + (span * (i + 1) * DAY) / path.length),
        by: to === 'escalated' ? by : ownerOfIssue,
      }));
      const lastResolve = moves.filter((m) => m.to === 'resolved').at(-1);
      const finished = plan.status === 'resolved' || plan.status === 'closed';
      const updatedAt = moves.at(-1)?.at ?? createdAt;
      partnerIssues.push({
        row: {
          id: newId(),
          workspaceId: partner.workspaceId,
          partnerId: partner.id,
          ownerId: ownerOfIssue.memberId,
          teamId,
          title: template.title,
          description: faker.datatype.boolean(0.7) ? pick(issueDescriptions) : null,
          kind: template.kind,
          severity: plan.severity,
          severityRank: issueSeverities.indexOf(plan.severity),
          status: plan.status,
          visibility: 'internal',
          dueOn: dueFor(todayOf(createdAt), plan.severity, options.responseDays),
          resolutionNotes: finished ? pick(resolutionNotes) : null,
          resolvedAt: finished ? (lastResolve?.at ?? null) : null,
          searchText: searchText(template.title),
          version: 1 + moves.length,
          createdAt,
          updatedAt,
        },
        by,
        moves,
      });
    };
    const severity = () => faker.helpers.weightedArrayElement(issueSeverityWeights);
    if (trend === 'at_risk') {
      raise({
        severity: 'critical',
        status: pick(['open', 'escalated'] as const),
        daysAgo: faker.number.int({ min: 5, max: 20 }),
      });
      if (faker.datatype.boolean(0.5))
        raise({ severity: 'high', status: 'investigating', daysAgo: faker.number.int(60) + 10 });
    } else if (trend === 'cooling') {
      if (faker.datatype.boolean(0.6))
        raise({
          severity: pick(['medium', 'high'] as const),
          status: pick(['open', 'investigating'] as const),
          daysAgo: faker.number.int({ min: 5, max: 40 }),
        });
    } else if (trend === 'steady' || trend === 'warming' || trend === 'quiet') {
      if (faker.datatype.boolean(0.35))
        raise({
          severity: severity(),
          status: pick(['resolved', 'closed', 'closed'] as const),
          daysAgo: faker.number.int({ min: 30, max: 170 }),
        });
      if (trend !== 'quiet' && faker.datatype.boolean(0.15))
        raise({
          severity: pick(['low', 'medium'] as const),
          status: pick(['open', 'investigating'] as const),
          daysAgo: faker.number.int({ min: 1, max: 10 }),
        });
    }
    work.issues.push(...partnerIssues);

    // Tasks: made a while ago with a due date; done on time, late, or still open past it.
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

    // Comments: people talking about the partner's records, mentioning a colleague.
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
        Math.min(
          now.getTime() - 5 * 60_000,
          since + faker.number.float({ min: 0.05, max: 3 }) * DAY,
        ),
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
  return work;
}

type IssueSeverity = (typeof issueSeverities)[number];
