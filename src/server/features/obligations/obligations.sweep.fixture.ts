import { expect } from 'vitest';
import { request, type TestApp } from '../../../../test/harness';
import type { NotificationMailJob } from '../notifications/notifications.delivery';
import { sweepOverdueObligations } from './obligations.sweep';

export type Notice = {
  id: string;
  workspace_id: string;
  recipient_id: string;
  subject_type: string;
  subject_id: string;
  title: string;
  due_on: string;
};

/**
 * The overdue obligation sweep as its tests drive it, on a file's app that its `beforeAll` makes
 * later: each call reads the app when it runs. Agreements and obligations are made through the
 * API; the sweep runs at a given instant with its mail jobs captured in `queued`.
 */
export function sweepClient(app: () => Pick<TestApp, 'app' | 'database'>) {
  /** Mail jobs the sweeps queued, when a test captures them instead of sending. */
  const queued: NotificationMailJob[] = [];
  const sweepAt = (instant: string) =>
    sweepOverdueObligations(
      app().database,
      async (_tx, jobs) => {
        queued.push(...jobs);
      },
      new Date(instant),
    );

  /** The overdue obligation notices whose title starts with `prefix`, by due date. */
  const noticesOf = async (prefix: string) =>
    (
      await app().database.sql(
        `SELECT id, workspace_id, recipient_id, subject_type, subject_id, title, due_on
         FROM notifications WHERE kind = 'obligation_overdue' AND title LIKE $1
         ORDER BY due_on, id`,
        [`${prefix}%`],
      )
    ).rows as Notice[];
  const mailed = (notice: Notice | undefined) =>
    queued.some((job) => notice !== undefined && job.notificationIds.includes(notice.id));

  async function createAgreement(key: string, partnerId: string, payload: object = {}) {
    const res = await request(app().app, {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId, type: 'reseller', title: 'Reseller terms', ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }

  async function createObligation(key: string, agreementId: string, payload: object) {
    const res = await request(app().app, {
      method: 'POST',
      url: `/api/v1/agreements/${agreementId}/obligations`,
      key,
      payload: { party: 'us', ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  }

  return { queued, sweepAt, noticesOf, mailed, createAgreement, createObligation };
}
