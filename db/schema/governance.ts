import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { areaNodes } from "./platform";
import { users } from "./auth";
import { compounds, partyOrgs, UNIT_KINDS } from "./registry";
import { decisions, decisionMotions } from "./decisions";
import { files } from "./files";

/**
 * Management models and property service (rules.md §3; app/governance/rules.ts): the register of property
 * companies, each compound's dated history of models with the basis of every change, service contracts with
 * their fee standards, handover checklists and residents' quarterly ratings. The history is append-only (a
 * correction is a new entry); `responsibleFor` reads it with the contracts.
 */

export const MANAGEMENT_MODEL_VALUES = ["property_company", "self_governance", "quasi_property"] as const;
export const CHANGE_BASIS_KINDS = ["decision", "interim_assignment", "initial"] as const;
export const SELF_BODIES = ["owners_committee", "self_management_committee"] as const;
export const MAINTENANCE_BY = ["body", "community"] as const;
export const FEE_MODELS = ["lump_sum", "remuneration"] as const;
export const FEE_ITEMS = ["property", "parking", "other"] as const;
export const FEE_BASES = ["per_m2_month", "per_unit_month"] as const;
export const HANDOVER_CATEGORIES = ["keys", "documents", "equipment", "funds", "open_requests", "arrears", "other"] as const;

export const propertyCompanies = pgTable(
  "property_companies",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Unified social credit code (统一社会信用代码), normalised upper case, GB 32100-2015 check character verified. */
    creditCode: text("credit_code").notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    address: text("address"),
    qualificationNotes: text("qualification_notes"),
    /** Has its own Party organisation (红色物业 / 红色管家). */
    hasPartyOrg: boolean("has_party_org").notNull(),
    partyOrgId: text("party_org_id").references(() => partyOrgs.id, { onDelete: "restrict" }),
    registeredBy: text("registered_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull(),
  },
  (t) => [uniqueIndex("property_companies_credit_code_uq").on(t.creditCode)],
);

