import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** A command name found on the PATH, as playwright wants an absolute executable path. */
function resolveExecutable(command: string): string {
  if (command.includes('/')) return command;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new Error(`${command} is not on the PATH; install chromium or set CHROMIUM_PATH`);
}

/** Debian's chromium, never a downloaded one. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: resolveExecutable(process.env.CHROMIUM_PATH ?? 'chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects console errors, failed requests and CSP violations: a journey ends with none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const at = message.location();
      problems.push(`console: ${message.text()} (${at.url}:${at.lineNumber})`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/**
 * Waits until no button is loading and no finite animation or transition runs: a button that
 * just stopped loading fades its label back in, and axe would measure it half transparent.
 */
export async function settle(page: Page): Promise<void> {
  // Still for 150 ms, not for one frame: a notification mounts a frame or two before its fade-in
  // starts, and axe would read its half-transparent text.
  await page.waitForFunction((call) => {
    const busy =
      document.querySelector('[data-loading]') !== null ||
      document
        .getAnimations()
        .some(
          (animation) =>
            animation.playState === 'running' &&
            animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY,
        );
    const w = window as unknown as { stillSince?: { call: number; at: number } };
    if (busy || w.stillSince?.call !== call) w.stillSince = { call, at: performance.now() };
    return !busy && performance.now() - w.stillSince.at >= 150;
  }, Math.random());
}

/** Runs axe-core on the page once it has settled; any serious or critical violation fails. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await settle(page);
  // Transitions end at once while axe runs: a notification whose time is up would otherwise fade
  // out during the check, and axe would read its half-transparent text as faint. The style
  // carries the page's nonce, as its Content Security Policy asks.
  const stillness = await page.evaluateHandle(() => {
    const style = document.createElement('style');
    style.nonce = document.querySelector<HTMLElement>('[nonce]')?.nonce ?? '';
    style.textContent =
      '*, *::before, *::after { transition: none !important; animation: none !important; }';
    return document.head.appendChild(style);
  });
  // Only violations are read, so axe need not gather the passes (about a tenth of its time).
  // Legacy mode runs axe in the page itself: the default opens a blank page per check to merge
  // the results of cross-origin frames, a third of a second each, and the app has no frames.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze()
    .finally(() => stillness.evaluate((style) => style.remove()));
  const bad = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (bad.length > 0) {
    const lines = bad.map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n    ${violation.nodes
          .slice(0, 3)
          .map((node) => `${node.target.join(' ')}  ${node.html.slice(0, 200)}`)
          .join('\n    ')}`,
    );
    throw new Error(`Accessibility violations on ${where}:\n  ${lines.join('\n  ')}`);
  }
}

/** A link of the main navigation (breadcrumbs repeat some names). */
export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/**
 * Picks an option of a Mantine Select or MultiSelect found by its label within `where`, then tabs
 * away so a multi-select's list closes (Escape would also close a drawer around it). A click that
 * lands while a drawer is still taking focus can leave the list shut, so the list is opened again
 * (up to three times) rather than waited on for the whole timeout.
 */
export async function choose(where: Page | Locator, label: string, option: string | RegExp) {
  const page = 'page' in where ? where.page() : where;
  const box = where.getByRole('combobox', { name: label, exact: true });
  const choice = page
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .first();
  for (let attempt = 1; ; attempt++) {
    if (!(await choice.isVisible())) await box.click();
    try {
      await choice.click({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.keyboard.press('Tab');
}

/** Waits for the page's level-one heading. */
export async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * axe on the page with the pointer out of the way: the button just clicked stays hovered, and
 * the hover shade of a filled button is not what this check is about.
 */
export async function accessible(page: Page, where: string) {
  await page.mouse.move(0, 0);
  await expectAccessible(page, where);
}
