CREATE TABLE "decision_motion_candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"motion_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"candidate_id" text,
	"owner_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_alternates" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"seated_member_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_filings" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text,
	"attachments" jsonb NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reasons" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"kind" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"members_in_office" integer NOT NULL,
	"present" integer NOT NULL,
	"chair_member_id" text,
	"chair_votes" integer,
	"vice_chair_member_id" text,
	"vice_chair_votes" integer,
	"minutes" text,
	"recorded_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"rank" integer,
	"from_day" date NOT NULL,
	"last_day" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"grant_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committee_members_end" CHECK (("committee_members"."ended_on" is null) = ("committee_members"."end_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"election_id" text,
	"decision_id" text,
	"motion_id" text,
	"seats" integer NOT NULL,
	"min_seats" integer NOT NULL,
	"elected_at" timestamp with time zone NOT NULL,
	"term_start" date NOT NULL,
	"term_last_day" date NOT NULL,
	"status" text NOT NULL,
	"ended_at" timestamp with time zone,
	"first_meeting_at" timestamp with time zone,
	"member_list_notice_id" text,
	"filed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committees_seats" CHECK ("committees"."seats" >= 1 and "committees"."min_seats" between 1 and "committees"."seats"),
	CONSTRAINT "committees_term" CHECK ("committees"."term_last_day" > "committees"."term_start")
);
--> statement-breakpoint
ALTER TABLE "decision_motions" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "decision_motions" ADD COLUMN "min_seats" integer;--> statement-breakpoint
ALTER TABLE "decision_motions" ADD COLUMN "alternates" integer;--> statement-breakpoint
ALTER TABLE "decision_motion_candidates" ADD CONSTRAINT "decision_motion_candidates_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_motion_candidates" ADD CONSTRAINT "decision_motion_candidates_motion_id_decision_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."decision_motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_motion_candidates" ADD CONSTRAINT "decision_motion_candidates_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_motion_candidates" ADD CONSTRAINT "decision_motion_candidates_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_alternates" ADD CONSTRAINT "committee_alternates_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_alternates" ADD CONSTRAINT "committee_alternates_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_alternates" ADD CONSTRAINT "committee_alternates_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_alternates" ADD CONSTRAINT "committee_alternates_seated_member_id_committee_members_id_fk" FOREIGN KEY ("seated_member_id") REFERENCES "public"."committee_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_filings" ADD CONSTRAINT "committee_filings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_chair_member_id_committee_members_id_fk" FOREIGN KEY ("chair_member_id") REFERENCES "public"."committee_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_vice_chair_member_id_committee_members_id_fk" FOREIGN KEY ("vice_chair_member_id") REFERENCES "public"."committee_members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_grant_id_role_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."role_grants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_motion_id_decision_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."decision_motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_member_list_notice_id_notices_id_fk" FOREIGN KEY ("member_list_notice_id") REFERENCES "public"."notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_motion_candidates_motion_idx" ON "decision_motion_candidates" USING btree ("motion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_motion_candidates_key_uq" ON "decision_motion_candidates" USING btree ("motion_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_alternates_rank_uq" ON "committee_alternates" USING btree ("committee_id","rank");--> statement-breakpoint
CREATE INDEX "committee_filings_committee_idx" ON "committee_filings" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "committee_filings_compound_idx" ON "committee_filings" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "committee_meetings_committee_idx" ON "committee_meetings" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "committee_members_committee_idx" ON "committee_members" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "committee_members_compound_idx" ON "committee_members" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "committees_compound_idx" ON "committees" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committees_one_active_uq" ON "committees" USING btree ("compound_id") WHERE "committees"."status" = 'active';--> statement-breakpoint
ALTER TABLE "decision_motions" ADD CONSTRAINT "decision_motions_election" CHECK (("decision_motions"."kind" = 'question' and "decision_motions"."seats" is null) or ("decision_motions"."kind" = 'election' and "decision_motions"."category" = 3 and "decision_motions"."seats" >= 1 and "decision_motions"."min_seats" between 1 and "decision_motions"."seats" and "decision_motions"."alternates" between 0 and "decision_motions"."seats"));