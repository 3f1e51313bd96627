import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../../../../test/harness';
import { contacts, members, partners, workspaces } from '../../db/schema';
import { newToken } from '../../tokens';

let t: TestApp;
const token = newToken();

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.setupToken = token;
});
afterAll(() => t.close());

describe('first-run setup with the demo data', () => {
  it('creates the workspace and loads the small data set into it', async () => {
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/setup',
      headers: { origin: PUBLIC_URL },
      payload: {
        token,
        workspaceName: 'Acme',
        adminName: 'Ada Admin',
        adminEmail: 'ada@acme.test',
        adminPassword: 'a long enough password',
        loadDemo: true,
      },
    });
    expect(res.statusCode).toBe(201);
    const [workspace] = await t.database.db.select().from(workspaces);
    const id = workspace?.id ?? '';
    const countOf = async (table: typeof partners | typeof contacts | typeof members) =>
      (await t.database.db.select({ n: count() }).from(table).where(eq(table.workspaceId, id)))[0]
        ?.n;
    expect(await countOf(partners)).toBe(50);
    expect(await countOf(contacts)).toBe(300);
    // The admin who set up, plus the five demo members.
    expect(await countOf(members)).toBe(6);
    // The demo team's password was made for this load and is shown once, here, uncached.
    const { demo } = res.json();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(demo.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(demo.members).toHaveLength(5);
    const admin = demo.members.find((m: { role: string }) => m.role === 'admin');
    const signedIn = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: PUBLIC_URL },
      payload: { email: admin.email, password: demo.password },
    });
    expect(signedIn.statusCode).toBe(200);
  });
});
