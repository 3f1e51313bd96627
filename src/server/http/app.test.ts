import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../test/harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('the HTTP seam', () => {
  it('answers health and readiness', async () => {
    expect((await request(t.app, { method: 'GET', url: '/api/health' })).json()).toEqual({
      status: 'ok',
    });
    const ready = await request(t.app, { method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
  });

  it('answers an unknown route with problem+json', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a Bearer key that is not valid, with 401', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/v1/partners', key: 'tdm_nope' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    expect(world.a.members.admin.key).toMatch(/^tdm_/);
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
  });

  it('sets security headers', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
