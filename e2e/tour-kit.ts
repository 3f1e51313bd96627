import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, settle, watchProblems } from './browser';

/**
 * What the tours share: every page at a phone's and a laptop's size, in both themes, with no
 * horizontal overflow, no console error or failed request, no serious or critical axe violation.
 * Screenshots of each land in e2e/artifacts/screenshots/ (`<size>-<theme>-<page>.png`) for a
 * person to look at.
 */

export const shots = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));

export const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1440, height: 900 },
] as const;
export const themes = ['light', 'dark'] as const;
export type Size = (typeof sizes)[number];
export type Theme = (typeof themes)[number];
export type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;
export type View = { context: BrowserContext; page: Page; problems: string[] };

export type Stop = {
  /** The screenshot's name. */
  name: string;
  path: string;
  /** The page's level-one heading. */
  heading: string | RegExp;
  /** Text that shows the page has its data, when the heading comes before it. */
  text?: string | RegExp;
  /** Requests that fail on purpose on this page. */
  allowed?: RegExp[];
};

export function prepareShots() {
  mkdirSync(shots, { recursive: true });
}

/** A fresh browser profile at a size and theme, signed in as `state` says. */
export async function newView(
  browser: Browser,
  size: Size,
  theme: Theme,
  state?: SignedIn,
): Promise<View> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    colorScheme: theme,
    storageState: state,
  });
  const page = await context.newPage();
  return { context, page, problems: watchProblems(page) };
}

/** The page is no wider than the window: nothing makes the reader scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const widest = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (widest <= width) return null;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 4)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`);
    return `${widest}px wide in a ${width}px window: ${culprits.join(', ')}`;
  });
}

/** Visits one stop and records what is wrong with it rather than stopping at the first. */
export async function visit(
  baseUrl: string,
  view: { page: Page; problems: string[] },
  stop: Stop,
  where: string,
  failures: string[],
) {
  const { page, problems } = view;
  problems.length = 0;
  const label = `${where} ${stop.name}`;
  try {
    // A link that differs only in its fragment would not load the page again.
    if (stop.path.includes('#')) await page.goto('about:blank');
    await page.goto(`${baseUrl}${stop.path}`);
    await page.getByRole('heading', { level: 1, name: stop.heading }).first().waitFor();
    if (stop.text) await page.getByText(stop.text).first().waitFor();
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: `${shots}${where}-${stop.name}.png`, fullPage: true });
    const overflow = await horizontalOverflow(page);
    if (overflow) failures.push(`${label}: overflows, ${overflow}`);
    await expectAccessible(page, label);
  } catch (error) {
    failures.push(`${label}: ${(error as Error).message.split('\n').slice(0, 8).join('\n')}`);
  }
  const unexpected = problems.filter(
    (problem) => !(stop.allowed ?? []).some((pattern) => pattern.test(problem)),
  );
  if (unexpected.length > 0) failures.push(`${label}: ${unexpected.join('; ')}`);
}
