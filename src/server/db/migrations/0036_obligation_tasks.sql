CREATE TABLE "obligation_tasks" (
	"workspace_id" uuid NOT NULL,
	"obligation_id" uuid NOT NULL,
	"occurs_on" date NOT NULL,
	"task_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "obligation_tasks_workspace_id_obligation_id_occurs_on_pk" PRIMARY KEY("workspace_id","obligation_id","occurs_on")
);
--> statement-breakpoint
ALTER TABLE "obligation_tasks" ADD CONSTRAINT "obligation_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_tasks" ADD CONSTRAINT "obligation_tasks_obligation_fk" FOREIGN KEY ("workspace_id","obligation_id") REFERENCES "public"."agreement_obligations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_tasks" ADD CONSTRAINT "obligation_tasks_task_fk" FOREIGN KEY ("workspace_id","task_id") REFERENCES "public"."tasks"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "obligation_tasks_task_idx" ON "obligation_tasks" USING btree ("workspace_id","task_id");