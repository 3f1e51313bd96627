ALTER TABLE "audit_events" ADD COLUMN "actor_name" text;--> statement-breakpoint
-- Actors were `user` (a member or a partner user) or `api_key`; history now names each kind.
UPDATE "audit_events" SET "actor_type" = 'partner_user' WHERE "actor_type" = 'user' AND "actor_id" IN (SELECT "user_id" FROM "partner_users");--> statement-breakpoint
UPDATE "audit_events" SET "actor_type" = 'member' WHERE "actor_type" = 'user';--> statement-breakpoint
UPDATE "audit_events" SET "actor_name" = 'demo' WHERE "actor_type" = 'system' AND "actor_name" IS NULL;--> statement-breakpoint
UPDATE "audit_events" AS e SET "actor_name" = u."name" FROM "users" AS u WHERE e."actor_type" IN ('member', 'partner_user') AND u."id" = e."actor_id";--> statement-breakpoint
UPDATE "audit_events" AS e SET "actor_name" = k."name" FROM "api_keys" AS k WHERE e."actor_type" = 'api_key' AND k."id" = e."actor_id";
