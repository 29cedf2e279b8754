CREATE TABLE "notice_reads" (
	"notice_id" text NOT NULL,
	"user_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_reads_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"source_kind" text DEFAULT 'manual' NOT NULL,
	"source_id" text,
	"publish_at" timestamp with time zone NOT NULL,
	"take_down_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"user_id" text NOT NULL,
	"certificate_no" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_claims" ADD CONSTRAINT "unit_claims_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_claims" ADD CONSTRAINT "unit_claims_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_claims" ADD CONSTRAINT "unit_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_compound_idx" ON "notices" USING btree ("compound_id","publish_at");--> statement-breakpoint
CREATE INDEX "unit_claims_compound_idx" ON "unit_claims" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "unit_claims_unit_idx" ON "unit_claims" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "unit_claims_user_idx" ON "unit_claims" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_claims_open_uq" ON "unit_claims" USING btree ("unit_id","user_id") WHERE "unit_claims"."status" in ('pending', 'verified', 'disputed');