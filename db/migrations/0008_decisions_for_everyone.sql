CREATE TABLE "canvass_status" (
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "canvass_status_decision_id_voter_key_pk" PRIMARY KEY("decision_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"compound_id" text,
	"kind" text NOT NULL,
	"source_kind" text,
	"source_id" text,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "paper_ballot_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_signatures" (
	"petition_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"user_id" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "petition_signatures_petition_id_voter_key_pk" PRIMARY KEY("petition_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"title" text NOT NULL,
	"agenda" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"reached_at" timestamp with time zone,
	"notice_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "canvass_status" ADD CONSTRAINT "canvass_status_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_status" ADD CONSTRAINT "canvass_status_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_status" ADD CONSTRAINT "canvass_status_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_ballot_codes" ADD CONSTRAINT "paper_ballot_codes_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_ballot_codes" ADD CONSTRAINT "paper_ballot_codes_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "canvass_status_compound_idx" ON "canvass_status" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_source_idx" ON "notifications" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_ballot_codes_voter_uq" ON "paper_ballot_codes" USING btree ("decision_id","voter_key");--> statement-breakpoint
CREATE INDEX "paper_ballot_codes_compound_idx" ON "paper_ballot_codes" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "petition_signatures_compound_idx" ON "petition_signatures" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "petitions_compound_idx" ON "petitions" USING btree ("compound_id","created_at");