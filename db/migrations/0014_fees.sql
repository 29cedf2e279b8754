CREATE TABLE "bill_months" (
	"unit_id" text NOT NULL,
	"item_code" text NOT NULL,
	"month" text NOT NULL,
	"bill_id" text NOT NULL,
	CONSTRAINT "bill_months_unit_id_item_code_month_pk" PRIMARY KEY("unit_id","item_code","month")
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"collector_key" text NOT NULL,
	"item_code" text NOT NULL,
	"period_kind" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"status" text NOT NULL,
	"units_total" integer NOT NULL,
	"units_done" integer DEFAULT 0 NOT NULL,
	"bills_created" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"building_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"collector_key" text NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"months" integer NOT NULL,
	"payer_kind" text NOT NULL,
	"payer_owner_id" text,
	"payer_key" text NOT NULL,
	"payer_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"rates" jsonb NOT NULL,
	"amount_fen" bigint NOT NULL,
	"due_day" date NOT NULL,
	"run_id" text,
	"source" text DEFAULT 'run' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bills_amount" CHECK ("bills"."amount_fen" >= 0),
	CONSTRAINT "bills_months" CHECK ("bills"."months" >= 1)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"bill_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"run_id" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_notes_amount" CHECK ("credit_notes"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "fee_reminders" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"owner_id" text,
	"outstanding_fen" bigint NOT NULL,
	"oldest_due_day" date NOT NULL,
	"pay_by" date NOT NULL,
	"sent_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"basis" text NOT NULL,
	"rate_fen" integer NOT NULL,
	"unit_kinds" jsonb NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date,
	"due_day_of_month" integer,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"ended_by" text,
	CONSTRAINT "fee_schedules_rate" CHECK ("fee_schedules"."rate_fen" > 0),
	CONSTRAINT "fee_schedules_days" CHECK ("fee_schedules"."to_day" is null or "fee_schedules"."to_day" > "fee_schedules"."from_day"),
	CONSTRAINT "fee_schedules_due" CHECK ("fee_schedules"."due_day_of_month" is null or "fee_schedules"."due_day_of_month" between 1 and 31)
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"bill_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"payment_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payment_intents_amount" CHECK ("payment_intents"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"collector_key" text NOT NULL,
	"unit_id" text NOT NULL,
	"payer_name" text NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reverses_id" text,
	"idempotency_key" text NOT NULL,
	"receipt_year" integer NOT NULL,
	"receipt_no" integer NOT NULL,
	"reference" text,
	"note" text,
	"voucher_file_id" text,
	"recorded_by" text,
	"paid_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_amount" CHECK ("payments"."amount_fen" <> 0)
);
--> statement-breakpoint
CREATE TABLE "receipt_counters" (
	"collector_key" text NOT NULL,
	"year" integer NOT NULL,
	"last_no" integer NOT NULL,
	CONSTRAINT "receipt_counters_collector_key_year_pk" PRIMARY KEY("collector_key","year")
);
--> statement-breakpoint
ALTER TABLE "bill_months" ADD CONSTRAINT "bill_months_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_payer_owner_id_owners_id_fk" FOREIGN KEY ("payer_owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_reminders" ADD CONSTRAINT "fee_reminders_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_reminders" ADD CONSTRAINT "fee_reminders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_reminders" ADD CONSTRAINT "fee_reminders_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_reminders" ADD CONSTRAINT "fee_reminders_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_months_bill_idx" ON "bill_months" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "billing_runs_compound_idx" ON "billing_runs" USING btree ("compound_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_unit_item_period_payer_uq" ON "bills" USING btree ("unit_id","item_code","period_from","payer_key");--> statement-breakpoint
CREATE INDEX "bills_compound_due_idx" ON "bills" USING btree ("compound_id","due_day");--> statement-breakpoint
CREATE INDEX "bills_payer_idx" ON "bills" USING btree ("payer_owner_id");--> statement-breakpoint
CREATE INDEX "bills_run_idx" ON "bills" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "credit_notes_bill_idx" ON "credit_notes" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "fee_reminders_unit_idx" ON "fee_reminders" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "fee_schedules_compound_idx" ON "fee_schedules" USING btree ("compound_id","item_code");--> statement-breakpoint
CREATE INDEX "payment_allocations_bill_idx" ON "payment_allocations" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_idx" ON "payment_allocations" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_intents_unit_idx" ON "payment_intents" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_uq" ON "payments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_receipt_uq" ON "payments" USING btree ("collector_key","receipt_year","receipt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reverses_uq" ON "payments" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "payments_unit_idx" ON "payments" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "payments_compound_idx" ON "payments" USING btree ("compound_id","paid_at");--> statement-breakpoint
-- Ledgers are append-only: a bill is corrected by a credit note, a payment by a reversing payment.
CREATE TRIGGER bills_append_only BEFORE UPDATE OR DELETE ON bills
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER bill_months_append_only BEFORE UPDATE OR DELETE ON bill_months
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER credit_notes_append_only BEFORE UPDATE OR DELETE ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER payment_allocations_append_only BEFORE UPDATE OR DELETE ON payment_allocations
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
