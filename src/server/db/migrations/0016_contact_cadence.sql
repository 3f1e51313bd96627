ALTER TABLE "partners" ADD COLUMN "contact_cadence_days" integer;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "last_touch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "touch_due_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "contact_cadence_days" jsonb DEFAULT '{"default":60,"tiers":{"platinum":14,"gold":30,"silver":45,"bronze":60,"registered":90}}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "partners_touch_due_idx" ON "partners" USING btree ("workspace_id","touch_due_at","id") WHERE "partners"."archived_at" IS NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_contact_cadence_days_range" CHECK ("partners"."contact_cadence_days" IS NULL OR "partners"."contact_cadence_days" BETWEEN 1 AND 365);--> statement-breakpoint
-- Existing partners: the latest past interaction, and the due time that follows (decision 032).
UPDATE "partners" AS p SET "last_touch_at" = (SELECT max(i."occurred_at") FROM "interactions" AS i WHERE i."workspace_id" = p."workspace_id" AND i."partner_id" = p."id" AND i."occurred_at" <= now());--> statement-breakpoint
UPDATE "partners" AS p SET "touch_due_at" = coalesce(p."last_touch_at" + make_interval(days => coalesce(p."contact_cadence_days", (w."contact_cadence_days" -> 'tiers' ->> p."tier")::int, (w."contact_cadence_days" ->> 'default')::int)), p."created_at") FROM "workspaces" AS w WHERE w."id" = p."workspace_id";
