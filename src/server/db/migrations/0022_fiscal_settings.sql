ALTER TABLE "workspaces" ADD COLUMN "fiscal_year_start_month" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_fiscal_year_start_month_range" CHECK ("workspaces"."fiscal_year_start_month" BETWEEN 1 AND 12);