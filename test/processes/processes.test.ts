/**
 * Three Tandem processes started together on a fresh PostgreSQL database, directly and (when
 * TANDEM_TEST_PGBOUNCER_URL names one) through PgBouncer in transaction mode: what one process
 * does, the others see at once; mail goes out once; a killed process loses no acknowledged write.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_LOCK } from '../../src/server/db/schema-lock';
import { startSmtpServer } from '../smtp';
import { Client, type Instance, startInstances, stopInstance, waitReady } from './cluster';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('npm run test:processes needs DATABASE_URL (a PostgreSQL server)');
const bouncerUrl = process.env.TANDEM_TEST_PGBOUNCER_URL;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const routes = [
  { name: 'directly', url: adminUrl },
  ...(bouncerUrl ? [{ name: 'through PgBouncer (transaction pooling)', url: bouncerUrl }] : []),
];

const admin = { email: 'admin@example.test', password: 'a-long-admin-password' };

describe.each(routes)('three processes $name', ({ url }) => {
  const name = `tandem_processes_${randomBytes(5).toString('hex')}`;
  const server = new pg.Client({ connectionString: adminUrl });
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let all: Instance[] = [];
  const at = (i: number) => all[i % all.length]?.url ?? '';

  beforeAll(async () => {
    await server.connect();
    await server.query(`CREATE DATABASE ${name}`);
    smtp = await startSmtpServer();
    all = await startInstances(3, {
      DATABASE_URL: withDatabase(url, name),
      SMTP_URL: smtp.url,
      // Low for this one endpoint, so the test below can reach it; nothing else here resets.
      TANDEM_RATE_LIMITS: 'reset-confirm=4/3600',
    });
  });
  afterAll(async () => {
    await Promise.allSettled(all.map((instance) => stopInstance(instance)));
    await smtp?.close();
    await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.end();
  });

  it('all come up on the empty database', async () => {
    await Promise.all(all.map((instance) => waitReady(instance)));
  });

  const browser = new Client();

  it('share sessions, and a sign-out on one ends the session on all', async () => {
    const token = /setup#token=(\S+)/.exec(all[0]?.output() ?? '')?.[1];
    expect(token).toBeTruthy();
    const setup = await browser.call(at(0), 'POST', '/setup', {
      token,
      workspaceName: 'Processes',
      adminName: 'Ada Admin',
      adminEmail: admin.email,
      adminPassword: admin.password,
    });
    expect(setup.status).toBe(201);
    for (const i of [1, 2]) {
      expect((await browser.call(at(i), 'GET', '/auth/session')).status).toBe(200);
    }
    const copy = new Client();
    copy.cookies = new Map(browser.cookies);
    expect((await browser.call(at(1), 'POST', '/auth/sign-out')).status).toBe(204);
    for (const i of [0, 1, 2]) {
      expect((await copy.call(at(i), 'GET', '/auth/session')).status).toBe(401);
    }
    expect((await browser.call(at(2), 'POST', '/auth/sign-in', admin)).status).toBe(200);
  });

  let writer: Client;

  it('refuse a revoked key on every process at the next request', async () => {
    const made = await browser.call(at(0), 'POST', '/api-keys', { name: 'Doomed', role: 'admin' });
    expect(made.status).toBe(201);
    const doomed = new Client(String(made.body.key));
    for (const i of [0, 1, 2]) {
      expect((await doomed.call(at(i), 'GET', '/partners')).status).toBe(200);
    }
    expect((await browser.call(at(1), 'DELETE', `/api-keys/${made.body.id}`)).status).toBe(204);
    for (const i of [0, 1, 2]) {
      expect((await doomed.call(at(i), 'GET', '/partners')).status).toBe(401);
    }
    const kept = await browser.call(at(2), 'POST', '/api-keys', { name: 'Writer', role: 'admin' });
    writer = new Client(String(kept.body.key));
  });

  it('send 50 mails queued across the processes exactly once', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 50; i++) {
      const email = `invitee-${i}@example.test`;
      const res = await writer.call(at(i), 'POST', '/invitations', { email, role: 'member' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      sent.push(email);
    }
    const deadline = Date.now() + 60_000;
    while (smtp.received.length < 50 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Any duplicate would come right after: give the workers a moment more.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const recipients = smtp.received.flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual([...sent].sort());
    const ids = smtp.received.map((mail) => /^Message-ID: (.+)$/im.exec(mail.raw)?.[1]);
    expect(new Set(ids).size).toBe(50);
  });

  it('lose no acknowledged write when a process is killed during writes', async () => {
    const victim = all[2];
    if (!victim) throw new Error('no third process');
    const acknowledged: string[] = [];
    let attempts = 0;
    const loop = async (lane: number) => {
      // Bounded: at most 100 requests a lane; the kill ends it sooner.
      for (let n = 0; n < 100; n++) {
        attempts += 1;
        const res = await writer
          .call(victim.url, 'POST', '/partners', { name: `Lane ${lane} write ${n}` })
          .catch(() => null);
        if (!res) return;
        if (res.status === 201) acknowledged.push(String(res.body.id));
      }
    };
    const lanes = [0, 1, 2, 3].map(loop);
    while (acknowledged.length < 20 && attempts < 400) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await stopInstance(victim, 'SIGKILL');
    await Promise.all(lanes);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    for (const id of acknowledged) {
      expect((await writer.call(at(0), 'GET', `/partners/${id}`)).status).toBe(200);
    }
  });

  it('throttle one account from the 6th failed sign-in on, whichever process it reaches', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await new Client().call(at(i % 2), 'POST', '/auth/sign-in', {
        email: admin.email,
        password: `wrong-password-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('hold the rate limit of a public endpoint together, whichever process a request reaches', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The third process was killed above: the two left take turns.
      const res = await new Client().call(at(i % 2), 'POST', '/auth/password-reset/confirm', {
        token: `not-a-token-${i}`,
        password: 'a new long password',
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('too_many_requests');
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });
});

/** Whether a process connected to `database` is asking for the schema lock. */
async function polling(server: pg.Client, database: string): Promise<boolean> {
  const { rows } = await server.query(
    "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_try_advisory_xact_lock%'",
    [database],
  );
  return rows.length > 0;
}

describe('a process waiting for another one to prepare the database', () => {
  it('stops on the first SIGTERM', async () => {
    const name = `tandem_processes_${randomBytes(5).toString('hex')}`;
    const server = new pg.Client({ connectionString: adminUrl });
    await server.connect();
    await server.query(`CREATE DATABASE ${name}`);
    const holder = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
    try {
      await holder.connect();
      // Another process is migrating: it holds the schema lock for as long as this transaction.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const [waiting] = await startInstances(1, { DATABASE_URL: withDatabase(adminUrl, name) });
      if (!waiting) throw new Error('no process');
      // Signalled once it is polling for the lock (bounded: 30 s).
      for (let i = 0; i < 300 && !(await polling(server, name)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await polling(server, name)).toBe(true);
      expect(await stopInstance(waiting, 'SIGTERM', 10_000)).toBe(0);
      expect(waiting.output()).not.toContain('listening');
    } finally {
      await holder.end().catch(() => {});
      await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.end();
    }
  });
});
