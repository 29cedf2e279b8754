CREATE TABLE "candidate_objections" (
	"id" text PRIMARY KEY NOT NULL,
	"election_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"candidate_id" text,
	"owner_id" text NOT NULL,
	"user_id" text,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "street_vetting_settings" (
	"node_id" text PRIMARY KEY NOT NULL,
	"required_reviewers" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "candidates_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "voting_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_objections" ADD CONSTRAINT "candidate_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "street_vetting_settings" ADD CONSTRAINT "street_vetting_settings_node_id_area_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."area_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "street_vetting_settings" ADD CONSTRAINT "street_vetting_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_objections_compound_idx" ON "candidate_objections" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "candidate_objections_election_idx" ON "candidate_objections" USING btree ("election_id");