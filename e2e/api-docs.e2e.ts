import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectAccessible, launchBrowser, watchProblems } from './browser';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('the API docs carry Tandem’s name and pass axe, with an operation of each method open', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}/api/docs`);
  await page.getByRole('heading', { level: 1, name: /Tandem API/ }).waitFor();
  await page.locator('.opblock-tag').first().waitFor();
  expect(await page.title()).toBe('Tandem API reference');
  expect(await page.getByRole('link', { name: 'Tandem', exact: true }).getAttribute('href')).toBe(
    '/',
  );
  // No top bar: neither the framework's logo nor its box for another document's URL.
  expect(await page.locator('.topbar').count()).toBe(0);
  expect(await page.locator('img[src*="logo" i], img[alt*="swagger" i]').count()).toBe(0);
  await expectAccessible(page, 'API docs');

  // An operation tried out: its parameter fields are named, its buttons readable.
  await page.locator('.opblock-summary-control').first().click();
  await page.getByRole('button', { name: 'Try it out' }).first().click();
  await page.getByRole('button', { name: 'Execute' }).waitFor();
  await expectAccessible(page, 'API docs, trying an operation');

  // One operation of each method and the schemas open at once: every operation renders the
  // same parts, and a hundred of them open make axe's run longer than the test may take.
  for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
    const summary = page.locator(`.opblock-${method} .opblock-summary-control`).first();
    if ((await summary.count()) === 0) continue;
    if ((await summary.getAttribute('aria-expanded')) === 'false') await summary.click();
  }
  await page.locator('.models-control').click();
  await expectAccessible(page, 'API docs, an operation of each method and the schemas open');
  expect(problems).toEqual([]);
  await context.close();
});
