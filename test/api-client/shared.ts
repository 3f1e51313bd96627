import createClient from 'openapi-fetch';
import type { PartnerId } from '../../src/domain/ids';
import type { paths } from '../../src/web/api/schema';
import { seedWorld, signIn, type World } from '../factories';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../harness';

/**
 * What the groups of test/api-client.test.ts share: the one app and its fixtures, typed clients
 * sending through it, the helpers they read answers with, and the operations called so far.
 */

// `openApp` (the file's beforeAll) and `seedFixtures` (its set-up test) assign these; the groups
// read them when their tests run, after both.
export let t: TestApp;
export let world: World;
/** `METHOD /path/{param}` of every operation a client call reached, by operationId. */
export const called = new Set<string>();
let operationOf: (method: string, path: string) => string | undefined;

type Credentials = { key?: string; cookie?: string };

/** A typed client sending through the test app, with an API key, a session cookie or neither. */
export function clientFor(credentials: Credentials = {}) {
  const headers: Record<string, string> = {};
  if (credentials.key) headers.authorization = `Bearer ${credentials.key}`;
  if (credentials.cookie)
    Object.assign(headers, { cookie: credentials.cookie, origin: PUBLIC_URL });
  return createClient<paths>({
    baseUrl: PUBLIC_URL,
    headers,
    fetch: async (input: Request) => {
      const url = new URL(input.url);
      // Bytes, not text, so that a file upload arrives as it was sent.
      const body = input.method === 'GET' ? undefined : Buffer.from(await input.arrayBuffer());
      const res = await t.app.inject({
        method: input.method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(input.headers.entries()),
        ...(body?.length ? { payload: body } : {}),
      });
      const operationId = operationOf(input.method, url.pathname);
      if (operationId) called.add(operationId);
      const answer = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        for (const one of [value].flat()) if (one !== undefined) answer.append(name, String(one));
      }
      const empty = res.statusCode === 204 || res.body === '';
      // The raw bytes, so that a file download (an Excel workbook) arrives as it was sent.
      return new Response(empty ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: answer,
      });
    },
  });
}

/** The operationId of each `METHOD path` of the served document (fixed paths before templates). */
function operationMatcher(document: { paths: Record<string, Record<string, unknown>> }) {
  const routes = Object.entries(document.paths)
    .map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      literal: !path.includes('{'),
      methods: methods as Record<string, { operationId?: string }>,
    }))
    .sort((a, b) => Number(b.literal) - Number(a.literal));
  return (method: string, path: string) =>
    routes.find((route) => route.pattern.test(path))?.methods[method.toLowerCase()]?.operationId;
}

/** The ETag an answer carries, to send back in If-Match. */
export function etagOf(response: Response): string {
  const etag = response.headers.get('etag');
  if (!etag) throw new Error(`${response.url} answered without an ETag`);
  return etag;
}

/** The session cookie a sign-in answer sets, as a `Cookie` header value. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The secret after `#token=` in a link Tandem hands out (invitations, resets). */
export function tokenIn(url: string | null | undefined): string {
  const token = /#token=([\w-]+)$/.exec(url ?? '')?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`no ${what}`);
  return value;
}

export const anonymous = () => clientFor();
/** Workspace A's admin API key: most operations. */
export let api: ReturnType<typeof clientFor>;
/** Workspace A's admin and member signed in: what belongs to a member (notifications, feeds). */
export let adminSession: ReturnType<typeof clientFor>;
export let memberSession: ReturnType<typeof clientFor>;
export let partnerId: PartnerId;

/** Starts the app the whole file shares and learns the operations of the document it serves. */
export async function openApp() {
  t = await createTestApp();
  const document = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
  operationOf = operationMatcher(document.json());
}

/** Seeds the two workspaces the groups after set-up work in, and the clients they call with. */
export async function seedFixtures() {
  world = await seedWorld(t.database);
  partnerId = world.a.partners[0];
  api = clientFor({ key: world.a.members.admin.key });
  adminSession = clientFor({ cookie: await signIn(t.app, world.a.members.admin.email) });
  memberSession = clientFor({ cookie: await signIn(t.app, world.a.members.member.email) });
}

/** Our admin and the partner's contact as the agreement's signers, then it is sent for signature. */
export async function sendForSignature(id: string, contactId: string): Promise<void> {
  let etag = `"${(await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } })).data?.version}"`;
  for (const body of [
    { side: 'us' as const, memberId: world.a.members.admin.memberId, role: 'CEO' },
    { side: 'partner' as const, contactId, role: 'Owner' },
  ]) {
    const added = await api.POST('/api/v1/agreements/{id}/signers', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    });
    etag = etagOf(added.response);
  }
  for (const to of ['in_negotiation', 'pending_signature'] as const) {
    const moved = await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etag } },
      body: { to },
    });
    etag = etagOf(moved.response);
  }
}
