import { expect } from 'vitest';
import type { Kpi } from '../src/domain/kpis';
import { request, type TestApp } from './harness';

/**
 * Plans, KPIs and measurements made through the API as one caller, for the plan tests and the
 * tests of the features that build on them. `t` and `key` are read at each call: a file's
 * `beforeAll` makes them later.
 */
export function planClient(t: () => Pick<TestApp, 'app'>, key: () => string) {
  const send = (method: string, url: string, payload?: object, headers?: Record<string, string>) =>
    request(t().app, {
      method: method as 'GET',
      url,
      key: key(),
      ...(payload ? { payload } : {}),
      ...(headers ? { headers } : {}),
    });

  /** Asks for a new plan; answers the response, refusals included. */
  const create = (payload: object) => send('POST', '/api/v1/plans', payload);

  /** Asks to move the plan at `version`; answers the response, refusals included. */
  const move = (id: string, version: number, payload: object) =>
    send('POST', `/api/v1/plans/${id}/transitions`, payload, ifMatch(version));

  async function newPlan(partnerId: string, period: string): Promise<string> {
    const res = await send('POST', '/api/v1/plans', { partnerId, period });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  async function newKpi(planId: string, payload: object): Promise<Kpi> {
    const res = await send('POST', `/api/v1/plans/${planId}/kpis`, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const planVersion = async (id: string): Promise<number> =>
    (await send('GET', `/api/v1/plans/${id}`)).json().version;

  /** Moves a plan through `statuses` in turn, recording the partner's agreement on the way. */
  async function moveTo(id: string, ...statuses: string[]) {
    for (const to of statuses) {
      const extra = to === 'agreed' ? { agreedBy: 'Ada', agreedOn: '2025-01-10' } : {};
      const res = await send(
        'POST',
        `/api/v1/plans/${id}/transitions`,
        { to, ...extra },
        ifMatch(await planVersion(id)),
      );
      expect(res.statusCode, res.body).toBe(200);
    }
  }

  async function record(planId: string, measurements: object[]) {
    const res = await send('PUT', `/api/v1/plans/${planId}/measurements`, { measurements });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  return { send, create, move, newPlan, newKpi, planVersion, moveTo, record };
}

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
