import { request, type TestApp } from './harness';

/** Where the agreement routes live. */
export const agreementsUrl = '/api/v1/agreements';

/** The If-Match header that names the version of an agreement a change is made against. */
export const withVersion = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * The agreement routes as the agreement tests call them, as one caller: each answers the
 * response, refusals included. `t` and `key` are read at each call: a file's `beforeAll` makes
 * them later.
 */
export function agreementClient(t: () => Pick<TestApp, 'app' | 'database'>, key: () => string) {
  const create = (payload: object) =>
    request(t().app, { method: 'POST', url: agreementsUrl, key: key(), payload });
  const get = (path: string) => request(t().app, { method: 'GET', url: path, key: key() });
  const move = (id: string, version: number, to: string) =>
    request(t().app, {
      method: 'POST',
      url: `${agreementsUrl}/${id}/transitions`,
      key: key(),
      headers: withVersion(version),
      payload: { to },
    });
  /** The actions on one agreement's audit trail, oldest first. */
  async function actions(id: string) {
    const query = `SELECT action FROM audit_events WHERE entity_id = '${id}' ORDER BY id`;
    const { rows } = await t().database.sql(query);
    return (rows as Array<{ action: string }>).map((row) => row.action);
  }

  return { create, get, move, actions };
}
