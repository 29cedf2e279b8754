CREATE TABLE "buildings" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"name" text NOT NULL,
	"floors" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compounds" (
	"id" text PRIMARY KEY NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"year_built" integer,
	"households" integer,
	"management_model" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number_enc" text,
	"id_number_hmac" text,
	"user_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ownerships" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"owner_id" text,
	"developer_unsold" boolean DEFAULT false NOT NULL,
	"nominated_voter" boolean DEFAULT false NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ownerships_owner_or_developer" CHECK (("ownerships"."owner_id" is not null) <> "ownerships"."developer_unsold"),
	CONSTRAINT "ownerships_dates" CHECK ("ownerships"."valid_to" is null or "ownerships"."valid_to" > "ownerships"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "party_org_nodes" (
	"party_org_id" text NOT NULL,
	"node_id" text NOT NULL,
	CONSTRAINT "party_org_nodes_party_org_id_node_id_pk" PRIMARY KEY("party_org_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"relation" text NOT NULL,
	"user_id" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"building_id" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"area_centi" integer NOT NULL,
	"area_source" text NOT NULL,
	"certificate_no" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "units_area_positive" CHECK ("units"."area_centi" > 0)
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compounds" ADD CONSTRAINT "compounds_id_area_nodes_id_fk" FOREIGN KEY ("id") REFERENCES "public"."area_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_nodes" ADD CONSTRAINT "party_org_nodes_party_org_id_party_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_nodes" ADD CONSTRAINT "party_org_nodes_node_id_area_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."area_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buildings_compound_idx" ON "buildings" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_compound_name_uq" ON "buildings" USING btree ("compound_id","name");--> statement-breakpoint
CREATE INDEX "owners_compound_idx" ON "owners" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "owners_user_idx" ON "owners" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "owners_id_hmac_idx" ON "owners" USING btree ("id_number_hmac");--> statement-breakpoint
CREATE INDEX "ownerships_compound_idx" ON "ownerships" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "ownerships_unit_idx" ON "ownerships" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "ownerships_owner_idx" ON "ownerships" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "party_org_nodes_node_idx" ON "party_org_nodes" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "party_orgs_parent_idx" ON "party_orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "residents_compound_idx" ON "residents" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "residents_unit_idx" ON "residents" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "units_compound_idx" ON "units" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "units_building_idx" ON "units" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_building_number_uq" ON "units" USING btree ("building_id","number");