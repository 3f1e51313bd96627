import { queryOptions, useQuery } from '@tanstack/react-query';
import { dateAt } from '../../../domain/periods';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { browserTimeZone } from '../../lib/time-zones';
import { useSession } from '../auth/session';

export type Member = components['schemas']['Member'];
export type PartnerUser = components['schemas']['PartnerUser'];
export type Workspace = components['schemas']['Workspace'];

/** Every member of the workspace (owners, role changes); workspaces are small, so page through all. */
export const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: async (): Promise<Member[]> => {
    const all: Member[] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(
        await api.GET('/api/v1/members', { params: { query: { limit: 200, cursor } } }),
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  staleTime: 60_000,
});

/** Every partner user of the workspace, across its partners; page through all, as members. */
export const partnerUsersQuery = queryOptions({
  queryKey: ['partner-users'],
  queryFn: async (): Promise<PartnerUser[]> => {
    const all: PartnerUser[] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(
        await api.GET('/api/v1/partner-users', { params: { query: { limit: 200, cursor } } }),
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  staleTime: 60_000,
});

export const workspaceQuery = queryOptions({
  queryKey: ['workspace'],
  queryFn: async (): Promise<{ workspace: Workspace; etag: string }> => {
    const result = await api.GET('/api/v1/workspace');
    const workspace = unwrap(result);
    return { workspace, etag: result.response.headers.get('etag') ?? '' };
  },
  staleTime: 60_000,
});

/**
 * The workspace's date (`YYYY-MM-DD`) in its time zone, as the server counts due dates; the
 * browser's own date until the workspace has loaded.
 */
export function useWorkspaceToday(): string {
  const workspace = useQuery(workspaceQuery);
  return dateAt(Date.now(), workspace.data?.workspace.timeZone ?? browserTimeZone());
}

/** The members, for owner names and pickers; partner users may not list them, so they skip it. */
export function useMembers() {
  const session = useSession();
  return useQuery({ ...membersQuery, enabled: session?.kind === 'member' });
}

/** The signed-in person's member id, once the members have loaded; null before or for partners. */
export function useMyMemberId(): string | null {
  const session = useSession();
  const members = useMembers();
  return members.data?.find((member) => member.userId === session?.user.id)?.id ?? null;
}

export type Team = components['schemas']['Team'];

/** Every team of the workspace, retired ones too (a workspace has a handful). */
export const teamsQuery = queryOptions({
  queryKey: ['teams'],
  queryFn: async (): Promise<Team[]> => {
    const all: Team[] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(
        await api.GET('/api/v1/teams', {
          params: { query: { retired: 'any', limit: 200, cursor } },
        }),
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  staleTime: 60_000,
});
