import type { ResponseDays } from '../../../domain/issues';
import { todayOf } from '../../../domain/issues';
import type { PartnerTeamRole } from '../../../domain/teams';
import type { ImportedComment } from '../comments/comments.import';
import type { ImportedInteraction } from '../interactions/interactions.import';
import type { ImportedIssue } from '../issues/issues.import';
import type { ImportedTask } from '../tasks/tasks.import';
import { DEMO_SEED } from './demo.catalog';
import type { ContactRow, PartnerRow } from './demo.generate';
import { teamsOfMember } from './demo.work.catalog';
import { partnerInteractionsOf, partnerIssuesOf, placePartnerTeam } from './demo.work.relations';
import {
  DAY,
  type DemoMember,
  type PartnerStory,
  trendOf,
  type WorkspaceCast,
} from './demo.work.story';
import { addPartnerComments, addPartnerTasks } from './demo.work.tasks';

export type { DemoMember, Trend } from './demo.work.story';

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
 * The relationship work of the demo workspace: teams and partnership teams, six months of
 * interactions, issues in every status, tasks done on time, late and overdue, and comments with
 * mentions, each partner following its story. Drawn from its own seeded faker, so the same
 * partners always get the same work: the parts draw in a fixed order, partner by partner.
 */
export async function generateDemoWork(options: WorkOptions): Promise<DemoWork> {
  const { base, en, Faker } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en, base] });
  faker.seed(DEMO_SEED + 1);
  const { now, members } = options;
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
  const contactsOf = new Map<string, ContactRow[]>();
  for (const c of options.contacts)
    contactsOf.set(c.partnerId, [...(contactsOf.get(c.partnerId) ?? []), c]);
  const cast: WorkspaceCast = {
    faker,
    now,
    today: todayOf(now),
    members,
    editors,
    teamByName,
    teamsOf,
    memberById: new Map(members.map((m) => [m.memberId, m])),
    responseDays: options.responseDays,
    ago: (days) => new Date(now.getTime() - days * DAY),
    editorIn: (teamId) =>
      editors.filter((m) => teamId && teamsOf.get(m.memberId)?.includes(teamId)),
    pick: (list) => faker.helpers.arrayElement(list),
  };

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

  for (const partner of options.partners) {
    const trend = trendOf(faker, partner.stage);
    const owner = partner.ownerId ? cast.memberById.get(partner.ownerId) : undefined;
    const story: PartnerStory = {
      partner,
      trend,
      ageDays: (now.getTime() - partner.createdAt.getTime()) / DAY,
      people: contactsOf.get(partner.id) ?? [],
      owner,
      lead: (): DemoMember =>
        owner && owner.role !== 'viewer' && faker.datatype.boolean(0.7)
          ? owner
          : cast.pick(editors),
    };
    placePartnerTeam(cast, story, work);
    const interactions = partnerInteractionsOf(cast, story);
    work.interactions.push(...interactions);
    const issues = partnerIssuesOf(cast, story);
    work.issues.push(...issues);
    addPartnerTasks(cast, story, work, interactions, issues);
    addPartnerComments(cast, story, work, interactions, issues);
  }
  return work;
}
