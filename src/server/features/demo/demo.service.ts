import { randomInt } from 'node:crypto';
import type { MemberId, UserId, WorkspaceId } from '../../../domain/ids';
import type { MemberRole } from '../../../domain/roles';
import type { Database } from '../../db/client';
import {
  accounts,
  auditEvents,
  contacts,
  members,
  partnerDomains,
  partners,
  users,
} from '../../db/schema';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { hashPassword } from '../auth/auth.password';
import { toPartner } from '../partners/partners.view';
import { type DemoSize, demoMembers } from './demo.catalog';
import { generateDemoRows } from './demo.generate';
import {
  analyzeLoadedTables,
  findWorkspace,
  insertInBatches,
  lockWorkspace,
  takenEmails,
  workspaceHasPartners,
} from './demo.queries';

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
 * that already has partners is refused, so a second load cannot collide with the first.
 */
export async function seedDemo(
  database: Database,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const { workspaceId } = options;
  const workspace = await findWorkspace(database.db, workspaceId);
  if (!workspace) throw errors.notFound('workspace');
  await refuseIfLoaded(database, workspaceId);

  // A user belongs to one workspace, so demo members of a second workspace get tagged addresses.
  const taken = await takenEmails(
    database.db,
    demoMembers.map((m) => m.email),
  );
  const tag = workspaceId.replace(/-/g, '').slice(-8);
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
  const rows = generateDemoRows({
    workspaceId,
    size: options.size,
    tiers: workspace.tiers,
    ownerIds: team.filter((m) => m.role !== 'viewer').map((m) => m.memberId),
    now,
  });
  const audit = rows.partners.map((p) => ({
    id: newId(),
    workspaceId,
    actorType: 'system',
    actorId: null,
    actorName: 'demo',
    action: 'partner.created',
    entityType: 'partner',
    entityId: p.id,
    partnerId: p.id,
    before: null,
    after: toPartner(p),
    requestId: null,
    createdAt: p.createdAt,
  }));

  const total =
    team.length * 3 +
    rows.partners.length +
    rows.partnerDomains.length +
    rows.contacts.length +
    audit.length;
  let done = 0;
  const progress = (written: number) => {
    done += written;
    options.onProgress?.(done, total);
  };

  await database.transaction(async (tx) => {
    if (!(await lockWorkspace(tx, workspaceId))) throw errors.notFound('workspace');
    if (await workspaceHasPartners(tx, workspaceId)) throw alreadyLoaded();
    await tx
      .insert(users)
      .values(
        team.map((m) => ({ id: m.userId, name: m.name, email: m.email, emailVerified: true })),
      );
    await tx.insert(accounts).values(
      team.map((m, i) => ({
        id: newId(),
        userId: m.userId,
        accountId: m.userId,
        providerId: 'credential',
        password: passwordHashes[i] ?? null,
      })),
    );
    await tx
      .insert(members)
      .values(team.map((m) => ({ id: m.memberId, workspaceId, userId: m.userId, role: m.role })));
    progress(team.length * 3);
    await insertInBatches(tx, partners, rows.partners, progress);
    await insertInBatches(tx, partnerDomains, rows.partnerDomains, progress);
    await insertInBatches(tx, contacts, rows.contacts, progress);
    await insertInBatches(tx, auditEvents, audit, progress);
  });
  // A bulk load leaves the planner without statistics, and PGlite runs no autovacuum to gather
  // them: without this, list queries on the large set pick sequential scans.
  await analyzeLoadedTables(database);

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

async function refuseIfLoaded(database: Database, workspaceId: WorkspaceId) {
  if (await workspaceHasPartners(database.db, workspaceId)) throw alreadyLoaded();
}

function alreadyLoaded() {
  return errors.conflict(
    'workspace_not_empty',
    'The demo data loads only into a workspace without partners; this one already has some',
  );
}
