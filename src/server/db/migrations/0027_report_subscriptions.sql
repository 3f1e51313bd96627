CREATE TABLE "report_recipients" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"member_id" uuid,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_recipients_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "report_recipients_one_kind_check" CHECK (("report_recipients"."member_id" IS NULL) <> ("report_recipients"."contact_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"plan_id" uuid,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cadence" text NOT NULL,
	"weekday" text,
	"day_of_month" integer,
	"owner_member_id" uuid,
	"status" text NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_subscriptions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "report_subscriptions_schedule_check" CHECK (("report_subscriptions"."cadence" = 'weekly' AND "report_subscriptions"."weekday" IS NOT NULL AND "report_subscriptions"."day_of_month" IS NULL)
        OR ("report_subscriptions"."cadence" = 'monthly' AND "report_subscriptions"."weekday" IS NULL AND "report_subscriptions"."day_of_month" BETWEEN 1 AND 28)),
	CONSTRAINT "report_subscriptions_plan_check" CHECK (("report_subscriptions"."kind" = 'scorecard') = ("report_subscriptions"."plan_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "report_recipients" ADD CONSTRAINT "report_recipients_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recipients" ADD CONSTRAINT "report_recipients_subscription_fk" FOREIGN KEY ("workspace_id","subscription_id") REFERENCES "public"."report_subscriptions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recipients" ADD CONSTRAINT "report_recipients_member_fk" FOREIGN KEY ("workspace_id","member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recipients" ADD CONSTRAINT "report_recipients_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_owner_fk" FOREIGN KEY ("workspace_id","owner_member_id") REFERENCES "public"."members"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_recipients_member_idx" ON "report_recipients" USING btree ("workspace_id","subscription_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_recipients_contact_idx" ON "report_recipients" USING btree ("workspace_id","subscription_id","contact_id");--> statement-breakpoint
CREATE INDEX "report_recipients_member_ref_idx" ON "report_recipients" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "report_recipients_contact_ref_idx" ON "report_recipients" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_recipients_token_idx" ON "report_recipients" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "report_subscriptions_owner_idx" ON "report_subscriptions" USING btree ("workspace_id","owner_member_id");--> statement-breakpoint
CREATE INDEX "report_subscriptions_plan_idx" ON "report_subscriptions" USING btree ("workspace_id","plan_id");--> statement-breakpoint
CREATE INDEX "report_subscriptions_due_idx" ON "report_subscriptions" USING btree ("next_run_at") WHERE "report_subscriptions"."status" = 'active';