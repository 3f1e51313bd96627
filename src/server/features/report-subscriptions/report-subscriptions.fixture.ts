import { expect } from 'vitest';
import { request, type TestApp } from '../../../../test/harness';
import { formatPeriod, periodAt } from '../../../domain/periods';

/** What the report subscription tests schedule, made through the API. */

export const url = '/api/v1/report-subscriptions';

/** A contact of the partner, named `name` and mailed at the partner's domain; answers its id. */
export async function createContact(
  t: Pick<TestApp, 'app'>,
  key: string,
  partnerId: string,
  name: string,
) {
  const res = await request(t.app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key,
    payload: {
      partnerId,
      firstName: name,
      lastName: 'Contact',
      email: `${name.toLowerCase()}@partner.test`,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** The partner's plan for this calendar year, whose scorecard can be scheduled; answers its id. */
export async function createPlan(t: Pick<TestApp, 'app'>, key: string, partnerId: string) {
  const year = formatPeriod(
    periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' }),
  );
  const res = await request(t.app, {
    method: 'POST',
    url: '/api/v1/plans',
    key,
    payload: { partnerId, period: year, summary: 'Grow together', objectives: [] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
