CREATE TABLE "issues" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"owner_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"severity_rank" integer NOT NULL,
	"status" text NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"due_on" date NOT NULL,
	"resolution_notes" text,
	"resolved_at" timestamp with time zone,
	"search_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issues_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "issue_response_days" jsonb DEFAULT '{"low":14,"medium":7,"high":3,"critical":1}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_owner_fk" FOREIGN KEY ("workspace_id","owner_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issues_workspace_due_idx" ON "issues" USING btree ("workspace_id","due_on","id");--> statement-breakpoint
CREATE INDEX "issues_workspace_severity_idx" ON "issues" USING btree ("workspace_id","severity_rank","id");--> statement-breakpoint
CREATE INDEX "issues_workspace_created_idx" ON "issues" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "issues_partner_idx" ON "issues" USING btree ("workspace_id","partner_id","due_on","id");--> statement-breakpoint
CREATE INDEX "issues_owner_idx" ON "issues" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "issues_status_idx" ON "issues" USING btree ("workspace_id","status","due_on");--> statement-breakpoint
CREATE INDEX "issues_search_idx" ON "issues" USING gin ("search_text" gin_trgm_ops);