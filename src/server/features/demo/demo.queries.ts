import type { Database } from '../../db/client';

/**
 * A bulk load leaves the planner without statistics and PGlite runs no autovacuum: gather them
 * for the tables the demo data filled.
 */
export async function analyzeLoadedTables(database: Database): Promise<void> {
  await database.sql(
    `ANALYZE partners, partner_domains, contacts, audit_events, members, users, teams,
      team_members, partner_team_entries, interactions, interaction_participants, issues, tasks,
      comments, comment_mentions, timeline_entries, plans, plan_objectives, plan_versions, kpis,
      kpi_measurements, agreements, agreement_signers, agreement_versions, agreement_signatures,
      agreement_requirements, agreement_obligations`,
  );
}
