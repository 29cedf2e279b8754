CREATE TABLE "ballots" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"seq" integer NOT NULL,
	"voter_key" text NOT NULL,
	"channel" text NOT NULL,
	"cast_by_user" text,
	"cast_at" timestamp with time zone NOT NULL,
	"canonical" text NOT NULL,
	"prev" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_labels" (
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"pseudonym" text NOT NULL,
	"real_id" text NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "decision_labels_decision_id_pseudonym_pk" PRIMARY KEY("decision_id","pseudonym")
);
--> statement-breakpoint
CREATE TABLE "decision_motions" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"category" integer NOT NULL,
	"kind" text DEFAULT 'question' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_motions_category" CHECK ("decision_motions"."category" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "decision_proxies" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"proxy_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"accepted_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_voters" (
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"owner_ids" jsonb NOT NULL,
	"developer" boolean DEFAULT false NOT NULL,
	"area" bigint NOT NULL,
	"units" jsonb NOT NULL,
	CONSTRAINT "decision_voters_decision_id_voter_key_pk" PRIMARY KEY("decision_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"scope_kind" text NOT NULL,
	"building_id" text,
	"title" text NOT NULL,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"counting_closes_at" timestamp with time zone NOT NULL,
	"noticed_at" timestamp with time zone,
	"notice_id" text,
	"count_parking" boolean DEFAULT false NOT NULL,
	"open_ballots" boolean DEFAULT false NOT NULL,
	"secret_enc" text NOT NULL,
	"header_canonical" text,
	"genesis" text,
	"chain_head" text,
	"ballot_count" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"result_canonical" text,
	"result_notice_id" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decisions_scope" CHECK (("decisions"."scope_kind" = 'building') = ("decisions"."building_id" is not null)),
	CONSTRAINT "decisions_window" CHECK ("decisions"."closes_at" > "decisions"."opens_at" and "decisions"."counting_closes_at" >= "decisions"."closes_at")
);
--> statement-breakpoint
CREATE TABLE "roll_objections" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compounds" ADD COLUMN "rule_pack" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_cast_by_user_users_id_fk" FOREIGN KEY ("cast_by_user") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_labels" ADD CONSTRAINT "decision_labels_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_labels" ADD CONSTRAINT "decision_labels_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_motions" ADD CONSTRAINT "decision_motions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_motions" ADD CONSTRAINT "decision_motions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_proxies" ADD CONSTRAINT "decision_proxies_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_proxies" ADD CONSTRAINT "decision_proxies_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_proxies" ADD CONSTRAINT "decision_proxies_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_proxies" ADD CONSTRAINT "decision_proxies_proxy_user_id_users_id_fk" FOREIGN KEY ("proxy_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_proxies" ADD CONSTRAINT "decision_proxies_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_voters" ADD CONSTRAINT "decision_voters_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_voters" ADD CONSTRAINT "decision_voters_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objections" ADD CONSTRAINT "roll_objections_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objections" ADD CONSTRAINT "roll_objections_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objections" ADD CONSTRAINT "roll_objections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objections" ADD CONSTRAINT "roll_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objections" ADD CONSTRAINT "roll_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballots_compound_idx" ON "ballots" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_voter_uq" ON "ballots" USING btree ("decision_id","voter_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_seq_uq" ON "ballots" USING btree ("decision_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_labels_real_uq" ON "decision_labels" USING btree ("decision_id","real_id");--> statement-breakpoint
CREATE INDEX "decision_motions_compound_idx" ON "decision_motions" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_motions_key_uq" ON "decision_motions" USING btree ("decision_id","key");--> statement-breakpoint
CREATE INDEX "decision_proxies_compound_idx" ON "decision_proxies" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "decision_proxies_user_idx" ON "decision_proxies" USING btree ("proxy_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_proxies_owner_uq" ON "decision_proxies" USING btree ("decision_id","owner_id") WHERE "decision_proxies"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "decision_voters_compound_idx" ON "decision_voters" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "decisions_compound_idx" ON "decisions" USING btree ("compound_id","created_at");--> statement-breakpoint
CREATE INDEX "roll_objections_compound_idx" ON "roll_objections" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "roll_objections_decision_idx" ON "roll_objections" USING btree ("decision_id","status");