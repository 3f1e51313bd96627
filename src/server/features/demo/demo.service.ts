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
import { importContacts } from '../contacts/contacts.service';
import { addMembers } from '../members/members.service';
import { hasPartners, importPartners } from '../partners/partners.service';
import { getWorkspace, lockWorkspaceFor } from '../workspaces/workspaces.service';
import { type DemoSize, demoMembers } from './demo.catalog';
import { generateDemoRows } from './demo.generate';
import { analyzeLoadedTables } from './demo.queries';

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
  const rows = await generateDemoRows({
    workspaceId: scope.workspaceId,
    size: options.size,
    tiers: workspace.tiers,
    ownerIds: team.filter((m) => m.role !== 'viewer').map((m) => m.memberId),
    now: options.now ?? new Date(),
  });

  const total =
    team.length * 3 + rows.partners.length * 2 + rows.partnerDomains.length + rows.contacts.length;
  let done = 0;
  const progress = (written: number) => {
    done += written;
    options.onProgress?.(done, total);
  };

  await withTransaction(ctx, async (_tx, ctx) => {
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
    progress(team.length * 3);
    await importPartners(
      ctx,
      scope,
      { partners: rows.partners, domains: rows.partnerDomains },
      progress,
    );
    await importContacts(ctx, scope, rows.contacts, progress);
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
  };
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
