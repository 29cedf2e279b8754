CREATE TABLE "contract_fee_standards" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"unit_kind" text NOT NULL,
	"item" text NOT NULL,
	"basis" text NOT NULL,
	"rate_fen" integer NOT NULL,
	"label" text,
	CONSTRAINT "contract_fee_standards_rate" CHECK ("contract_fee_standards"."rate_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"id" text PRIMARY KEY NOT NULL,
	"handover_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL,
	"outgoing_confirmed_by" text,
	"outgoing_confirmed_at" timestamp with time zone,
	"incoming_confirmed_by" text,
	"incoming_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"period_id" text NOT NULL,
	"outgoing" text NOT NULL,
	"incoming" text NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "management_periods" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"model" text NOT NULL,
	"from_day" date NOT NULL,
	"basis_kind" text NOT NULL,
	"decision_id" text,
	"motion_id" text,
	"reason" text,
	"review_on" date,
	"self_body" text,
	"maintenance_by" text,
	"community_node_id" text,
	"money_holder" text,
	"quasi_fee_fen" integer,
	"recorded_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "management_periods_decision" CHECK ("management_periods"."basis_kind" <> 'decision' or ("management_periods"."decision_id" is not null and "management_periods"."motion_id" is not null)),
	CONSTRAINT "management_periods_interim" CHECK ("management_periods"."basis_kind" <> 'interim_assignment' or ("management_periods"."reason" is not null and "management_periods"."review_on" is not null)),
	CONSTRAINT "management_periods_quasi_fee" CHECK ("management_periods"."quasi_fee_fen" is null or "management_periods"."quasi_fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "property_companies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"address" text,
	"qualification_notes" text,
	"has_party_org" boolean NOT NULL,
	"party_org_id" text,
	"registered_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"company_id" text NOT NULL,
	"start_day" date NOT NULL,
	"end_day" date NOT NULL,
	"fee_model" text NOT NULL,
	"remuneration_per_mille" integer,
	"notice_days" integer NOT NULL,
	"service_level" jsonb NOT NULL,
	"document_file_id" text,
	"decision_id" text,
	"terminated_on" date,
	"termination_decision_id" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_contracts_period" CHECK ("service_contracts"."end_day" >= "service_contracts"."start_day"),
	CONSTRAINT "service_contracts_terminated" CHECK ("service_contracts"."terminated_on" is null or ("service_contracts"."terminated_on" >= "service_contracts"."start_day" and "service_contracts"."terminated_on" <= "service_contracts"."end_day")),
	CONSTRAINT "service_contracts_fee_model" CHECK (("service_contracts"."fee_model" = 'lump_sum' and "service_contracts"."remuneration_per_mille" is null) or ("service_contracts"."fee_model" = 'remuneration' and "service_contracts"."remuneration_per_mille" between 0 and 1000)),
	CONSTRAINT "service_contracts_notice" CHECK ("service_contracts"."notice_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"compound_id" text NOT NULL,
	"user_id" text NOT NULL,
	"quarter" text NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"responsible_kind" text NOT NULL,
	"company_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_ratings_stars" CHECK ("service_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "contract_fee_standards" ADD CONSTRAINT "contract_fee_standards_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_outgoing_confirmed_by_users_id_fk" FOREIGN KEY ("outgoing_confirmed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_items" ADD CONSTRAINT "handover_items_incoming_confirmed_by_users_id_fk" FOREIGN KEY ("incoming_confirmed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_period_id_management_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."management_periods"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_periods" ADD CONSTRAINT "management_periods_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_periods" ADD CONSTRAINT "management_periods_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_periods" ADD CONSTRAINT "management_periods_motion_id_decision_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."decision_motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_periods" ADD CONSTRAINT "management_periods_community_node_id_area_nodes_id_fk" FOREIGN KEY ("community_node_id") REFERENCES "public"."area_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_periods" ADD CONSTRAINT "management_periods_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_companies" ADD CONSTRAINT "property_companies_party_org_id_party_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_companies" ADD CONSTRAINT "property_companies_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_document_file_id_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_termination_decision_id_decisions_id_fk" FOREIGN KEY ("termination_decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_fee_standards_uq" ON "contract_fee_standards" USING btree ("contract_id","unit_kind","item");--> statement-breakpoint
CREATE INDEX "handover_items_handover_idx" ON "handover_items" USING btree ("handover_id");--> statement-breakpoint
CREATE INDEX "handover_items_compound_idx" ON "handover_items" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "handovers_compound_idx" ON "handovers" USING btree ("compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_period_uq" ON "handovers" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "management_periods_compound_day_uq" ON "management_periods" USING btree ("compound_id","from_day");--> statement-breakpoint
CREATE UNIQUE INDEX "property_companies_credit_code_uq" ON "property_companies" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "service_contracts_compound_idx" ON "service_contracts" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "service_contracts_company_idx" ON "service_contracts" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_ratings_one_per_quarter_uq" ON "service_ratings" USING btree ("compound_id","user_id","quarter");--> statement-breakpoint
CREATE INDEX "service_ratings_company_idx" ON "service_ratings" USING btree ("company_id");--> statement-breakpoint
-- A compound's model history is append-only: a correction is a new entry.
CREATE TRIGGER management_periods_append_only BEFORE UPDATE OR DELETE ON management_periods
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
--> statement-breakpoint
CREATE TRIGGER service_ratings_append_only BEFORE UPDATE OR DELETE ON service_ratings
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
