CREATE TABLE "agreement_reminders" (
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"target" text NOT NULL,
	"term_end_on" date NOT NULL,
	"lead_days" integer NOT NULL,
	"sent_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_reminders_pk" PRIMARY KEY("workspace_id","agreement_id","target","term_end_on","lead_days"),
	CONSTRAINT "agreement_reminders_target" CHECK ("agreement_reminders"."target" IN ('notice_deadline', 'end_date')),
	CONSTRAINT "agreement_reminders_lead_days" CHECK ("agreement_reminders"."lead_days" >= 1)
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "email_renewal" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "renewal_reminder_days" jsonb DEFAULT '{"noticeDeadline":[90,30,7],"endDate":[90,30,7]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_reminders" ADD CONSTRAINT "agreement_reminders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reminders" ADD CONSTRAINT "agreement_reminders_agreement_fk" FOREIGN KEY ("workspace_id","agreement_id") REFERENCES "public"."agreements"("workspace_id","id") ON DELETE cascade ON UPDATE no action;