import type { ContactId } from '../../../domain/ids';
import { dueFor, type IssueStatus, issueSeverities, todayOf } from '../../../domain/issues';
import { searchText } from '../../../domain/search-text';
import type { PartnerTeamRole } from '../../../domain/teams';
import { newId } from '../../ids';
import type { ImportedInteraction } from '../interactions/interactions.import';
import type { ImportedIssue, IssueMove } from '../issues/issues.import';
import type { DemoWork } from './demo.work';
import {
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
  zoneByCountry,
} from './demo.work.catalog';
import {
  DAY,
  daysAgoFor,
  HOUR,
  type PartnerStory,
  sentimentFor,
  WINDOW_DAYS,
  type WorkspaceCast,
} from './demo.work.story';

type IssueSeverity = (typeof issueSeverities)[number];

/** The partnership team: the owner, and a few people from the other departments. */
export function placePartnerTeam(cast: WorkspaceCast, story: PartnerStory, work: DemoWork) {
  const { faker, now, members, teamsOf, pick } = cast;
  const { partner, owner } = story;
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
}

/** Interactions, oldest first, never before the partner was added. */
export function partnerInteractionsOf(
  cast: WorkspaceCast,
  story: PartnerStory,
): ImportedInteraction[] {
  const { faker, now, members, ago, pick } = cast;
  const { partner, trend, ageDays, people, lead } = story;
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
  return partnerInteractions;
}

/** Issues: the at-risk partners have a critical one open; others had problems, mostly solved. */
export function partnerIssuesOf(cast: WorkspaceCast, story: PartnerStory): ImportedIssue[] {
  const { faker, teamByName, responseDays, ago, editorIn, pick } = cast;
  const { partner, trend, ageDays, lead } = story;
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
        ? responseDays[plan.severity] * faker.number.float({ min: 0.5, max: 2 })
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
        dueOn: dueFor(todayOf(createdAt), plan.severity, responseDays),
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
  return partnerIssues;
}
