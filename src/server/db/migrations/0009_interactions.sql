CREATE TABLE "interaction_participants" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"member_id" uuid,
	"contact_id" uuid,
	CONSTRAINT "interaction_participants_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "interaction_participants_one_person" CHECK (("interaction_participants"."member_id" IS NULL) <> ("interaction_participants"."contact_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"duration_minutes" integer,
	"summary" text DEFAULT '' NOT NULL,
	"outcome" text,
	"sentiment" text,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"next_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interactions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "interaction_participants" ADD CONSTRAINT "interaction_participants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_participants" ADD CONSTRAINT "interaction_participants_interaction_fk" FOREIGN KEY ("workspace_id","interaction_id") REFERENCES "public"."interactions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_participants" ADD CONSTRAINT "interaction_participants_member_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_participants" ADD CONSTRAINT "interaction_participants_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interaction_participants_interaction_idx" ON "interaction_participants" USING btree ("workspace_id","interaction_id");--> statement-breakpoint
CREATE INDEX "interaction_participants_member_idx" ON "interaction_participants" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "interaction_participants_contact_idx" ON "interaction_participants" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "interactions_partner_idx" ON "interactions" USING btree ("workspace_id","partner_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "interactions_workspace_idx" ON "interactions" USING btree ("workspace_id","occurred_at","id");