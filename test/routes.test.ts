import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * Every API route with the access it requires. A new route or a changed permission shows up
 * here as a diff to review; a route that declares none stops the app from starting at all.
 */
it('lists every API route with its required access', () => {
  const lines = t.app.routeAccess
    .map((route) => `${route.method.padEnd(6)} ${route.url}  ${route.access}`)
    .sort();
  expect(lines.length).toBeGreaterThan(20);
  expect(lines.join('\n')).toMatchSnapshot();
});

it('declares no route as public except sign-in, setup and token flows', () => {
  const publicRoutes = t.app.routeAccess.filter((r) => r.access === 'public').map((r) => r.url);
  for (const url of publicRoutes) {
    // A calendar feed's URL carries its own secret token (decision 020); a scheduled report's
    // unsubscribe takes the token of its mail's link in the body (decision 044); so do a
    // signing link's view and signature (decision 056).
    expect(url).toMatch(
      /^\/api\/v1\/(auth|setup|calendar\/:token$|report-unsubscribe$|signing\/(view|signature)$)/,
    );
  }
});
