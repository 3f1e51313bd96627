import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, settle } from './browser';
import { type RunningServer, startServer } from './server';

/** The admin who sets up each journey's workspace. */
export const ada = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct horse battery',
};

// Set to a folder to keep screenshots of a journey's screens (wide and narrow, light and dark).
const shots = process.env.E2E_SCREENSHOTS;

/**
 * A journey file's own server and browser, started before its tests and stopped after, with
 * one browser context whose requests call the API as the signed-in person.
 */
export function journey(env: Record<string, string> = {}) {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** Calls the API; anything but a success fails the test with the answer's body. */
  async function send(
    method: 'post' | 'get' | 'patch',
    path: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<APIResponse> {
    const response = await context.request[method](`${server.url}${path}`, {
      data,
      headers: { origin: server.url, ...headers },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return response;
  }

  return {
    get server() {
      return server;
    },
    get context() {
      return context;
    },
    /** For a second person's own browser context. */
    get browser() {
      return browser;
    },
    send,
    post: async (path: string, data: unknown) => (await send('post', path, data)).json(),
    /** The first-run set-up: the workspace and Ada, signed in in this context. */
    setUp: (workspaceName = 'Acme Partnerships') =>
      send('post', '/api/v1/setup', {
        token: new URL(server.setupUrl).hash.replace('#token=', ''),
        workspaceName,
        adminName: ada.name,
        adminEmail: ada.email,
        adminPassword: ada.password,
      }),
  };
}

export type Journey = ReturnType<typeof journey>;

/** With E2E_SCREENSHOTS set, keeps the page at a laptop's and a phone's size in both themes. */
export async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await settle(page);
      await page.screenshot({
        path: join(shots, `${name}-${width}-${scheme}.png`),
        fullPage: options.fullPage,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}
