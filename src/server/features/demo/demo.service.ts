import { randomInt } from 'node:crypto';
import type { MemberId, UserId, WorkspaceId } from '../../../domain/ids';
import type { MemberRole } from '../../../domain/roles';
import { systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { hashPassword } from '../auth/auth.password';
import { createUsers, takenEmails } from '../auth/auth.users';
import { importComments } from '../comments/comments.import';
import { importContacts } from '../contacts/contacts.service';
import { importInteractions } from '../interactions/interactions.import';
import { importIssues } from '../issues/issues.import';
import { addMembers } from '../members/members.service';
import { hasPartners, importPartners } from '../partners/partners.service';
import { importTasks } from '../tasks/tasks.import';
import { activeTeams, importTeamPlaces } from '../teams/teams.import';
import { addDefaultTeams } from '../teams/teams.service';
import { getWorkspace, lockWorkspaceFor } from '../workspaces/workspaces.service';
import { type DemoSize, demoMembers } from './demo.catalog';
import { generateDemoRows } from './demo.generate';
import { analyzeLoadedTables } from './demo.queries';
import { type DemoWork, generateDemoWork } from './demo.work';

export type SeedDemoOptions = {
  workspaceId: WorkspaceId;
  size: DemoSize;
  /** Rows written so far out of all rows to write; called after every batch. */
  onProgress?: (done: number, total: number) => void;
  /** The moment the data is generated around (creation dates fall in the three years before). */
  now?: Date;
  /** The demo members' password, chosen by whoever loads; without it one is made for this load. */
  password?: string;
};

export type SeedDemoResult = {
  members: Array<{
    memberId: MemberId;
    userId: UserId;
    name: string;
    email: string;
    role: MemberRole;
  }>;
  /** The password of every demo member: made for this load (or chosen), shown once, never stored. */
  password: string;
  partners: number;
  contacts: number;
  interactions: number;
  issues: number;
  tasks: number;
  comments: number;
};

/**
 * Loads the demo data set into an existing, empty workspace, all or nothing: five members who
 * can sign in, partners with domains, contacts and one audit event per partner. A workspace
 * that already has partners is refused, so a second load cannot collide with the first. Every
 * row is written by the service of the feature that owns it, with the demo loader's Scope.
 */
export async function seedDemo(
  ctx: ServiceContext,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const scope = systemScope(options.workspaceId, 'demo');
  const { workspace } = await getWorkspace(ctx, scope);
  if (await hasPartners(ctx, scope)) throw alreadyLoaded();

  // A user belongs to one workspace, so demo members of a second workspace get tagged addresses.
  const taken = await takenEmails(
    ctx,
    demoMembers.map((m) => m.email),
  );
  const tag = scope.workspaceId.replace(/-/g, '').slice(-8);
  const team = demoMembers.map((m) => ({
    ...m,
    email: taken.size > 0 ? m.email.replace('@', `+${tag}@`) : m.email,
    userId: newId<UserId>(),
    memberId: newId<MemberId>(),
  }));
  const password = options.password ?? newDemoPassword();
  // Hashing is slow on purpose: done before the transaction, never inside it.
  const passwordHashes = await Promise.all(team.map(() => hashPassword(password)));
  const now = options.now ?? new Date();
  const rows = await generateDemoRows({
    workspaceId: scope.workspaceId,
    size: options.size,
    tiers: workspace.tiers,
    ownerIds: team.filter((m) => m.role !== 'viewer').map((m) => m.memberId),
    now,
  });

  let done = 0;
  let total = team.length * 3 + rows.partners.length * 2 + rows.partnerDomains.length;
  total += rows.contacts.length;
  const progress = (written: number) => {
    done += written;
    options.onProgress?.(done, total);
  };

  const work = await withTransaction(ctx, async (tx, ctx) => {
    await lockWorkspaceFor(ctx, scope);
    if (await hasPartners(ctx, scope)) throw alreadyLoaded();
    await createUsers(
      ctx,
      team.map((m, i) => ({
        id: m.userId,
        name: m.name,
        email: m.email,
        passwordHash: passwordHashes[i] ?? '',
      })),
    );
    await addMembers(
      ctx,
      scope,
      team.map((m) => ({ id: m.memberId, userId: m.userId, role: m.role })),
    );
    // A workspace made before teams existed has none: it gets the defaults, as a new one does.
    if ((await activeTeams(tx, scope)).length === 0) await addDefaultTeams(ctx, scope);
    const work = await generateDemoWork({
      partners: rows.partners,
      contacts: rows.contacts,
      members: team,
      teams: await activeTeams(tx, scope),
      responseDays: workspace.issueResponseDays,
      now,
    });
    total += workRowCount(work);
    progress(team.length * 3);
    await importPartners(
      ctx,
      scope,
      { partners: rows.partners, domains: rows.partnerDomains },
      progress,
    );
    await importContacts(ctx, scope, rows.contacts, progress);
    await importTeamPlaces(tx, scope, work, progress);
    await importInteractions(tx, scope, work.interactions, progress);
    await importIssues(tx, scope, work.issues, progress);
    await importTasks(tx, scope, work.tasks, progress);
    await importComments(tx, scope, work.comments, progress);
    return work;
  });
  // A bulk load leaves the planner without statistics, and PGlite runs no autovacuum to gather
  // them: without this, list queries on the large set pick sequential scans.
  await analyzeLoadedTables(ctx.database);

  return {
    members: team.map(({ memberId, userId, name, email, role }) => ({
      memberId,
      userId,
      name,
      email,
      role,
    })),
    password,
    partners: rows.partners.length,
    contacts: rows.contacts.length,
    interactions: work.interactions.length,
    issues: work.issues.length,
    tasks: work.tasks.length,
    comments: work.comments.length,
  };
}

/** The rows the relationship work writes, timeline entries included, for the progress count. */
function workRowCount(work: DemoWork): number {
  const participants = work.interactions.reduce(
    (n, i) => n + i.memberIds.length + i.contactIds.length,
    0,
  );
  const issueEntries = work.issues.reduce((n, i) => n + 1 + i.moves.length, 0);
  const taskEntries = work.tasks.reduce((n, t) => n + (t.row.completedAt ? 2 : 1), 0);
  return (
    work.teamMembers.length +
    work.partnerTeams.length +
    work.interactions.length * 2 +
    participants +
    work.issues.length +
    issueEntries +
    work.tasks.length +
    taskEntries +
    work.comments.length * 3
  );
}

/** Letters and digits that cannot be misread for one another. */
const readable = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password for one load's demo members, so demo data never opens a workspace with a known
 * password: four groups of four readable characters (about 79 bits), easy to type from the screen.
 */
export function newDemoPassword(): string {
  const chars = Array.from({ length: 16 }, () => readable[randomInt(readable.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

function alreadyLoaded() {
  return errors.conflict(
    'workspace_not_empty',
    'The demo data loads only into a workspace without partners; this one already has some',
  );
}
