CREATE TABLE "plan_objectives" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner_side" text NOT NULL,
	"owner_member_id" uuid,
	"owner_contact_id" uuid,
	CONSTRAINT "plan_objectives_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"workspace_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"agreed_by" text NOT NULL,
	"agreed_on" text NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "plan_versions_workspace_id_plan_id_number_pk" PRIMARY KEY("workspace_id","plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"version_number" integer DEFAULT 1 NOT NULL,
	"agreed_version_number" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_member_fk" FOREIGN KEY ("workspace_id","owner_member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_contact_fk" FOREIGN KEY ("workspace_id","owner_contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_recorder_fk" FOREIGN KEY ("workspace_id","recorded_by") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_objectives_position_idx" ON "plan_objectives" USING btree ("workspace_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_objectives_member_idx" ON "plan_objectives" USING btree ("workspace_id","owner_member_id");--> statement-breakpoint
CREATE INDEX "plan_objectives_contact_idx" ON "plan_objectives" USING btree ("workspace_id","owner_contact_id");--> statement-breakpoint
CREATE INDEX "plan_versions_recorder_idx" ON "plan_versions" USING btree ("workspace_id","recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_partner_period_idx" ON "plans" USING btree ("workspace_id","partner_id","period");--> statement-breakpoint
CREATE INDEX "plans_workspace_created_idx" ON "plans" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "plans_workspace_period_idx" ON "plans" USING btree ("workspace_id","period","id");--> statement-breakpoint
CREATE INDEX "plans_status_idx" ON "plans" USING btree ("workspace_id","status");