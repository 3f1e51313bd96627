ALTER TABLE "agreements" ADD COLUMN "end_anchor_on" date;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "renewed_from_id" uuid;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_renewed_from_fk" FOREIGN KEY ("workspace_id","partner_id","renewed_from_id") REFERENCES "public"."agreements"("workspace_id","partner_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_in_force_end_idx" ON "agreements" USING btree ("end_on") WHERE "agreements"."status" IN ('active', 'expiring');