import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../test/harness';
import { type RouteDoc, registerRouteDocs } from './openapi';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: unknown }>;
  requestBody?: unknown;
  responses: Record<string, { content?: unknown; headers?: Record<string, unknown> }>;
};
type Document = {
  info: { license?: unknown; contact?: unknown };
  servers?: unknown[];
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let t: TestApp;
let world: World;
let document: Document;
const operations: Array<[string, string, Operation]> = [];

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  document = (await request(t.app, { method: 'GET', url: '/api/openapi.json' })).json();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, op] of Object.entries(item)) operations.push([method, path, op]);
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('names, summarises, describes and tags every operation, with described tags', () => {
    const ids = operations.map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tagNames = new Set(document.tags?.map((tag) => tag.name));
    for (const [, , op] of operations) {
      expect(op.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary).toBeTruthy();
      expect(op.description).toBeTruthy();
      for (const tag of op.tags ?? []) expect(tagNames.has(tag)).toBe(true);
    }
    for (const tag of document.tags ?? []) expect(tag.description).toBeTruthy();
    expect(document.servers).toHaveLength(1);
    expect(document.info.license).toBeTruthy();
    expect(document.info.contact).toBeTruthy();
  });

  it('says which routes are public and which take a session only', () => {
    const byId = new Map(operations.map(([, , op]) => [op.operationId, op]));
    for (const id of [
      'setUpInstance',
      'getSetupStatus',
      'signIn',
      'requestPasswordReset',
      'confirmPasswordReset',
      'acceptInvitation',
      'getHealth',
      'getReadiness',
    ])
      expect(byId.get(id)?.security, id).toEqual([]);
    expect(byId.get('getSession')?.security).toEqual([{ session: [] }]);
    expect(byId.get('listPartners')?.security).toBeUndefined();
  });

  it('requires If-Match where a missing one is 428, and documents the errors the server gives', () => {
    for (const [method, path, op] of operations) {
      const ifMatch = op.parameters?.find((p) => p.name === 'if-match');
      if (method === 'patch' && path.startsWith('/api/v1')) {
        expect(ifMatch?.required, path).toBe(true);
        expect(op.responses['428'], path).toBeDefined();
      }
      expect(op.responses['400']).toBeDefined();
      expect(op.responses['5XX']).toBeDefined();
      if (method !== 'get') expect(op.responses['403'], path).toBeDefined();
    }
    const signIn = document.paths['/api/v1/auth/sign-in']?.post;
    expect(signIn?.responses['429']?.headers?.['Retry-After']).toBeDefined();
    const create = document.paths['/api/v1/partners']?.post;
    expect(Object.keys(create?.responses['201']?.headers ?? {})).toEqual(['ETag', 'Location']);
  });

  it('has strict request schemas: enums, uuids, emails with a length', () => {
    const list = document.paths['/api/v1/partners']?.get;
    const param = (name: string) => list?.parameters?.find((p) => p.name === name)?.schema;
    expect(JSON.stringify(param('stage'))).toContain('"enum"');
    expect(JSON.stringify(param('ownerId'))).toContain('"format":"uuid"');
    const signIn = JSON.stringify(document.paths['/api/v1/auth/sign-in']?.post?.requestBody);
    expect(signIn).toContain('"format":"email"');
    expect(signIn).toContain('"maxLength":254');
  });

  it('has no components that nothing references, and a 202 without a body', async () => {
    const text = JSON.stringify(document.paths);
    const all = JSON.stringify(document.components.schemas);
    for (const name of Object.keys(document.components.schemas)) {
      expect(text.includes(`/${name}"`) || all.includes(`/${name}"`), name).toBe(true);
    }
    const accepted = document.paths['/api/v1/auth/password-reset/request']?.post?.responses['202'];
    expect(accepted?.content).toBeUndefined();
    const before = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      headers: { origin: 'http://tandem.test' },
      payload: { email: 'nobody@nowhere.test' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect(world.b.members.admin.email).toContain('@b.test');
  });

  it('refuses to start with a route that lacks an operationId', async () => {
    const app = Fastify();
    registerRouteDocs(app, [] as RouteDoc[]);
    expect(() =>
      app.get(
        '/api/v1/undocumented',
        { schema: { summary: 'x', description: 'y', tags: ['partners'] } },
        async () => ({}),
      ),
    ).toThrow(/operationId/);
    await app.close();
  });
});
