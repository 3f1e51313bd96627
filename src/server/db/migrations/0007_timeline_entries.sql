CREATE TABLE "timeline_entries" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"people" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	CONSTRAINT "timeline_entries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timeline_entries_partner_idx" ON "timeline_entries" USING btree ("workspace_id","partner_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "timeline_entries_workspace_idx" ON "timeline_entries" USING btree ("workspace_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "timeline_entries_subject_idx" ON "timeline_entries" USING btree ("workspace_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "timeline_entries_people_idx" ON "timeline_entries" USING gin ("people");