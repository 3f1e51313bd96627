CREATE TABLE "agreement_obligations" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"description" text NOT NULL,
	"party" text NOT NULL,
	"owner_id" uuid,
	"due_on" date,
	"rrule" text,
	"starts_on" date,
	"status" text NOT NULL,
	"evidence_note" text,
	"done_through" date,
	"next_due_on" date,
	"notified_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_obligations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreement_obligations_party" CHECK ("agreement_obligations"."party" IN ('us', 'partner', 'both')),
	CONSTRAINT "agreement_obligations_status" CHECK ("agreement_obligations"."status" IN ('open', 'done', 'waived')),
	CONSTRAINT "agreement_obligations_schedule" CHECK (("agreement_obligations"."due_on" IS NULL) <> ("agreement_obligations"."rrule" IS NULL) AND ("agreement_obligations"."rrule" IS NULL) = ("agreement_obligations"."starts_on" IS NULL)),
	CONSTRAINT "agreement_obligations_description" CHECK (char_length("agreement_obligations"."description") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "agreement_obligations" ADD CONSTRAINT "agreement_obligations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_obligations" ADD CONSTRAINT "agreement_obligations_agreement_fk" FOREIGN KEY ("workspace_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_obligations" ADD CONSTRAINT "agreement_obligations_owner_fk" FOREIGN KEY ("workspace_id","owner_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_obligations_agreement_idx" ON "agreement_obligations" USING btree ("workspace_id","agreement_id","created_at");--> statement-breakpoint
CREATE INDEX "agreement_obligations_owner_idx" ON "agreement_obligations" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "agreement_obligations_due_idx" ON "agreement_obligations" USING btree ("next_due_on") WHERE "agreement_obligations"."status" = 'open' AND "agreement_obligations"."next_due_on" IS NOT NULL;