DROP INDEX "timeline_entries_partner_idx";--> statement-breakpoint
DROP INDEX "timeline_entries_workspace_idx";--> statement-breakpoint
CREATE INDEX "timeline_entries_partner_idx" ON "timeline_entries" USING btree ("workspace_id","partner_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "timeline_entries_workspace_idx" ON "timeline_entries" USING btree ("workspace_id","occurred_at","id");