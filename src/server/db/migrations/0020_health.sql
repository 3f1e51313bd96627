CREATE TABLE "health_snapshots" (
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" smallint NOT NULL,
	"components" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_snapshots_workspace_id_partner_id_day_pk" PRIMARY KEY("workspace_id","partner_id","day")
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "health_score" smallint;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "health_weights" jsonb DEFAULT '{"engagement":30,"momentum":15,"sentiment":20,"issues":20,"followThrough":15}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "health_snapshots" ADD CONSTRAINT "health_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_snapshots" ADD CONSTRAINT "health_snapshots_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_snapshots_day_idx" ON "health_snapshots" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "partners_workspace_health_idx" ON "partners" USING btree ("workspace_id",coalesce("health_score", -1),"id");