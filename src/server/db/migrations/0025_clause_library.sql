CREATE TABLE "agreement_template_clauses" (
	"workspace_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"clause_id" uuid NOT NULL,
	CONSTRAINT "agreement_template_clauses_workspace_id_template_id_position_pk" PRIMARY KEY("workspace_id","template_id","position"),
	CONSTRAINT "agreement_template_clauses_position_range" CHECK ("agreement_template_clauses"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"agreement_type" text NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "clauses" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"fallback_positions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clauses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "agreement_template_clauses" ADD CONSTRAINT "agreement_template_clauses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_template_clauses" ADD CONSTRAINT "agreement_template_clauses_template_fk" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."agreement_templates"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_template_clauses" ADD CONSTRAINT "agreement_template_clauses_clause_fk" FOREIGN KEY ("workspace_id","clause_id") REFERENCES "public"."clauses"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clauses" ADD CONSTRAINT "clauses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_template_clauses_clause_idx" ON "agreement_template_clauses" USING btree ("workspace_id","clause_id");--> statement-breakpoint
CREATE INDEX "agreement_templates_workspace_name_idx" ON "agreement_templates" USING btree ("workspace_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "clauses_workspace_title_idx" ON "clauses" USING btree ("workspace_id",lower("title"),"id");