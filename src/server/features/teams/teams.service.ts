import type { TeamId } from '../../../domain/ids';
import { messages } from '../../../domain/messages';
import type { Team, TeamCreate, TeamUpdate } from '../../../domain/teams';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { type AuditEntry, recordAudit, recordAudits } from '../audit/audit.service';
import { memberNames, usableMemberRef } from '../members/members.service';
import { isUniqueViolation } from '../partners/partners.view';
import {
  deleteMemberPlaces,
  deleteTeamMember,
  findActiveTeamNamed,
  findTeam,
  findTeamMemberIds,
  findTeamNames,
  insertDefaultTeamRows,
  insertTeamMember,
  insertTeamRow,
  type TeamRow,
  updateTeamRow,
} from './teams.queries';
import { toTeam } from './teams.view';

const nameTaken = () =>
  errors.conflict('team_name_taken', 'Another active team has this name', {}, [
    { field: 'name', code: 'team_name_taken', message: messages.teamNameTaken },
  ]);

/** Two requests racing for one name: the partial unique index refuses the second. */
async function nameRaceAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error;
  }
}

/** Teams with their members' names, as the API shows them. */
export async function presentTeams(db: Db | Tx, scope: Scope, rows: TeamRow[]): Promise<Team[]> {
  const memberships = await findTeamMemberIds(
    db,
    scope,
    rows.map((row) => row.id),
  );
  const names = await memberNames(
    db,
    scope,
    memberships.map((m) => m.memberId),
  );
  return rows.map((row) =>
    toTeam(
      row,
      memberships
        .filter((m) => m.teamId === row.id)
        .map((m) => ({ id: m.memberId, name: names.get(m.memberId) ?? '' })),
    ),
  );
}

async function presentTeam(db: Db | Tx, scope: Scope, row: TeamRow): Promise<Team> {
  const [team] = await presentTeams(db, scope, [row]);
  if (!team) throw new Error('a team presented as nothing');
  return team;
}

/** The default teams of a new workspace, in its creating transaction, an event each. */
export async function addDefaultTeams(ctx: TxContext, scope: Scope): Promise<void> {
  const rows = await insertDefaultTeamRows(ctx.tx, scope.workspaceId);
  await recordAudits(
    ctx.tx,
    ctx,
    scope,
    rows.map((row) => ({
      action: 'team.created',
      entityType: 'team',
      entityId: row.id,
      after: toTeam(row, []),
    })),
  );
}

async function visibleTeam(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findTeam(db, scope, id, { forUpdate });
  if (!row) throw errors.notFound('team');
  return row;
}

export async function getTeam(ctx: ServiceContext, scope: Scope, id: string): Promise<Team> {
  const db = dbOf(ctx);
  return presentTeam(db, scope, await visibleTeam(db, scope, id));
}

export function createTeam(ctx: ServiceContext, scope: Scope, input: TeamCreate): Promise<Team> {
  return nameRaceAsConflict(
    withTransaction(ctx, async (tx, ctx) => {
      if (await findActiveTeamNamed(tx, scope, input.name, null)) throw nameTaken();
      const now = new Date();
      const row = await insertTeamRow(tx, {
        id: newId<TeamId>(),
        workspaceId: scope.workspaceId,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      });
      const team = toTeam(row, []);
      await recordAudit(tx, ctx, scope, {
        action: 'team.created',
        entityType: 'team',
        entityId: row.id,
        after: team,
      });
      return team;
    }),
  );
}

/** One change to a team under If-Match, written with its audit event. */
async function changeTeam(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  options: { required: boolean; action: string },
  change: (tx: Tx, row: TeamRow) => Promise<Partial<TeamRow> | null>,
): Promise<Team> {
  return nameRaceAsConflict(
    withTransaction(ctx, async (tx, ctx) => {
      const current = await visibleTeam(tx, scope, id, true);
      checkIfMatch(ifMatch, current.version, { required: options.required });
      const set = await change(tx, current);
      const before = await presentTeam(tx, scope, current);
      if (!set) return before;
      const row = await updateTeamRow(tx, scope, id, {
        ...set,
        version: current.version + 1,
        updatedAt: new Date(),
      });
      const after = await presentTeam(tx, scope, row);
      const entry: AuditEntry = {
        action: options.action,
        entityType: 'team',
        entityId: id,
        before,
        after,
      };
      await recordAudit(tx, ctx, scope, entry);
      return after;
    }),
  );
}

export function updateTeam(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: TeamUpdate,
): Promise<Team> {
  return changeTeam(
    ctx,
    scope,
    id,
    ifMatch,
    { required: true, action: 'team.renamed' },
    async (tx, row) => {
      if (input.name === row.name) return null;
      if (!row.retiredAt && (await findActiveTeamNamed(tx, scope, input.name, id)))
        throw nameTaken();
      return { name: input.name };
    },
  );
}

/** Retires a team (it leaves pickers, records keep naming it) or restores it. */
export function setTeamRetired(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  retired: boolean,
): Promise<Team> {
  return changeTeam(
    ctx,
    scope,
    id,
    ifMatch,
    { required: false, action: retired ? 'team.retired' : 'team.restored' },
    async (tx, row) => {
      if ((row.retiredAt !== null) === retired) return null;
      if (!retired && (await findActiveTeamNamed(tx, scope, row.name, id))) throw nameTaken();
      return { retiredAt: retired ? new Date() : null };
    },
  );
}

export function addTeamMember(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  memberId: string,
): Promise<Team> {
  return changeTeam(
    ctx,
    scope,
    id,
    undefined,
    { required: false, action: 'team.member_added' },
    async (tx, row) => {
      if (row.retiredAt) throw teamRetired('memberId');
      await usableMemberRef(tx, scope, memberId);
      return (await insertTeamMember(tx, scope, id, memberId)) ? {} : null;
    },
  );
}

export function removeTeamMember(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  memberId: string,
): Promise<Team> {
  return changeTeam(
    ctx,
    scope,
    id,
    undefined,
    { required: false, action: 'team.member_removed' },
    async (tx) => ((await deleteTeamMember(tx, scope, id, memberId)) ? {} : null),
  );
}

function teamRetired(field: string) {
  return errors.conflict('team_retired', 'The team is retired; restore it first', {}, [
    { field, code: 'team_retired', message: messages.teamRetired },
  ]);
}

/**
 * A team a body names (a task's or a partnership team's `teamId`): one of the caller's
 * workspace and active, or 422 naming the field.
 */
export async function usableTeamRef(db: Db | Tx, scope: Scope, id: string, field = 'teamId') {
  const [team] = await findTeamNames(db, scope, [id]);
  if (!team) throw errors.invalidReference(field, 'team');
  if (team.retired) throw teamRetired(field);
  return { id: team.id as TeamId, name: team.name };
}

/** Names of the given teams (retired ones too), for records that point to them. */
export async function teamNames(db: Db | Tx, scope: Scope, ids: string[]) {
  const rows = await findTeamNames(db, scope, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A member leaves: their team memberships and partnership team places go with them. */
export async function releaseMemberTeams(ctx: TxContext, scope: Scope, member: { id: string }) {
  const released = await deleteMemberPlaces(ctx.tx, scope, member.id);
  return {
    ...(released.teams.length > 0 ? { leftTeams: released.teams } : {}),
    ...(released.partners.length > 0 ? { leftPartnerTeams: released.partners } : {}),
  };
}
