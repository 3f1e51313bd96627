import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/db/client';
import { newId } from '../src/server/ids';
import { seedWorld, type World } from './factories';
import { createTestApp, type TestApp } from './harness';

/**
 * Tables that hold no tenant rows: people and their sign-in state (a user belongs to one
 * workspace through `members` or `partner_users`), throttling, and the tenants themselves.
 * A new table is a tenant table unless it is listed here (decision 012).
 */
const notTenantTables = [
  'accounts',
  'deliveries', // what the job queue sent, by job id; stays beside the queue (docs/scaling.md)
  'sessions',
  'rate_limit_hits', // request counts per client and window, like sign_in_failures
  'sign_in_failures',
  'users',
  'verifications',
  'workspaces',
];

/**
 * Unique rules that hold across workspaces today, each with its reason; a sharded database
 * cannot enforce them per shard, so a new one needs a decision record.
 */
const globalUniqueRules = [
  'api_keys_prefix_unique', // a key is found by its prefix before the workspace is known
  'invitations_token_hash_unique', // an invitation is found by its token
  'members_user_idx', // a user belongs to one workspace (decision 003)
  'partner_users_user_idx', // idem
];

type Key = { table: string; name: string; columns: string[] };
type ForeignKey = Key & { refTable: string; refColumns: string[] };

async function rows<T>(database: Database, text: string): Promise<T[]> {
  return (await database.sql(text, [])).rows as T[];
}

/** Primary keys, unique constraints and unique indexes, with their columns in order. */
function uniqueKeys(database: Database) {
  return rows<Key & { primary: boolean }>(
    database,
    `SELECT t.relname AS "table", i.relname AS name, x.indisprimary AS primary,
       array_to_json(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace s ON s.oid = t.relnamespace
     WHERE s.nspname = 'public' AND x.indisunique`,
  );
}

function allIndexes(database: Database) {
  return rows<Key>(
    database,
    `SELECT t.relname AS "table", i.relname AS name,
       array_to_json(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'`,
  );
}

function foreignKeys(database: Database) {
  return rows<ForeignKey>(
    database,
    `SELECT t.relname AS "table", c.conname AS name, r.relname AS "refTable",
       array_to_json(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)) AS columns,
       array_to_json(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum ORDER BY k.n)) AS "refColumns"
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_namespace s ON s.oid = t.relnamespace
     WHERE s.nspname = 'public' AND c.contype = 'f'`,
  );
}

/** What is wrong with the schema's tenancy: empty when every rule holds. */
async function tenancyFaults(database: Database): Promise<string[]> {
  const tables = (
    await rows<{ name: string }>(
      database,
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_%'",
    )
  ).map((t) => t.name);
  const tenant = new Set(tables.filter((t) => !notTenantTables.includes(t)));
  const columns = await rows<{ table: string; column: string }>(
    database,
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name = 'workspace_id'`,
  );
  const keys = await uniqueKeys(database);
  const indexes = await allIndexes(database);
  const faults: string[] = [];
  for (const table of tenant) {
    if (!columns.some((c) => c.table === table)) faults.push(`${table}: no workspace_id column`);
    const primary = keys.find((k) => k.table === table && k.primary);
    if (!primary?.columns.includes('workspace_id'))
      faults.push(`${table}: primary key without workspace_id`);
  }
  for (const key of keys) {
    if (!tenant.has(key.table) || key.primary) continue;
    if (!key.columns.includes('workspace_id') && !globalUniqueRules.includes(key.name))
      faults.push(`${key.table}: unique ${key.name} (${key.columns}) without workspace_id`);
  }
  for (const fk of await foreignKeys(database)) {
    if (!tenant.has(fk.table)) continue;
    const pairs = fk.columns.map((c, i) => `${c}->${fk.refColumns[i]}`);
    if (tenant.has(fk.refTable) && !pairs.includes('workspace_id->workspace_id'))
      faults.push(`${fk.table}: foreign key ${fk.name} (${fk.columns}) without workspace_id`);
    const indexed = indexes.some(
      (i) =>
        i.table === fk.table &&
        fk.columns.every((c) => i.columns.slice(0, fk.columns.length).includes(c)),
    );
    if (!indexed) faults.push(`${fk.table}: foreign key ${fk.name} (${fk.columns}) not indexed`);
  }
  return faults.sort();
}

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('tenancy in the schema', () => {
  it('keys every tenant table and foreign key by workspace_id, and indexes every foreign key', async () => {
    expect(await tenancyFaults(t.database)).toEqual([]);
  });

  it('notices a tenant table added without workspace_id in its keys', async () => {
    await t.database.sql(`
      CREATE TABLE notes (id uuid PRIMARY KEY, workspace_id uuid NOT NULL, slug text UNIQUE);
      CREATE TABLE events (id uuid NOT NULL, workspace_id uuid NOT NULL,
        note_id uuid REFERENCES notes (id), PRIMARY KEY (workspace_id, id));`);
    try {
      expect(await tenancyFaults(t.database)).toEqual([
        'events: foreign key events_note_id_fkey (note_id) not indexed',
        'events: foreign key events_note_id_fkey (note_id) without workspace_id',
        'notes: primary key without workspace_id',
        'notes: unique notes_slug_key (slug) without workspace_id',
      ]);
    } finally {
      await t.database.sql('DROP TABLE events; DROP TABLE notes');
    }
  });
});

describe('cross-workspace references', () => {
  const refused = { code: '23503' };
  const sqlError = async (text: string, values: unknown[]) => {
    try {
      await t.database.sql(text, values);
      return null;
    } catch (error) {
      return { code: (error as { code?: string }).code };
    }
  };

  it('are refused by the database itself, whatever the application does', async () => {
    const [partnerOfA] = world.a.partners;
    const b = world.b.workspaceId;
    expect(
      await sqlError(
        `INSERT INTO contacts (id, workspace_id, partner_id, first_name, last_name, role, search_text)
         VALUES ($1, $2, $3, 'Eve', 'Cross', 'other', 'eve cross')`,
        [newId(), b, partnerOfA],
      ),
    ).toEqual(refused);
    expect(
      await sqlError('UPDATE partners SET owner_id = $1 WHERE workspace_id = $2', [
        world.a.members.manager.memberId,
        b,
      ]),
    ).toEqual(refused);
    expect(
      await sqlError(
        `INSERT INTO partner_domains (workspace_id, domain, partner_id) VALUES ($1, 'cross.test', $2)`,
        [b, partnerOfA],
      ),
    ).toEqual(refused);
    expect(
      await sqlError(
        `INSERT INTO invitations (id, workspace_id, email, role, partner_id, token_hash, invited_by, expires_at)
         VALUES ($1, $2, 'x@cross.test', 'partner_member', $3, 'h-cross', NULL, now())`,
        [newId(), b, partnerOfA],
      ),
    ).toEqual(refused);
    expect(
      await sqlError('UPDATE api_keys SET created_by = $1 WHERE workspace_id = $2', [
        world.a.members.admin.memberId,
        b,
      ]),
    ).toEqual(refused);
    // The same references inside one workspace are accepted.
    expect(
      await sqlError('UPDATE partners SET owner_id = $1 WHERE workspace_id = $2 AND id = $3', [
        world.a.members.manager.memberId,
        world.a.workspaceId,
        partnerOfA,
      ]),
    ).toBeNull();
  });
});
