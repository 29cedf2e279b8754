CREATE TABLE "candidate_endorsements" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"user_id" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"election_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"user_id" text,
	"nominated_by" text NOT NULL,
	"nominated_by_user" text,
	"occupation" text NOT NULL,
	"party_member" boolean NOT NULL,
	"property_company_relation" text NOT NULL,
	"full_capacity_declared" boolean NOT NULL,
	"consent" boolean NOT NULL,
	"findings" jsonb NOT NULL,
	"phase" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "candidates_consent" CHECK ("candidates"."consent")
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"prep_group_id" text NOT NULL,
	"seats" integer NOT NULL,
	"min_seats" integer NOT NULL,
	"alternates" integer NOT NULL,
	"nomination_opens_at" timestamp with time zone NOT NULL,
	"nomination_closes_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"required_reviewers" jsonb NOT NULL,
	"candidates_notice_id" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "elections_window" CHECK ("elections"."nomination_closes_at" > "elections"."nomination_opens_at")
);
--> statement-breakpoint
CREATE TABLE "prep_group_members" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"leader" boolean DEFAULT false NOT NULL,
	"user_id" text,
	"owner_id" text,
	"grant_id" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "prep_group_members_owner" CHECK ("prep_group_members"."role" <> 'owner' or "prep_group_members"."owner_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "prep_group_objections" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"user_id" text,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"settlement" text,
	"settled_by" text,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prep_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"status" text NOT NULL,
	"formed_at" timestamp with time zone NOT NULL,
	"dissolved_at" timestamp with time zone,
	"notice_id" text,
	"formed_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vetting_events" (
	"id" text PRIMARY KEY NOT NULL,
	"candidate_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"reviewer_kind" text,
	"party_org_id" text,
	"user_id" text,
	"decision" text,
	"text" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_endorsements" ADD CONSTRAINT "candidate_endorsements_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_endorsements" ADD CONSTRAINT "candidate_endorsements_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_endorsements" ADD CONSTRAINT "candidate_endorsements_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_endorsements" ADD CONSTRAINT "candidate_endorsements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_nominated_by_user_users_id_fk" FOREIGN KEY ("nominated_by_user") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_prep_group_id_prep_groups_id_fk" FOREIGN KEY ("prep_group_id") REFERENCES "public"."prep_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_candidates_notice_id_notices_id_fk" FOREIGN KEY ("candidates_notice_id") REFERENCES "public"."notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_members" ADD CONSTRAINT "prep_group_members_group_id_prep_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."prep_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_members" ADD CONSTRAINT "prep_group_members_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_members" ADD CONSTRAINT "prep_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_members" ADD CONSTRAINT "prep_group_members_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_members" ADD CONSTRAINT "prep_group_members_grant_id_role_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."role_grants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_objections" ADD CONSTRAINT "prep_group_objections_group_id_prep_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."prep_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_objections" ADD CONSTRAINT "prep_group_objections_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_objections" ADD CONSTRAINT "prep_group_objections_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_objections" ADD CONSTRAINT "prep_group_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_group_objections" ADD CONSTRAINT "prep_group_objections_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_groups" ADD CONSTRAINT "prep_groups_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_groups" ADD CONSTRAINT "prep_groups_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_groups" ADD CONSTRAINT "prep_groups_formed_by_users_id_fk" FOREIGN KEY ("formed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_events" ADD CONSTRAINT "vetting_events_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_events" ADD CONSTRAINT "vetting_events_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_events" ADD CONSTRAINT "vetting_events_party_org_id_party_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_events" ADD CONSTRAINT "vetting_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_endorsements_compound_idx" ON "candidate_endorsements" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_endorsements_owner_uq" ON "candidate_endorsements" USING btree ("candidate_id","owner_id");--> statement-breakpoint
CREATE INDEX "candidates_compound_idx" ON "candidates" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "candidates_election_idx" ON "candidates" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_election_owner_uq" ON "candidates" USING btree ("election_id","owner_id");--> statement-breakpoint
CREATE INDEX "elections_compound_idx" ON "elections" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "elections_prep_group_uq" ON "elections" USING btree ("prep_group_id");--> statement-breakpoint
CREATE INDEX "prep_group_members_compound_idx" ON "prep_group_members" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "prep_group_members_group_idx" ON "prep_group_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "prep_group_objections_compound_idx" ON "prep_group_objections" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "prep_group_objections_group_idx" ON "prep_group_objections" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "prep_groups_compound_idx" ON "prep_groups" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prep_groups_one_active_uq" ON "prep_groups" USING btree ("compound_id") WHERE "prep_groups"."status" = 'active';--> statement-breakpoint
CREATE INDEX "vetting_events_compound_idx" ON "vetting_events" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vetting_events_candidate_seq_uq" ON "vetting_events" USING btree ("candidate_id","seq");--> statement-breakpoint
CREATE INDEX "vetting_events_party_org_idx" ON "vetting_events" USING btree ("party_org_id");--> statement-breakpoint
-- Vetting events are append-only (the state is replayed from them): refuse UPDATE and DELETE.
CREATE TRIGGER vetting_events_append_only BEFORE UPDATE OR DELETE ON vetting_events
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER candidate_endorsements_append_only BEFORE UPDATE OR DELETE ON candidate_endorsements
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
