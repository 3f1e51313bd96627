import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessages } from '../src/domain/text';
import { seedWorld, type World } from './factories';
import { createTestApp, databaseSnapshot, PUBLIC_URL, request, type TestApp } from './harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

/** A request whose field `field` is set to a bad value by `make(bad)`. */
type Case = {
  field: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (bad: string) => string;
  payload?: (bad: string) => Record<string, unknown>;
  /** Tabs and line breaks are allowed in multi-line text. */
  multiLine?: boolean;
  headers?: Record<string, string>;
  /** The path as the test's name shows it, when it needs seeded ids. */
  label?: string;
};

const enc = encodeURIComponent;
const partner = (field: string, value: unknown) => ({ name: 'Partner', [field]: value });
const contact = (field: string, value: unknown) => ({
  partnerId: world.a.partners[0],
  firstName: 'Ada',
  lastName: 'Lovelace',
  [field]: value,
});

const cases: Case[] = [
  ...['name', 'tier', 'industry', 'website'].map(
    (field): Case => ({
      field,
      method: 'POST',
      url: () => '/api/v1/partners',
      payload: (bad) => partner(field, field === 'website' ? `https://acme.example/${bad}` : bad),
    }),
  ),
  {
    field: 'description',
    method: 'POST',
    url: () => '/api/v1/partners',
    payload: (bad) => partner('description', bad),
    multiLine: true,
  },
  {
    field: 'tags.0',
    method: 'POST',
    url: () => '/api/v1/partners',
    payload: (bad) => partner('tags', [bad]),
  },
  {
    field: 'domains.0',
    method: 'POST',
    url: () => '/api/v1/partners',
    payload: (bad) => partner('domains', [`acme${bad}.com`]),
  },
  {
    field: 'name',
    method: 'PATCH',
    url: () => `/api/v1/partners/${world.a.partners[0]}`,
    label: '/api/v1/partners/:id',
    payload: (bad) => ({ name: bad }),
    headers: { 'if-match': '"1"' },
  },
  { field: 'q', method: 'GET', url: (bad) => `/api/v1/partners?q=${enc(bad)}` },
  { field: 'tier', method: 'GET', url: (bad) => `/api/v1/partners?tier=${enc(bad)}` },
  { field: 'tag', method: 'GET', url: (bad) => `/api/v1/partners?tag=${enc(bad)}` },
  { field: 'cursor', method: 'GET', url: (bad) => `/api/v1/partners?cursor=${enc(bad)}` },
  ...['firstName', 'lastName', 'title', 'email', 'phone'].map(
    (field): Case => ({
      field,
      method: 'POST',
      url: () => '/api/v1/contacts',
      payload: (bad) => contact(field, field === 'email' ? `a${bad}@b.test` : `12${bad}34`),
    }),
  ),
  {
    field: 'notes',
    method: 'POST',
    url: () => '/api/v1/contacts',
    payload: (bad) => contact('notes', bad),
    multiLine: true,
  },
  { field: 'q', method: 'GET', url: (bad) => `/api/v1/contacts?q=${enc(bad)}` },
  {
    field: 'name',
    method: 'PATCH',
    url: () => '/api/v1/workspace',
    payload: (bad) => ({ name: bad }),
  },
  {
    field: 'tiers.1',
    method: 'PATCH',
    url: () => '/api/v1/workspace',
    payload: (bad) => ({ tiers: ['gold', bad] }),
  },
  {
    field: 'name',
    method: 'POST',
    url: () => '/api/v1/api-keys',
    payload: (bad) => ({ name: bad, role: 'viewer' }),
  },
  {
    field: 'email',
    method: 'POST',
    url: () => '/api/v1/invitations',
    payload: (bad) => ({ email: `x${bad}@y.test`, role: 'viewer' }),
  },
  { field: 'cursor', method: 'GET', url: (bad) => `/api/v1/members?cursor=${enc(bad)}` },
  {
    field: 'name',
    method: 'POST',
    url: () => '/api/v1/auth/invitations/accept',
    payload: (bad) => ({ token: 'some-token', name: bad, password: 'a long enough password' }),
  },
  {
    field: 'adminName',
    method: 'POST',
    url: () => '/api/v1/setup',
    payload: (bad) => ({
      token: 'some-token',
      workspaceName: 'W',
      adminName: bad,
      adminEmail: 'a@b.test',
      adminPassword: 'a long enough password',
    }),
  },
  {
    field: 'workspaceName',
    method: 'POST',
    url: () => '/api/v1/setup',
    payload: (bad) => ({
      token: 'some-token',
      workspaceName: bad,
      adminName: 'A',
      adminEmail: 'a@b.test',
      adminPassword: 'a long enough password',
    }),
  },
];

/** NUL is what PostgreSQL refuses; the others are C0 controls and DEL. */
const alwaysBad = ['\u0000', 'a\u0000b', '\u0007', 'x\u001by', '\u007f'];
const badOnOneLine = ['a\nb', 'a\tb', 'a\rb'];

describe('control characters in text', () => {
  for (const c of cases) {
    const bads = c.multiLine ? alwaysBad : [...alwaysBad, ...badOnOneLine];
    it(`${c.method} ${c.label ?? c.url('…')} refuses them in ${c.field} (400 naming it, nothing changed)`, async () => {
      for (const bad of bads) {
        const before = await databaseSnapshot(t.database);
        const res = await request(t.app, {
          method: c.method,
          url: c.url(bad),
          key: world.a.members.admin.key,
          headers: { origin: PUBLIC_URL, ...c.headers },
          ...(c.payload ? { payload: c.payload(bad) } : {}),
        });
        expect(res.statusCode, `${JSON.stringify(bad)}: ${res.body}`).toBe(400);
        const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field);
        const named = fields.some((f: string) => f === c.field || f.startsWith(`${c.field}.`));
        expect(named, `${JSON.stringify(bad)} ${fields}`).toBe(true);
        expect(await databaseSnapshot(t.database)).toBe(before);
      }
    });
  }

  it('names the fault in one plain message', async () => {
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: world.a.members.admin.key,
      payload: { name: 'Bad\u0000Name' },
    });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'name', message: textMessages.singleLine }),
    ]);
  });

  it('keeps tabs and line breaks in multi-line text', async () => {
    const description = 'First line\n\tindented\r\nlast line';
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: world.a.members.admin.key,
      payload: { name: 'Multi-line', description },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().description).toBe(description);
  });
});
