import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract } from './contract';
import { seedWorld, type World } from './factories';
import { createTestApp, request, type TestApp } from './harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('the response check of the test harness', () => {
  it('passes documented answers and throws on undocumented ones', async () => {
    const check = createContract(t.app.swagger() as Record<string, unknown>);
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}`,
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    expect(() => check('GET', `/api/v1/partners/${world.a.partners[0]}`, res)).not.toThrow();

    // Another workspace's partner is a documented 404.
    const other = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.b.partners[0]}`,
      key: world.a.members.viewer.key,
    });
    expect(other.statusCode).toBe(404);

    const fake = (over: Partial<typeof res>) => ({ ...res, ...over }) as typeof res;
    const url = `/api/v1/partners/${world.a.partners[0]}`;
    expect(() => check('GET', url, fake({ body: '{"id":1}' }))).toThrow(/does not match/);
    expect(() => check('GET', url, fake({ statusCode: 302 }))).toThrow(/not in the document/);
    expect(() =>
      check('GET', url, fake({ headers: { 'content-type': 'application/json' } })),
    ).toThrow(/ETag/);
    expect(() =>
      check('GET', url, fake({ headers: { ...res.headers, 'content-type': 'text/html' } })),
    ).toThrow(/not documented/);
    expect(() => check('PUT', url, fake({}))).toThrow(/no such operation/);
  });
});
