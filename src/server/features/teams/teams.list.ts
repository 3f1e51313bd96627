import { isNotNull, isNull } from 'drizzle-orm';
import type { TeamListQuery, TeamPage } from '../../../domain/teams';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { teams } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { type ListSpec, pageFrom, planList, sortsOf, text } from '../../http/list';
import { listTeamRows } from './teams.queries';
import { presentTeams } from './teams.service';

/** A workspace has a handful of teams: by name, active ones unless asked. */
const teamList: ListSpec<'name' | '-name', TeamListQuery> = {
  sorts: sortsOf(teams.id, { name: [text(teams.name)] }),
  filters: {
    retired: (value) =>
      value === 'false'
        ? isNull(teams.retiredAt)
        : value === 'true'
          ? isNotNull(teams.retiredAt)
          : undefined,
  },
};

export async function listTeams(
  ctx: ServiceContext,
  scope: Scope,
  query: TeamListQuery,
): Promise<TeamPage> {
  const plan = planList(ctx.config.secret, teamList, 'name', query);
  const db = dbOf(ctx);
  const page = pageFrom(ctx.config.secret, plan, await listTeamRows(db, scope, plan), (row) => row);
  return { items: await presentTeams(db, scope, page.items), nextCursor: page.nextCursor };
}
