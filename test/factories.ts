import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { MemberId, PartnerId, UserId, WorkspaceId } from '../src/domain/ids';
import type { MemberRole, PartnerRole } from '../src/domain/roles';
import type { Database } from '../src/server/db/client';
import {
  accounts,
  apiKeys,
  members,
  partners,
  partnerUsers,
  users,
  workspaces,
} from '../src/server/db/schema';
import { uuidv7Sql } from '../src/server/db/uuid-sql';
import { generateApiKey } from '../src/server/features/api-keys/api-keys.secret';
import { hashPassword } from '../src/server/features/auth/auth.password';
import { insertDefaultTeamRows } from '../src/server/features/teams/teams.queries';
import { newId } from '../src/server/ids';
import { PUBLIC_URL, request } from './harness';

export type SeededMember = { userId: UserId; memberId: MemberId; email: string; key: string };
export type SeededWorkspace = {
  workspaceId: WorkspaceId;
  name: string;
  members: Record<MemberRole, SeededMember>;
  /** Two partners, so cross-partner access can be tested inside one workspace. */
  partners: [PartnerId, PartnerId];
};
export type World = { a: SeededWorkspace; b: SeededWorkspace };

const roles: MemberRole[] = ['admin', 'manager', 'member', 'viewer'];

export async function seedWorkspace(database: Database, label: string): Promise<SeededWorkspace> {
  const workspaceId = newId<WorkspaceId>();
  const seeded = {} as Record<MemberRole, SeededMember>;
  const passwordHash = await testPasswordHash();
  await database.transaction(async (tx) => {
    await tx.insert(workspaces).values({ id: workspaceId, name: `Workspace ${label}` });
    // Like every new workspace, it starts with the default teams.
    await insertDefaultTeamRows(tx, workspaceId);
    for (const role of roles) {
      const userId = newId<UserId>();
      const memberId = newId<MemberId>();
      const email = `${role}@${label.toLowerCase()}.test`;
      await tx
        .insert(users)
        .values({ id: userId, name: `${label} ${role}`, email, emailVerified: true });
      await tx.insert(members).values({ id: memberId, workspaceId, userId, role });
      await tx.insert(accounts).values({
        id: newId(),
        userId,
        accountId: userId,
        providerId: 'credential',
        password: passwordHash,
      });
      const { key, prefix, secretHash } = generateApiKey(workspaceId);
      await tx.insert(apiKeys).values({
        id: newId(),
        workspaceId,
        name: `${role} key`,
        role,
        prefix,
        secretHash,
        createdBy: memberId,
      });
      seeded[role] = { userId, memberId, email, key };
    }
  });
  const first = await insertPartner(database, workspaceId, { name: `${label} Partner One` });
  const second = await insertPartner(database, workspaceId, { name: `${label} Partner Two` });
  return { workspaceId, name: `Workspace ${label}`, members: seeded, partners: [first, second] };
}

/** Two workspaces, each with every role and two partners. */
export async function seedWorld(database: Database): Promise<World> {
  return { a: await seedWorkspace(database, 'A'), b: await seedWorkspace(database, 'B') };
}

/** A bare partner row, for tests of other features; the partners service is what the API uses. */
export async function insertPartner(
  database: Database,
  workspaceId: WorkspaceId,
  fields: { name: string; stage?: string; type?: string },
): Promise<PartnerId> {
  const id = newId<PartnerId>();
  await database.db.insert(partners).values({
    id,
    workspaceId,
    name: fields.name,
    type: fields.type ?? 'technology',
    stage: fields.stage ?? 'prospect',
    searchText: fields.name.toLowerCase(),
  });
  return id;
}

/**
 * Many partners at once, in one set-based statement (so tests with thousands stay fast), owned
 * by `ownerId` when given. Answers their ids.
 */
export async function insertManyPartners(
  database: Database,
  workspaceId: WorkspaceId,
  count: number,
  fields: { ownerId?: MemberId; namePrefix?: string } = {},
): Promise<PartnerId[]> {
  const prefix = fields.namePrefix ?? 'Bulk partner';
  const result = await database.db.execute(sql`
    INSERT INTO partners (id, workspace_id, name, type, stage, owner_id, search_text)
    SELECT ${uuidv7Sql}, ${workspaceId}::uuid, ${prefix}::text || ' ' || n, 'technology', 'prospect',
      ${fields.ownerId ?? null}::uuid, lower(${prefix}::text || ' ' || n)
    FROM generate_series(1, ${count}::int) AS n
    RETURNING id`);
  return (result as unknown as { rows: Array<{ id: PartnerId }> }).rows.map((row) => row.id);
}

/** Every seeded member and partner user signs in with this password. */
export const TEST_PASSWORD = 'correct horse battery staple';

let cachedHash: Promise<string> | null = null;
/** argon2id is slow on purpose: hash the shared test password once per file. */
export function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export type SeededPartnerUser = {
  userId: UserId;
  partnerUserId: string;
  partnerId: PartnerId;
  email: string;
  password: string;
};

/** A portal user of one partner, who signs in with TEST_PASSWORD. */
export async function seedPartnerUser(
  database: Database,
  workspace: SeededWorkspace,
  partnerId: PartnerId,
  role: PartnerRole,
): Promise<SeededPartnerUser> {
  const passwordHash = await testPasswordHash();
  const userId = newId<UserId>();
  const partnerUserId = newId();
  const email = `${role}.${partnerId.slice(-8)}.${userId.slice(-6)}@partner.test`;
  await database.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ id: userId, name: `Partner ${role}`, email, emailVerified: true });
    await tx.insert(accounts).values({
      id: newId(),
      userId,
      accountId: userId,
      providerId: 'credential',
      password: passwordHash,
    });
    await tx.insert(partnerUsers).values({
      id: partnerUserId,
      workspaceId: workspace.workspaceId,
      partnerId,
      userId,
      role,
    });
  });
  return { userId, partnerUserId, partnerId, email, password: TEST_PASSWORD };
}

/**
 * Signs in through the API and answers the `Cookie` header value for later requests; from
 * another client address where a test must stay clear of the per-client sign-in limit.
 */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string = TEST_PASSWORD,
  remoteAddress?: string,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress,
    headers: { origin: PUBLIC_URL },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name.endsWith('tandem.session_token'));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/**
 * A new portal user of `partnerId`, signed in: the `Cookie` header of their session, for the
 * tests that check what a partner side may and may not reach.
 */
export async function partnerUserCookie(
  t: { app: FastifyInstance; database: Database },
  workspace: SeededWorkspace,
  partnerId: PartnerId,
  role: PartnerRole = 'partner_admin',
): Promise<string> {
  const user = await seedPartnerUser(t.database, workspace, partnerId, role);
  return signIn(t.app, user.email);
}

/** A contact of `partnerId`, Grace `lastName`, made through the API with `key`; answers its id. */
export async function newContact(
  app: FastifyInstance,
  key: string,
  partnerId: string,
  lastName: string,
): Promise<string> {
  const res = await request(app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key,
    payload: { partnerId, firstName: 'Grace', lastName },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** Turns one kind of notification mail off for a user (their preferences still at version 0). */
export async function switchMailOff(
  app: FastifyInstance,
  email: string,
  kind: string,
): Promise<Record<string, boolean>> {
  const off = await request(app, {
    method: 'PATCH',
    url: '/api/v1/notifications/preferences',
    cookie: await signIn(app, email),
    headers: { 'if-match': '"0"' },
    payload: { email: { [kind]: false } },
  });
  expect(off.statusCode, off.body).toBe(200);
  return off.json().email;
}
