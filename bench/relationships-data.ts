import { sql } from 'drizzle-orm';
import type { MemberId } from '../src/domain/ids';
import type { Database } from '../src/server/db/client';
import { uuidv7Sql } from '../src/server/db/uuid-sql';
import type { Dataset } from './dataset';

/** The records the relationship figures read, made inside the benchmark's own data set. */
export type RelationshipFixtures = {
  /** The partner with the long timeline. */
  partnerId: string;
  /** The member with the many open tasks, and their sign-in address. */
  memberId: MemberId;
  memberEmail: string;
  entries: number;
  tasks: number;
};

/**
 * Gives one demo partner `entries` timeline entries (a few years of every kind, one every
 * 37 minutes) and one demo member `tasks` open tasks due around today, each in one
 * `INSERT … SELECT` over `generate_series`, then refreshes the planner's statistics.
 */
export async function addRelationshipFixtures(
  database: Database,
  dataset: Dataset,
  sizes: { entries: number; tasks: number },
): Promise<RelationshipFixtures> {
  const member = dataset.members.find((m) => m.role === 'member');
  if (!member) throw new Error('the demo data set has no member');
  const { rows } = await database.sql(
    'SELECT id FROM partners WHERE workspace_id = $1 ORDER BY id LIMIT 1',
    [dataset.workspaceId],
  );
  const partnerId = (rows[0] as { id: string } | undefined)?.id;
  if (!partnerId) throw new Error('the demo data set has no partner');
  const workspaceId = dataset.workspaceId;
  const memberId = member.memberId;

  await database.db.execute(sql`
    INSERT INTO timeline_entries (id, workspace_id, partner_id, occurred_at, kind, subject_type,
      subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
    SELECT ${uuidv7Sql}, ${workspaceId}::uuid, ${partnerId}::uuid,
      now() - g * interval '37 minutes',
      (ARRAY['interaction','task','issue','comment','stage_change','owner_change'])[g % 6 + 1],
      (ARRAY['interaction','task','issue','comment','partner','partner'])[g % 6 + 1],
      gen_random_uuid(), 'member', ${memberId}::uuid, ${member.name}::text,
      ARRAY[${memberId}::uuid], jsonb_build_object('title', 'Benchmark entry ' || g),
      CASE WHEN g % 5 = 0 THEN 'partner' ELSE 'internal' END
    FROM generate_series(1, ${sizes.entries}::int) AS g`);
  await database.db.execute(sql`
    INSERT INTO tasks (id, workspace_id, title, assignee_id, due_date, priority, status,
      partner_id, visibility, search_text)
    SELECT ${uuidv7Sql}, ${workspaceId}::uuid, 'Benchmark task ' || g, ${memberId}::uuid,
      CASE WHEN g % 10 = 0 THEN NULL
        ELSE to_char(current_date + (g % 90 - 30), 'YYYY-MM-DD') END,
      (ARRAY['low','normal','high','urgent'])[g % 4 + 1],
      CASE WHEN g % 3 = 0 THEN 'in_progress' ELSE 'todo' END,
      ${partnerId}::uuid, 'internal', 'benchmark task ' || g
    FROM generate_series(1, ${sizes.tasks}::int) AS g`);
  await database.sql('ANALYZE timeline_entries, tasks');
  return {
    partnerId,
    memberId: member.memberId,
    memberEmail: member.email,
    entries: sizes.entries,
    tasks: sizes.tasks,
  };
}
