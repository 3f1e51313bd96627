CREATE TABLE "agreement_versions" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	"sha256" text,
	CONSTRAINT "agreement_versions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreement_versions_number_positive" CHECK ("agreement_versions"."number" >= 1),
	CONSTRAINT "agreement_versions_body_length" CHECK (char_length("agreement_versions"."body") <= 200000),
	CONSTRAINT "agreement_versions_frozen_has_hash" CHECK (("agreement_versions"."frozen_at" IS NULL) = ("agreement_versions"."sha256" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_member_fk" FOREIGN KEY ("workspace_id","created_by") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_number_idx" ON "agreement_versions" USING btree ("workspace_id","agreement_id","number");--> statement-breakpoint
CREATE INDEX "agreement_versions_member_idx" ON "agreement_versions" USING btree ("workspace_id","created_by");