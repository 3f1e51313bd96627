import { rmSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, request, type TestApp } from '../../../test/harness';
import { webDistFolder } from '../paths';

/**
 * web.ts serves `webDistFolder`: point it at a temporary directory holding a stub build, so this
 * test neither needs `npm run build` nor depends on what the last build left in dist/web.
 */
vi.mock('../paths', async (importOriginal) => {
  const original = await importOriginal<typeof import('../paths')>();
  const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    [
      '<!doctype html>',
      '<html lang="en"><head>',
      '<meta name="tandem-style-nonce" content="__STYLE_NONCE__" />',
      '<script type="module" src="/assets/app-stub.js"></script>',
      '</head><body><div id="root"></div></body></html>',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'assets', 'app-stub.js'), 'export {};\n');
  return { ...original, webDistFolder: dir };
});

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { serveWeb: true });
});
afterAll(async () => {
  await t.close();
  rmSync(webDistFolder, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  const map = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function metaNonce(html: string): string | undefined {
  return /<meta name="tandem-style-nonce" content="([^"]*)"/.exec(html)?.[1];
}

describe('the web app', () => {
  it('is served with the stub build (the mock took effect)', () => {
    expect(webDistFolder).not.toMatch(/dist[\\/]web$/);
  });

  for (const url of ['/', '/partners', '/partners/0190f5a2-7b3c-7def-8123-456789abcdef/edit']) {
    it(`answers ${url} with index.html under a strict policy and this response's style nonce`, async () => {
      const res = await request(t.app, { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<div id="root">');
      expect(res.body).not.toContain('__STYLE_NONCE__');

      const csp = directives(res);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      const style = csp.get('style-src') ?? [];
      expect(style).not.toContain("'unsafe-inline'");
      const nonces = style.filter((v) => v.startsWith("'nonce-"));
      expect(nonces).toHaveLength(1);
      const nonce = /^'nonce-(.+)'$/.exec(nonces[0] ?? '')?.[1];
      // 16 random bytes in base64: long enough not to be guessed.
      expect(nonce?.length).toBeGreaterThanOrEqual(22);
      expect(metaNonce(res.body)).toBe(nonce);

      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toMatch(
        /^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/,
      );
      expect(res.headers['x-frame-options']).toBeTruthy();
    });
  }

  it('gives every response a fresh nonce', async () => {
    const seen = new Set<string>();
    for (const url of ['/', '/', '/partners', '/partners']) {
      const res = await request(t.app, { method: 'GET', url });
      const nonce = metaNonce(res.body);
      expect(nonce).toBeTruthy();
      expect(String(res.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
      seen.add(nonce ?? '');
    }
    expect(seen.size).toBe(4);
  });

  it('serves hashed assets for a year, under the same script policy', async () => {
    const res = await request(t.app, { method: 'GET', url: '/assets/app-stub.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(directives(res).get('script-src')).toEqual(["'self'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown API path with problem+json, not the web app', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain('tandem-style-nonce');
    expect(directives(res).get('default-src')).toEqual(["'none'"]);
  });
});

describe('the API docs', () => {
  it('have their own policy, not the web app one', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toContain('tandem-style-nonce');
    const csp = directives(res);
    expect(String(res.headers['content-security-policy'])).not.toContain("'nonce-");
    // Swagger UI needs inline styles: the reason the docs have a policy of their own.
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
