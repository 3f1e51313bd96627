import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { agreementToSign, sendForSignature } from './agreement-kit';
import { accessible, settle, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

/** The elements that scroll sideways (or stick out of the window) at the page's width. */
async function sideways(page: Page): Promise<string[]> {
  await settle(page);
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push('the page');
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const overflow = getComputedStyle(element).overflowX;
      if (
        (overflow === 'auto' || overflow === 'scroll') &&
        element.scrollWidth > element.clientWidth + 1
      )
        found.push(element.getAttribute('aria-label') ?? element.className);
    }
    return found;
  });
}

test('the agreement page on a phone, its own comments, the signing page and the renewals link', async () => {
  await j.setUp();
  const { agreement, url, me } = await agreementToSign(
    j,
    {
      title: 'Reseller agreement 2027',
      effectiveOn: '2027-01-01',
      endOn: '2027-12-31',
      noticeDays: 60,
      value: 2_400_000,
      currency: 'EUR',
    },
    '# Terms\n\nThe reseller shall report monthly.',
  );
  for (const payload of [
    {
      description: 'Send the monthly sales report',
      party: 'partner',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      startsOn: '2027-01-01',
      ownerId: me.id,
    },
    { description: 'Hold a quarterly business review', party: 'both', dueOn: '2027-03-31' },
  ])
    await j.post(`${url}/obligations`, payload);
  await sendForSignature(j, url);

  // The agreement as a whole has its own discussion, below the version's.
  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/${agreement.id}`);
  const comments = page.getByRole('region', { name: 'Comments', exact: true });
  await comments.getByText('No comments yet.', { exact: false }).waitFor();
  await comments.getByLabel('Add a comment').fill('Finance wants the **value** split by quarter.');
  await comments.getByRole('button', { name: 'Comment' }).click();
  await comments.getByRole('article').filter({ hasText: 'split by quarter' }).waitFor();
  const onVersion = page.getByRole('region', { name: 'Comments on version 1' });
  await onVersion.getByText('No comments yet.', { exact: false }).waitFor();
  const thread = await (
    await j.send('get', `/api/v1/comments?subjectType=agreement&subjectId=${agreement.id}`)
  ).json();
  expect(thread.items).toHaveLength(1);
  await accessible(page, 'agreement page with its comments');

  // On a phone nothing scrolls sideways: tables become cards.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sideways(page)).toEqual([]);
  await accessible(page, 'agreement page on a phone');
  await page.setViewportSize({ width: 1440, height: 900 });
  // From the top: a full-page shot of a scrolled page draws sticky headers mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'agreement-page', { fullPage: true });

  // The public signing page fills a phone's width.
  const signatures = page.getByRole('region', { name: 'Signatures' });
  await signatures.getByRole('button', { name: 'Send signing link to Nora North' }).click();
  const link = ((await page.getByTestId('shown-once').textContent()) ?? '').trim();
  const theirs = await j.browser.newContext({ viewport: { width: 390, height: 844 } });
  const signerPage = await theirs.newPage();
  await signerPage.goto(link);
  await signerPage.getByText('The reseller shall report monthly.').waitFor();
  // The text takes the phone's width but for a small margin and the card's padding.
  const text = await signerPage.getByText('The reseller shall report monthly.').boundingBox();
  expect(text?.width ?? 0).toBeGreaterThan(320);
  expect(await sideways(signerPage)).toEqual([]);
  await accessible(signerPage, 'signing page on a phone');
  await shoot(signerPage, 'signing-page', { fullPage: true });
  await theirs.close();

  // The renewals window is a plain value in the URL, and an old quoted link still opens.
  await page.goto(`${j.server.url}/agreements/renewals?within=%2290%22`);
  expect(await page.getByRole('radio', { name: '90 days' }).isChecked()).toBe(true);
  await page.getByText('60 days', { exact: true }).click();
  await expect.poll(() => new URL(page.url()).search).toBe('?within=60');
  await page.goto(`${j.server.url}/agreements/renewals?within=30`);
  expect(await page.getByRole('radio', { name: '30 days' }).isChecked()).toBe(true);
  expect(problems).toEqual([]);
});
