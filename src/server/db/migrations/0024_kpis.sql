CREATE TABLE "kpi_measurements" (
	"workspace_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" bigint NOT NULL,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_measurements_workspace_id_kpi_id_period_pk" PRIMARY KEY("workspace_id","kpi_id","period")
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"currency" text,
	"target" bigint NOT NULL,
	"baseline" bigint,
	"direction" text NOT NULL,
	"cadence" text NOT NULL,
	"aggregation" text NOT NULL,
	"owner_member_id" uuid,
	"owner_contact_id" uuid,
	"source" text DEFAULT 'manual' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"progress_on" date,
	"actual" double precision,
	"expected" double precision,
	"attainment" double precision,
	"pace" double precision,
	"run_rate_forecast" double precision,
	"trend_forecast" double precision,
	"forecast_attainment" double precision,
	"status" text,
	CONSTRAINT "kpis_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "kpis_currency_only_for_currency" CHECK (("kpis"."unit" = 'currency') = ("kpis"."currency" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_kpi_fk" FOREIGN KEY ("workspace_id","kpi_id") REFERENCES "public"."kpis"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_recorder_fk" FOREIGN KEY ("workspace_id","recorded_by") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_member_fk" FOREIGN KEY ("workspace_id","owner_member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_contact_fk" FOREIGN KEY ("workspace_id","owner_contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_measurements_recorder_idx" ON "kpi_measurements" USING btree ("workspace_id","recorded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "kpis_plan_position_idx" ON "kpis" USING btree ("workspace_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "kpis_status_idx" ON "kpis" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "kpis_member_idx" ON "kpis" USING btree ("workspace_id","owner_member_id");--> statement-breakpoint
CREATE INDEX "kpis_contact_idx" ON "kpis" USING btree ("workspace_id","owner_contact_id");