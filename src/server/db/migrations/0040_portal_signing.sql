ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_channel";--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "partner_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_channel" CHECK ("agreement_signatures"."channel" IN ('app', 'link', 'portal'));