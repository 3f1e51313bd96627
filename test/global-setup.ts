import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbedded, openPostgres } from '../src/server/db/client';
import { prepareDatabase } from '../src/server/db/prepare';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded database, migrated once, as a PGlite dump file. */
    embeddedDump: string;
    /** On PostgreSQL: the migrated template database each test file copies. */
    postgresTemplate: string;
  }
}

export const usePostgres = process.env.TANDEM_TEST_DATABASE === 'postgres';

/** Migrates one database per run; each test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  if (usePostgres) {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error(
        'npm run test:pg needs DATABASE_URL (a server where it may create databases)',
      );
    // One per test project (vitest.config.ts), which each run this setup.
    const template = `tandem_template_${process.pid}_${project.name}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const templateUrl = withDatabase(url, template);
    const database = await openPostgres(templateUrl, { max: 2 });
    await prepareDatabase(database);
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('embeddedDump', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  const database = await openEmbedded({});
  await prepareDatabase(database);
  const dump = await database.pglite?.dumpDataDir('none');
  await database.close();
  if (!dump) throw new Error('no embedded dump');
  const file = join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('embeddedDump', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