/** One entry of a compound's model history, in force from `from_day` until the next entry's `from_day`. Append-only. */
export const managementPeriods = pgTable(
  "management_periods",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    model: text("model", { enum: MANAGEMENT_MODEL_VALUES }).notNull(),
    fromDay: date("from_day", { mode: "string" }).notNull(),
    basisKind: text("basis_kind", { enum: CHANGE_BASIS_KINDS }).notNull(),
    /** basis "decision": the closed decision and its passed category-4 motion. */
    decisionId: text("decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    motionId: text("motion_id").references(() => decisionMotions.id, { onDelete: "restrict" }),
    /** basis "interim_assignment" (and an optional note otherwise). */
    reason: text("reason"),
    reviewOn: date("review_on", { mode: "string" }),
    selfBody: text("self_body", { enum: SELF_BODIES }),
    maintenanceBy: text("maintenance_by", { enum: MAINTENANCE_BY }),
    /** Quasi-property: the community that serves (an area node); self-governance: who holds the money (text). */
    communityNodeId: text("community_node_id").references(() => areaNodes.id, { onDelete: "restrict" }),
    moneyHolder: text("money_holder"),
    /** Quasi-property: the (often subsidised) fee, fen per m² per month; null = none charged. */
    quasiFeeFen: integer("quasi_fee_fen"),
    recordedBy: text("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("management_periods_compound_day_uq").on(t.compoundId, t.fromDay),
    check("management_periods_decision", sql`${t.basisKind} <> 'decision' or (${t.decisionId} is not null and ${t.motionId} is not null)`),
    check("management_periods_interim", sql`${t.basisKind} <> 'interim_assignment' or (${t.reason} is not null and ${t.reviewOn} is not null)`),
    check("management_periods_quasi_fee", sql`${t.quasiFeeFen} is null or ${t.quasiFeeFen} >= 0`),
  ],
);

export type ServiceLevel = {
  /** Cleaning of common areas, times per week. */
  cleaningPerWeek: number | null;
  /** Security: hours per day the gate is staffed. */
  securityHoursPerDay: number | null;
  /** Greenery care, in words. */
  greenery: string | null;
  /** Repairs: hours to respond to an urgent / an ordinary request. */
  urgentResponseHours: number | null;
  ordinaryResponseHours: number | null;
};

export const serviceContracts = pgTable(
  "service_contracts",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    companyId: text("company_id").notNull().references(() => propertyCompanies.id, { onDelete: "restrict" }),
    startDay: date("start_day", { mode: "string" }).notNull(),
    endDay: date("end_day", { mode: "string" }).notNull(),
    feeModel: text("fee_model", { enum: FEE_MODELS }).notNull(),
    /** 酬金制: the provider's share of fees collected, per mille. */
    remunerationPerMille: integer("remuneration_per_mille"),
    /** Days' notice for dismissal (民法典 Art. 946: 60 unless agreed otherwise). */
    noticeDays: integer("notice_days").notNull(),
    serviceLevel: jsonb("service_level").$type<ServiceLevel>().notNull(),
    documentFileId: text("document_file_id").references(() => files.id, { onDelete: "restrict" }),
    /** The owners' decision that engaged the provider (or renewed the contract). */
    decisionId: text("decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    /** Ended early (dismissal, by decision): the last day of service. The period itself is never rewritten. */
    terminatedOn: date("terminated_on", { mode: "string" }),
    terminationDecisionId: text("termination_decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("service_contracts_compound_idx").on(t.compoundId),
    index("service_contracts_company_idx").on(t.companyId),
    check("service_contracts_period", sql`${t.endDay} >= ${t.startDay}`),
    check("service_contracts_terminated", sql`${t.terminatedOn} is null or (${t.terminatedOn} >= ${t.startDay} and ${t.terminatedOn} <= ${t.endDay})`),
    check(
      "service_contracts_fee_model",
      sql`(${t.feeModel} = 'lump_sum' and ${t.remunerationPerMille} is null) or (${t.feeModel} = 'remuneration' and ${t.remunerationPerMille} between 0 and 1000)`,
    ),
    check("service_contracts_notice", sql`${t.noticeDays} >= 0`),
  ],
);

/** A contract's fee standards by unit kind: property fee per m² per month, parking or other items per unit per month. */
export const contractFeeStandards = pgTable(
  "contract_fee_standards",
  {
    id: text("id").primaryKey(),
    contractId: text("contract_id").notNull().references(() => serviceContracts.id, { onDelete: "restrict" }),
    unitKind: text("unit_kind", { enum: UNIT_KINDS }).notNull(),
    item: text("item", { enum: FEE_ITEMS }).notNull(),
    basis: text("basis", { enum: FEE_BASES }).notNull(),
    /** Integer fen: per m² per month (per_m2_month) or per unit per month (per_unit_month). */
    rateFen: integer("rate_fen").notNull(),
    label: text("label"),
  },
  (t) => [
    uniqueIndex("contract_fee_standards_uq").on(t.contractId, t.unitKind, t.item),
    check("contract_fee_standards_rate", sql`${t.rateFen} >= 0`),
  ],
);

/** The checklist handed over when the model (or the provider) changes; each item confirmed by both sides. */
export const handovers = pgTable(
  "handovers",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    periodId: text("period_id").notNull().references(() => managementPeriods.id, { onDelete: "restrict" }),
    /** Who hands over and who takes over, as shown (a company name, 业主委员会, a community). */
    outgoing: text("outgoing").notNull(),
    incoming: text("incoming").notNull(),
    completedAt: timestamptz("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("handovers_compound_idx").on(t.compoundId), uniqueIndex("handovers_period_uq").on(t.periodId)],
);

export const handoverItems = pgTable(
  "handover_items",
  {
    id: text("id").primaryKey(),
    handoverId: text("handover_id").notNull().references(() => handovers.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    category: text("category", { enum: HANDOVER_CATEGORIES }).notNull(),
    description: text("description").notNull(),
    position: integer("position").notNull(),
    outgoingConfirmedBy: text("outgoing_confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    outgoingConfirmedAt: timestamptz("outgoing_confirmed_at"),
    incomingConfirmedBy: text("incoming_confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    incomingConfirmedAt: timestamptz("incoming_confirmed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("handover_items_handover_idx").on(t.handoverId), index("handover_items_compound_idx").on(t.compoundId)],
);

/** A resident's quarterly rating of the service (1–5 with a comment), one per account per compound per quarter. */
export const serviceRatings = pgTable(
  "service_ratings",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    /** "YYYY-Qn" in Asia/Shanghai. */
    quarter: text("quarter").notNull(),
    stars: integer("stars").notNull(),
    comment: text("comment"),
    /** Who served when the rating was given (responsibleFor "maintenance" that day). */
    responsibleKind: text("responsible_kind").notNull(),
    companyId: text("company_id").references(() => propertyCompanies.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("service_ratings_one_per_quarter_uq").on(t.compoundId, t.userId, t.quarter),
    index("service_ratings_company_idx").on(t.companyId),
    check("service_ratings_stars", sql`${t.stars} between 1 and 5`),
  ],
);
