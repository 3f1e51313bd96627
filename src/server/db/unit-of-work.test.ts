import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/harness';
import type { ServiceContext } from '../context';
import { workspaces } from './schema';
import { dbOf, withTransaction } from './unit-of-work';

let t: TestApp;
let world: World;
let ctx: ServiceContext;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  ctx = { ...t.ctx, requestId: null };
});
afterAll(() => t.close());

const nameOf = async (id: string) =>
  (await t.database.db.select().from(workspaces).where(eq(workspaces.id, id)))[0]?.name;

/** A stand-in for a service that renames a workspace in its own unit of work. */
const rename = (c: ServiceContext, id: string, name: string) =>
  withTransaction(c, (tx) => tx.update(workspaces).set({ name }).where(eq(workspaces.id, id)));

describe('the transaction guard', () => {
  it('refuses the root client, a second transaction and raw SQL while a transaction is open', async () => {
    const misuses = {
      'root select': () => t.database.db.select().from(workspaces),
      'root update': () => t.database.db.update(workspaces).set({ name: 'x' }),
      'nested transaction': () => t.database.transaction(async () => 1),
      'raw sql': () => t.database.sql('SELECT 1'),
    };
    for (const [name, misuse] of Object.entries(misuses)) {
      const attempt = t.database.transaction(async () => {
        await misuse();
      });
      await expect(attempt, name).rejects.toThrow(/while a transaction is open/);
    }
    // Outside a transaction each of them is fine.
    await expect(t.database.sql('SELECT 1 AS one')).resolves.toEqual({ rows: [{ one: 1 }] });
    await expect(t.database.transaction(async () => 2)).resolves.toBe(2);
  });

  it('catches a service that opens its own transaction inside the caller’s', async () => {
    const attempt = withTransaction(ctx, async () => {
      await t.database.transaction(async (tx) => tx.select().from(workspaces));
    });
    await expect(attempt).rejects.toThrow(/withTransaction/);
  });
});

describe('withTransaction', () => {
  it('joins the caller’s transaction: services called inside commit or roll back with it', async () => {
    const id = world.a.workspaceId;
    const before = await nameOf(id);
    const failed = withTransaction(ctx, async (_tx, inner) => {
      await rename(inner, id, 'Renamed by the inner service');
      expect(await dbOf(inner).select().from(workspaces).where(eq(workspaces.id, id))).toEqual([
        expect.objectContaining({ name: 'Renamed by the inner service' }),
      ]);
      throw new Error('the outer service fails afterwards');
    });
    await expect(failed).rejects.toThrow('the outer service fails afterwards');
    expect(await nameOf(id)).toBe(before);

    await withTransaction(ctx, (_tx, inner) => rename(inner, id, 'Renamed together'));
    expect(await nameOf(id)).toBe('Renamed together');
  });

  it('reads through the root client when no transaction is open', async () => {
    expect(dbOf(ctx)).toBe(t.database.db);
    await withTransaction(ctx, async (tx, inner) => {
      expect(dbOf(inner)).toBe(tx);
    });
  });
});
