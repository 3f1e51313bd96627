CREATE TABLE "attachments" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"version_id" uuid,
	"obligation_id" uuid,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"uploaded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "attachments_subject" CHECK (("attachments"."subject_type" = 'agreement_version' AND "attachments"."version_id" IS NOT NULL AND "attachments"."obligation_id" IS NULL) OR ("attachments"."subject_type" = 'obligation' AND "attachments"."obligation_id" IS NOT NULL AND "attachments"."version_id" IS NULL)),
	CONSTRAINT "attachments_kind" CHECK ("attachments"."kind" IN ('pdf', 'docx', 'xlsx', 'png', 'jpeg', 'txt')),
	CONSTRAINT "attachments_file_name_length" CHECK (char_length("attachments"."file_name") BETWEEN 1 AND 200),
	CONSTRAINT "attachments_size" CHECK ("attachments"."size" > 0)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_version_fk" FOREIGN KEY ("workspace_id","version_id") REFERENCES "public"."agreement_versions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_obligation_fk" FOREIGN KEY ("workspace_id","obligation_id") REFERENCES "public"."agreement_obligations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_blob_key_idx" ON "attachments" USING btree ("workspace_id","blob_key");--> statement-breakpoint
CREATE INDEX "attachments_agreement_idx" ON "attachments" USING btree ("workspace_id","agreement_id","partner_id");--> statement-breakpoint
CREATE INDEX "attachments_version_idx" ON "attachments" USING btree ("workspace_id","version_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_obligation_idx" ON "attachments" USING btree ("workspace_id","obligation_id","created_at");