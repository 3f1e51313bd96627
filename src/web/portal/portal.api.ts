import type { IssueStatus } from '../../domain/issues';
import { api, unwrap } from '../api/client';

export async function portalOverview() {
  return unwrap(await api.GET('/api/v1/portal/overview'));
}

export async function portalInteractions(cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/portal/interactions', { params: { query: { limit: 20, cursor } } }),
  );
}

export async function portalIssues(status: IssueStatus[], cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/portal/issues', {
      params: { query: { limit: 20, cursor, ...(status.length > 0 ? { status } : {}) } },
    }),
  );
}

/** An instant as the person who entered it saw it: in its own time zone, with the zone named. */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }
}

export async function portalAgreements(cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/portal/agreements', { params: { query: { limit: 20, cursor } } }),
  );
}

export async function portalAgreement(id: string) {
  return unwrap(await api.GET('/api/v1/portal/agreements/{id}', { params: { path: { id } } }));
}

export async function signPortalAgreement(
  id: string,
  signerId: string,
  body: { sha256: string; typedName: string; authorityConfirmed: true },
) {
  return unwrap(
    await api.POST('/api/v1/portal/agreements/{id}/signers/{signerId}/signature', {
      params: { path: { id, signerId } },
      body,
    }),
  );
}
