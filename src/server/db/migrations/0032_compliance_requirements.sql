CREATE TABLE "agreement_requirements" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"requirement_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"met_at" timestamp with time zone,
	"waived_reason" text,
	"waived_by_member_id" uuid,
	"waived_by_name" text,
	"waived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_requirements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "agreement_requirements_status" CHECK ("agreement_requirements"."status" IN ('open', 'met', 'waived')),
	CONSTRAINT "agreement_requirements_met_has_evidence" CHECK ("agreement_requirements"."status" <> 'met' OR "agreement_requirements"."evidence" IS NOT NULL),
	CONSTRAINT "agreement_requirements_waived_has_reason" CHECK ("agreement_requirements"."status" <> 'waived' OR "agreement_requirements"."waived_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "compliance_requirements" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"applies_to" text[] NOT NULL,
	"blocks" text,
	"satisfied_by" jsonb,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_requirements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "compliance_requirements_blocks" CHECK ("compliance_requirements"."blocks" IS NULL OR "compliance_requirements"."blocks" IN ('pending_signature', 'active'))
);
--> statement-breakpoint
ALTER TABLE "agreement_requirements" ADD CONSTRAINT "agreement_requirements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_requirements" ADD CONSTRAINT "agreement_requirements_agreement_fk" FOREIGN KEY ("workspace_id","partner_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_requirements" ADD CONSTRAINT "agreement_requirements_requirement_fk" FOREIGN KEY ("workspace_id","requirement_id") REFERENCES "public"."compliance_requirements"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_requirements" ADD CONSTRAINT "compliance_requirements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_requirements_unique_idx" ON "agreement_requirements" USING btree ("workspace_id","agreement_id","requirement_id");--> statement-breakpoint
CREATE INDEX "agreement_requirements_agreement_idx" ON "agreement_requirements" USING btree ("workspace_id","agreement_id","partner_id");--> statement-breakpoint
CREATE INDEX "agreement_requirements_requirement_idx" ON "agreement_requirements" USING btree ("workspace_id","requirement_id");--> statement-breakpoint
CREATE INDEX "compliance_requirements_title_idx" ON "compliance_requirements" USING btree ("workspace_id","title");--> statement-breakpoint
-- Workspaces made before requirements get the default checklist, as new ones do (src/domain/compliance.ts).
INSERT INTO "compliance_requirements" ("id", "workspace_id", "title", "description", "applies_to", "blocks", "satisfied_by")
SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid, w."id", d."title", d."description", d."applies_to", d."blocks", d."satisfied_by"
FROM "workspaces" w CROSS JOIN (VALUES
  ('NDA in place', 'A signed non-disclosure agreement with the partner before terms are shared for signature. Met by an active NDA with the same partner.', ARRAY['reseller', 'referral', 'technology', 'co_marketing', 'joint_venture'], 'pending_signature', '{"type":"nda","statuses":["active","expiring"]}'::jsonb),
  ('Data processing agreement', 'A DPA with the partner before personal data is shared under this agreement. Met by an active DPA with the same partner.', ARRAY['technology', 'joint_venture'], 'active', '{"type":"dpa","statuses":["active","expiring"]}'::jsonb),
  ('Security review', 'Our security team has reviewed the partner’s product and practices. Evidence: the review’s reference.', ARRAY['technology'], 'pending_signature', NULL),
  ('Anti-bribery attestation', 'The partner has attested to our anti-bribery and corruption policy. Evidence: the signed attestation.', ARRAY['reseller', 'referral', 'joint_venture'], 'active', NULL)
) AS d("title", "description", "applies_to", "blocks", "satisfied_by");
--> statement-breakpoint
-- Agreements not yet in force get their checklist; those in force or ended are past the moves it guards.
INSERT INTO "agreement_requirements" ("id", "workspace_id", "agreement_id", "partner_id", "requirement_id")
SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid, a."workspace_id", a."id", a."partner_id", r."id"
FROM "agreements" a JOIN "compliance_requirements" r ON r."workspace_id" = a."workspace_id" AND a."type" = ANY(r."applies_to")
WHERE a."status" IN ('draft', 'in_negotiation', 'pending_signature');
