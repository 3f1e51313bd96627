CREATE TABLE "plan_templates" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"partner_type" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"objectives" jsonb NOT NULL,
	"kpis" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_templates_default_idx" ON "plan_templates" USING btree ("workspace_id","partner_type") WHERE "plan_templates"."is_default";--> statement-breakpoint
CREATE INDEX "plan_templates_type_idx" ON "plan_templates" USING btree ("workspace_id","partner_type","name");