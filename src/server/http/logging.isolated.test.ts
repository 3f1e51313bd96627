import type { FastifyServerOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedWorld, signIn, TEST_PASSWORD, type World } from '../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../test/harness';

/**
 * buildApp configures the logger (level, redaction) but always writes to stdout. To read what it
 * writes, Fastify is handed the app's own logger options plus a stream that keeps the lines.
 */
const lines = vi.hoisted(() => [] as string[]);
vi.mock('fastify', async (importOriginal) => {
  const original = await importOriginal<typeof import('fastify')>();
  const stream = { write: (line: string) => void lines.push(line) };
  const withStream = (options?: FastifyServerOptions) =>
    original.default({
      ...options,
      logger:
        options?.logger && typeof options.logger === 'object'
          ? { ...options.logger, stream }
          : options?.logger,
    } as FastifyServerOptions);
  return { ...original, default: withStream, fastify: withStream };
});

let t: TestApp;
let world: World;

beforeAll(async () => {
  // Logs on (buildApp's own configuration), at the most verbose level.
  t = await createTestApp({ logLevel: 'trace' }, { logger: true });
  world = await seedWorld(t.database);
});
afterAll(() => t.close());
beforeEach(() => {
  lines.length = 0;
});

type LogLine = { reqId?: string; msg?: string; [field: string]: unknown };
const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

describe('request logs', () => {
  it('carry the request id of the response and never the API key or the cookie', async () => {
    const cookie = await signIn(t.app, world.a.members.viewer.email);
    const cookieValue = cookie.split('=').slice(1).join('=');
    const key = world.a.members.admin.key;
    lines.length = 0;

    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners',
      headers: { authorization: `Bearer ${key}`, cookie },
    });
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'];
    expect(typeof requestId).toBe('string');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const forRequest = parsed().filter((line) => line.reqId === requestId);
    // One line per request: route pattern, status, duration and request id.
    expect(forRequest).toHaveLength(1);
    expect(forRequest[0]).toMatchObject({
      msg: 'request completed',
      method: 'GET',
      route: '/api/v1/partners',
      status: 200,
    });
    expect(typeof forRequest[0]?.durationMs).toBe('number');
    const all = lines.join('\n');
    expect(all).toContain(requestId as string);
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(4)); // the secret part, in case the prefix were cut
    expect(all).not.toContain(cookieValue);
    expect(all).not.toContain(decodeURIComponent(cookieValue));
  });

  it('keep a refused key, a password and a new session token out too', async () => {
    const refusedKey = `${world.b.members.admin.key}x`;
    const refused = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners',
      key: refusedKey,
    });
    expect(refused.statusCode).toBe(401);

    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'http://tandem.test' },
      payload: { email: world.b.members.admin.email, password: TEST_PASSWORD },
    });
    expect(signedIn.statusCode).toBe(200);
    const session = signedIn.cookies.find((c) => c.name.endsWith('tandem.session_token'));
    expect(session?.value).toBeTruthy();

    const all = lines.join('\n');
    expect(parsed().some((line) => line.reqId === refused.headers['x-request-id'])).toBe(true);
    expect(parsed().some((line) => line.reqId === signedIn.headers['x-request-id'])).toBe(true);
    expect(all).not.toContain(refusedKey.slice(4));
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(session?.value as string);
    expect(all).not.toContain(decodeURIComponent(session?.value as string));
  });

  it("take a well-formed caller's request id and replace any other", async () => {
    const given = await request(t.app, {
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'trace-1234.abc' },
    });
    expect(given.headers['x-request-id']).toBe('trace-1234.abc');
    expect(parsed().some((line) => line.reqId === 'trace-1234.abc')).toBe(true);

    const forged = await request(t.app, {
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'a b"}{"level":60' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join('\n')).not.toContain('"level":60');
  });

  it('log the route pattern and only the safe query values, never search text or ids in paths', async () => {
    const key = world.a.members.admin.key;
    const search = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners?q=secret-person%40mail.example&limit=5&sort=name&tag=vip-ann',
      key,
    });
    expect(search.statusCode).toBe(200);
    const one = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}`,
      key,
    });
    expect(one.statusCode).toBe(200);
    // Another workspace's partner is a 404 and logged the same way.
    const other = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.b.partners[0]}`,
      key,
    });
    expect(other.statusCode).toBe(404);

    const byId = new Map(parsed().map((line) => [line.reqId, line]));
    expect(byId.get(search.headers['x-request-id'] as string)).toMatchObject({
      route: '/api/v1/partners',
      query: 'q=%7E&limit=5&sort=name&tag=%7E',
      status: 200,
    });
    expect(byId.get(one.headers['x-request-id'] as string)).toMatchObject({
      route: '/api/v1/partners/:id',
      status: 200,
    });
    expect(byId.get(other.headers['x-request-id'] as string)).toMatchObject({
      route: '/api/v1/partners/:id',
      status: 404,
    });
    const all = lines.join('\n');
    expect(all).not.toContain('secret-person');
    expect(all).not.toContain('vip-ann');
    expect(all).not.toContain(world.a.partners[0]);
  });

  it("leave out Fastify's own listening lines", () => {
    t.app.log.info('Server listening at http://127.0.0.1:1');
    t.app.log.info('something else');
    expect(parsed().map((line) => line.msg)).toEqual(['something else']);
  });

  it("censor passwords, tokens, keys and secrets that code hands to the app's logger", () => {
    t.app.log.info(
      {
        body: {
          password: 'pw-123456',
          token: 'tok-123456',
          key: 'tdm_k123456',
          secret: 's-123456',
        },
      },
      'probe',
    );
    const probe = parsed().find((line) => line.msg === 'probe');
    expect(probe?.body).toEqual({
      password: '[redacted]',
      token: '[redacted]',
      key: '[redacted]',
      secret: '[redacted]',
    });
  });
});
