import { expect } from 'vitest';
import { todayOf } from '../src/domain/issues';
import { request, type TestApp } from './harness';

/** The date `offset` days from today (UTC), as the API writes due dates. */
export function dayFromToday(offset: number): string {
  const d = new Date(`${todayOf(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/**
 * Makes tasks through the API, as `defaultKey` unless a call names another key. `t` and
 * `defaultKey` are read at each call: a file's `beforeAll` makes them later.
 */
export function taskMaker(t: () => Pick<TestApp, 'app'>, defaultKey: () => string) {
  return async (payload: object, key = defaultKey()) => {
    const res = await request(t().app, { method: 'POST', url: '/api/v1/tasks', key, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
}
