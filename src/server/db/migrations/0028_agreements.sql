CREATE TABLE "agreement_signers" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"side" text NOT NULL,
	"member_id" uuid,
	"contact_id" uuid,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreement_signers_side" CHECK (("agreement_signers"."side" = 'us' AND "agreement_signers"."contact_id" IS NULL) OR ("agreement_signers"."side" = 'partner' AND "agreement_signers"."member_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"parent_id" uuid,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"owner_id" uuid,
	"effective_on" date,
	"end_on" date,
	"end_sort" date GENERATED ALWAYS AS (coalesce(end_on, '9999-12-31'::date)) STORED NOT NULL,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"renewal_term_months" integer,
	"notice_days" integer,
	"value" bigint,
	"currency" text,
	"governing_law" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreements_end_after_effective" CHECK ("agreements"."end_on" >= "agreements"."effective_on"),
	CONSTRAINT "agreements_value_has_currency" CHECK (("agreements"."value" IS NULL) = ("agreements"."currency" IS NULL)),
	CONSTRAINT "agreements_value_not_negative" CHECK ("agreements"."value" >= 0),
	CONSTRAINT "agreements_not_own_parent" CHECK ("agreements"."parent_id" <> "agreements"."id")
);
--> statement-breakpoint
-- The foreign keys to (workspace_id, partner_id, id) need its unique index first.
CREATE UNIQUE INDEX "agreements_partner_id_idx" ON "agreements" USING btree ("workspace_id","partner_id","id");--> statement-breakpoint
ALTER TABLE "agreement_signers" ADD CONSTRAINT "agreement_signers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signers" ADD CONSTRAINT "agreement_signers_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signers" ADD CONSTRAINT "agreement_signers_member_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signers" ADD CONSTRAINT "agreement_signers_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_partner_fk" FOREIGN KEY ("workspace_id","partner_id") REFERENCES "public"."partners"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_parent_fk" FOREIGN KEY ("workspace_id","partner_id","parent_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_owner_fk" FOREIGN KEY ("workspace_id","owner_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_signers_agreement_idx" ON "agreement_signers" USING btree ("workspace_id","agreement_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signers_member_idx" ON "agreement_signers" USING btree ("workspace_id","agreement_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signers_contact_idx" ON "agreement_signers" USING btree ("workspace_id","agreement_id","contact_id");--> statement-breakpoint
CREATE INDEX "agreement_signers_member_ref_idx" ON "agreement_signers" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "agreement_signers_contact_ref_idx" ON "agreement_signers" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "agreements_workspace_created_idx" ON "agreements" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "agreements_workspace_title_idx" ON "agreements" USING btree ("workspace_id","title","id");--> statement-breakpoint
CREATE INDEX "agreements_workspace_end_idx" ON "agreements" USING btree ("workspace_id","end_sort","id");--> statement-breakpoint
CREATE INDEX "agreements_partner_idx" ON "agreements" USING btree ("workspace_id","partner_id","created_at");--> statement-breakpoint
CREATE INDEX "agreements_status_idx" ON "agreements" USING btree ("workspace_id","status","end_sort");--> statement-breakpoint
CREATE INDEX "agreements_owner_idx" ON "agreements" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "agreements_parent_idx" ON "agreements" USING btree ("workspace_id","parent_id","partner_id");