import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { MemberId, WorkspaceId } from '../src/domain/ids';
import { systemScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import { type Database, openEmbedded, openPostgres } from '../src/server/db/client';
import { embeddedDatabaseDir } from '../src/server/db/open';
import { prepareDatabase } from '../src/server/db/prepare';
import { workspaces } from '../src/server/db/schema';
import { createApiKey } from '../src/server/features/api-keys/api-keys.service';
import type { DemoSize } from '../src/server/features/demo/demo.catalog';
import { type SeedDemoResult, seedDemo } from '../src/server/features/demo/demo.service';
import { newId } from '../src/server/ids';

/** Where the benchmark's own data lives, and how to reach and remove it. */
export type Dataset = {
  kind: Database['kind'];
  /** Environment for a server process on this data. */
  serverEnv: Record<string, string>;
  /** The embedded database folder or the database URL, for the bare-driver figure. */
  driverTarget: string;
  workspaceId: WorkspaceId;
  ownerIds: MemberId[];
  /** The demo members, who sign in with `password`. */
  members: SeedDemoResult['members'];
  password: string;
  apiKey: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

const secret = randomBytes(32).toString('base64url');

/** A fresh database (a temp data directory, or a new database on DATABASE_URL's server). */
async function freshDatabase(): Promise<
  Omit<Dataset, 'workspaceId' | 'ownerIds' | 'members' | 'password' | 'apiKey'>
> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `tandem_bench_${randomBytes(5).toString('hex')}`;
    const create = new pg.Client({ connectionString: url });
    await create.connect();
    await create.query(`CREATE DATABASE ${name}`);
    await create.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const databaseUrl = target.toString();
    return {
      kind: 'postgres',
      serverEnv: { DATABASE_URL: databaseUrl, TANDEM_SECRET: secret },
      driverTarget: databaseUrl,
      open: () => openPostgres(databaseUrl, { max: 10 }),
      async cleanup() {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        // pg's pool.end() resolves before the server has seen every client leave; forcing the
        // drop on a client still leaving makes that client throw, so wait for them first.
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const embeddedDir = embeddedDatabaseDir(dataDir);
  return {
    kind: 'embedded',
    serverEnv: { TANDEM_DATA_DIR: dataDir, TANDEM_SECRET: secret },
    driverTarget: embeddedDir,
    open: () => openEmbedded({ dataDir: embeddedDir }),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a kept data set's file records: everything but how to open and remove it. */
type KeptDataset = Omit<Dataset, 'open' | 'cleanup'>;

export function openerOf(kind: Dataset['kind'], driverTarget: string): Dataset['open'] {
  return kind === 'postgres'
    ? () => openPostgres(driverTarget, { max: 10 })
    : () => openEmbedded({ dataDir: driverTarget });
}

/**
 * The data set the figures run on. With `BENCH_DATASET=<file>`, a set is kept after the run and
 * its file written, and a later run with the same file measures on it again without loading
 * it (the large set takes minutes): it then carries what earlier runs added (their fixtures).
 * Otherwise a fresh one, removed at the end.
 */
export async function prepareDataset(
  say: (line: string) => void,
  size: DemoSize = 'large',
): Promise<Dataset> {
  const file = process.env.BENCH_DATASET;
  if (file && existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as KeptDataset;
    say(`measuring on the kept data set of ${file} (${kept.driverTarget})`);
    return { ...kept, open: openerOf(kept.kind, kept.driverTarget), cleanup: async () => {} };
  }
  const dataset = await loadDataset(say, size);
  if (!file) return dataset;
  const { open: _open, cleanup: _cleanup, ...kept } = dataset;
  writeFileSync(file, JSON.stringify(kept, null, 2));
  say(`kept the data set for later runs: ${file} (remove it and ${kept.driverTarget} when done)`);
  return { ...dataset, cleanup: async () => {} };
}

/** Migrates a fresh database and loads a demo data set (`large` unless asked) plus a viewer API key. */
async function loadDataset(say: (line: string) => void, size: DemoSize): Promise<Dataset> {
  const fresh = await freshDatabase();
  try {
    const database = await fresh.open();
    try {
      await prepareDatabase(database);
      const workspaceId = newId<WorkspaceId>();
      await database.db.insert(workspaces).values({ id: workspaceId, name: 'Benchmark' });
      // The services used here read only the database and the request id.
      const ctx = { database, requestId: null } as unknown as ServiceContext;
      const started = performance.now();
      let shown = 0;
      const seeded = await seedDemo(ctx, {
        workspaceId,
        size,
        onProgress(done, total) {
          if (done === total || done - shown >= total / 4) {
            shown = done;
            say(`loading the ${size} data set: ${Math.round((done / total) * 100)}%`);
          }
        },
      });
      say(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      // The key is made as `tandem apikey create` makes it.
      const { key } = await createApiKey(ctx, systemScope(workspaceId, 'cli'), {
        name: 'benchmark',
        role: 'viewer',
      });
      return {
        ...fresh,
        workspaceId,
        ownerIds: seeded.members.filter((m) => m.role !== 'viewer').map((m) => m.memberId),
        members: seeded.members,
        password: seeded.password,
        apiKey: key,
      };
    } finally {
      await database.close();
    }
  } catch (error) {
    await fresh.cleanup();
    throw error;
  }
}
