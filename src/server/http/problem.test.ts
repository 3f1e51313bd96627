import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../test/harness';

let t: TestApp;
let world: World;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

type Answer = { status: number; headers: Record<string, unknown>; body: string };

/** A raw request over a socket, for what an HTTP client library would refuse to send. */
function raw(text: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      const status = Number(statusLine.split(' ')[1]);
      if (!status) reject(new Error(`no answer: ${received}`));
      resolve({ status, headers, body });
    });
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectProblem(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(String(answer.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ status, code, type: `urn:tandem:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('errors the framework raises are problem+json with stable codes', () => {
  it('a malformed percent escape in the path is 400 bad_url', async () => {
    const key = world.a.members.admin.key;
    for (const path of ['/api/v1/partners/%zz', '/api/v1/partners/%C0%AF']) {
      const answer = await get(path, { authorization: `Bearer ${key}` });
      const body = expectProblem(answer, 400, 'bad_url');
      expect(body.errors).toEqual([{ field: 'path', code: 'bad_url', message: 'Malformed URL' }]);
      expect(answer.headers['x-request-id']).toBeTruthy();
    }
  });

  it('a path parameter longer than 100 characters is 414 uri_too_long', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${'a'.repeat(101)}`,
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'uri_too_long', errors: [{ field: 'path' }] });
  });

  it('headers larger than the server accepts are 431 headers_too_large', async () => {
    const answer = await raw(
      `GET /api/v1/partners HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectProblem(answer, 431, 'headers_too_large');
  });

  it('a request that is not HTTP is 400 bad_request', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expectProblem(answer, 400, 'bad_request');
  });

  it('a body larger than the route allows is 413, an unknown content type 415, bad JSON 400', async () => {
    const before = await databaseSnapshot(t.database);
    const key = world.a.members.admin.key;
    const big = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(70 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json()).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'body' }] });

    const xml = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key,
      headers: { 'content-type': 'application/xml' },
      payload: '<partner/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'unsupported_media_type' });

    const broken = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect(broken.json()).toMatchObject({ code: 'malformed_json' });

    const empty = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'malformed_json' });
    // None of the refused bodies reached the database.
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('an unknown path under /api is 404 not_found, with or without credentials', async () => {
    for (const url of ['/api/nothing', '/api/v1/partners/x/y/z', '/api/v2/partners']) {
      const res = await request(t.app, { method: 'GET', url, key: world.b.members.viewer.key });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('a request that arrives too slowly is 408 request_timeout', async () => {
    const { answerClientError } = await import('./problem');
    let written = '';
    let destroyed = false;
    const socket = {
      destroyed: false,
      writable: true,
      write: (text: string) => {
        written += text;
      },
      destroy: () => {
        destroyed = true;
      },
    };
    const error = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    answerClientError(error, socket as never);
    expect(written).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n/);
    expect(written).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(written.split('\r\n\r\n')[1] ?? '')).toMatchObject({
      status: 408,
      code: 'request_timeout',
    });
    expect(destroyed).toBe(true);
  });
});
