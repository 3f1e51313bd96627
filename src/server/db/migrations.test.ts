import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationsFolder } from '../paths';
import { type Database, openEmbedded } from './client';

/** A copy of the migrations that stops after the first `count`: the schema as it once was. */
function migrationsUpTo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const run = (database: Database, folder: string) =>
  migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });

const ids = {
  workspace: '01900000-0000-7000-8000-000000000001',
  user: '01900000-0000-7000-8000-000000000002',
  member: '01900000-0000-7000-8000-000000000003',
  partner: '01900000-0000-7000-8000-000000000004',
  contact: '01900000-0000-7000-8000-000000000005',
  key: '01900000-0000-7000-8000-000000000006',
  portalUser: '01900000-0000-7000-8000-000000000007',
  partnerUser: '01900000-0000-7000-8000-000000000008',
  invitation: '01900000-0000-7000-8000-000000000009',
};

let database: Database;
let old: string;
/** The migrations are the same SQL on both databases; this runs on the embedded one. */
const onPostgres = Boolean(inject('postgresTemplate'));

beforeAll(async () => {
  if (onPostgres) return;
  database = await openEmbedded({});
  old = migrationsUpTo(3); // 0000_extensions … 0002_foreign_keys: single-column keys
  await run(database, old);
  const i = ids;
  await database.sql(`
    INSERT INTO workspaces (id, name) VALUES ('${i.workspace}', 'Kept');
    INSERT INTO users (id, name, email) VALUES ('${i.user}', 'Ada Admin', 'ada@kept.test'),
      ('${i.portalUser}', 'Pat Portal', 'pat@kept.test');
    INSERT INTO members (id, workspace_id, user_id, role) VALUES ('${i.member}', '${i.workspace}', '${i.user}', 'admin');
    INSERT INTO partners (id, workspace_id, name, type, stage, owner_id, search_text)
      VALUES ('${i.partner}', '${i.workspace}', 'Northwind', 'reseller', 'active', '${i.member}', 'northwind');
    INSERT INTO partner_domains (workspace_id, domain, partner_id) VALUES ('${i.workspace}', 'nw.test', '${i.partner}');
    INSERT INTO contacts (id, workspace_id, partner_id, first_name, last_name, role, search_text)
      VALUES ('${i.contact}', '${i.workspace}', '${i.partner}', 'Cy', 'Contact', 'other', 'cy contact');
    INSERT INTO partner_users (id, workspace_id, partner_id, user_id, role)
      VALUES ('${i.partnerUser}', '${i.workspace}', '${i.partner}', '${i.portalUser}', 'partner_admin');
    INSERT INTO api_keys (id, workspace_id, name, role, prefix, secret_hash, created_by)
      VALUES ('${i.key}', '${i.workspace}', 'Sync key', 'admin', 'pfx', 'hash', '${i.member}');
    INSERT INTO invitations (id, workspace_id, email, role, partner_id, token_hash, invited_by, expires_at)
      VALUES ('${i.invitation}', '${i.workspace}', 'new@kept.test', 'partner_member', '${i.partner}', 'th', '${i.member}', now());
    INSERT INTO audit_events (id, workspace_id, actor_type, actor_id, action, entity_type, entity_id, partner_id) VALUES
      ('01900000-0000-7000-8000-0000000000a1', '${i.workspace}', 'user', '${i.user}', 'partner.created', 'partner', '${i.partner}', '${i.partner}'),
      ('01900000-0000-7000-8000-0000000000a2', '${i.workspace}', 'api_key', '${i.key}', 'partner.updated', 'partner', '${i.partner}', '${i.partner}'),
      ('01900000-0000-7000-8000-0000000000a3', '${i.workspace}', 'user', '${i.portalUser}', 'contact.created', 'contact', '${i.contact}', '${i.partner}'),
      ('01900000-0000-7000-8000-0000000000a4', '${i.workspace}', 'system', NULL, 'partner.created', 'partner', '${i.partner}', '${i.partner}');
  `);
  await run(database, migrationsFolder);
}, 600_000);

afterAll(async () => {
  if (onPostgres) return;
  await database.close();
  rmSync(old, { recursive: true, force: true });
});

const count = async (table: string) =>
  (await database.sql(`SELECT count(*)::int AS n FROM ${table}`)).rows[0];

describe.skipIf(onPostgres)('migrating a database that holds data', () => {
  it('keeps every row while the keys become (workspace_id, id)', async () => {
    for (const table of [
      'workspaces',
      'members',
      'partners',
      'partner_domains',
      'contacts',
      'partner_users',
      'api_keys',
      'invitations',
      'audit_events',
    ]) {
      expect(await count(table), table).toEqual({
        n: table === 'audit_events' ? 4 : 1,
      });
    }
    const partner = await database.sql('SELECT owner_id, version FROM partners');
    expect(partner.rows).toEqual([{ owner_id: ids.member, version: 1 }]);
    const key = await database.sql('SELECT created_by FROM api_keys');
    expect(key.rows).toEqual([{ created_by: ids.member }]);
  });

  it('names the actors of earlier audit events by kind and name', async () => {
    const events = await database.sql(
      'SELECT actor_type, actor_name FROM audit_events ORDER BY id',
    );
    expect(events.rows).toEqual([
      { actor_type: 'member', actor_name: 'Ada Admin' },
      { actor_type: 'api_key', actor_name: 'Sync key' },
      { actor_type: 'partner_user', actor_name: 'Pat Portal' },
      { actor_type: 'system', actor_name: 'demo' },
    ]);
  });
});
