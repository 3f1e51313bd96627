CREATE TABLE "agreement_signatures" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"signer_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"sha256" text NOT NULL,
	"typed_name" text NOT NULL,
	"authority_confirmed" boolean NOT NULL,
	"channel" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signatures_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreement_signatures_authority" CHECK ("agreement_signatures"."authority_confirmed"),
	CONSTRAINT "agreement_signatures_channel" CHECK ("agreement_signatures"."channel" IN ('app', 'link'))
);
--> statement-breakpoint
CREATE TABLE "agreement_signed_documents" (
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"size" integer NOT NULL,
	"pdf_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signed_documents_workspace_id_agreement_id_pk" PRIMARY KEY("workspace_id","agreement_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_signing_links" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"signer_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sha256" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "agreement_signing_links_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_signer_fk" FOREIGN KEY ("workspace_id","signer_id") REFERENCES "public"."agreement_signers"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signed_documents" ADD CONSTRAINT "agreement_signed_documents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signed_documents" ADD CONSTRAINT "agreement_signed_documents_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signing_links" ADD CONSTRAINT "agreement_signing_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signing_links" ADD CONSTRAINT "agreement_signing_links_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signing_links" ADD CONSTRAINT "agreement_signing_links_signer_fk" FOREIGN KEY ("workspace_id","signer_id") REFERENCES "public"."agreement_signers"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_signer_hash_idx" ON "agreement_signatures" USING btree ("workspace_id","signer_id","sha256");--> statement-breakpoint
CREATE INDEX "agreement_signatures_agreement_idx" ON "agreement_signatures" USING btree ("workspace_id","agreement_id","partner_id");--> statement-breakpoint
CREATE INDEX "agreement_signed_documents_agreement_idx" ON "agreement_signed_documents" USING btree ("workspace_id","partner_id","agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signing_links_token_idx" ON "agreement_signing_links" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "agreement_signing_links_signer_idx" ON "agreement_signing_links" USING btree ("workspace_id","signer_id","created_at");--> statement-breakpoint
CREATE INDEX "agreement_signing_links_agreement_idx" ON "agreement_signing_links" USING btree ("workspace_id","agreement_id","partner_id");