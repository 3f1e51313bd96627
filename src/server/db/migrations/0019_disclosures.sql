CREATE TABLE "disclosures" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"partner_user_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"person_email" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"record_version" integer NOT NULL,
	"view" text NOT NULL,
	"shown_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text,
	CONSTRAINT "disclosures_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_partner_idx" ON "disclosures" USING btree ("workspace_id","partner_id","id");--> statement-breakpoint
CREATE INDEX "disclosures_record_idx" ON "disclosures" USING btree ("workspace_id","record_id","id");--> statement-breakpoint
CREATE INDEX "disclosures_person_idx" ON "disclosures" USING btree ("workspace_id","partner_user_id","id");