import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { areaNodes } from "./platform";
import { users } from "./auth";

/** A compound's registry details; its id is its area node's id. */
export const compounds = pgTable("compounds", {
  id: text("id").primaryKey().references(() => areaNodes.id, { onDelete: "restrict" }),
  address: text("address").notNull().default(""),
  yearBuilt: integer("year_built"),
  /** Households as reported (the registry counts units separately). */
  households: integer("households"),
  /** Placeholder until the management-models issue: property_company | self_governance | quasi_property | none. */
  managementModel: text("management_model", { enum: ["property_company", "self_governance", "quasi_property", "none"] })
    .notNull()
    .default("none"),
  /** Local settings (rules.md "Local settings"); missing keys take the national default (app/registry/rule-pack.ts). */
  rulePack: jsonb("rule_pack").notNull().default({}),
  createdAt: createdAt(),
});

export const buildings = pgTable(
  "buildings",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    floors: integer("floors"),
    createdAt: createdAt(),
  },
  (t) => [index("buildings_compound_idx").on(t.compoundId), uniqueIndex("buildings_compound_name_uq").on(t.compoundId, t.name)],
);

export const UNIT_KINDS = ["dwelling", "shop", "parking"] as const;
export const AREA_SOURCES = ["register", "survey", "contract"] as const;

/** An exclusive part. Area in integer 0.01 m², with the source it came from (SPC Interp. Art. 8). */
export const units = pgTable(
  "units",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    buildingId: text("building_id").notNull().references(() => buildings.id, { onDelete: "restrict" }),
    number: text("number").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    areaCenti: integer("area_centi").notNull(),
    areaSource: text("area_source", { enum: AREA_SOURCES }).notNull(),
    certificateNo: text("certificate_no"),
    createdAt: createdAt(),
  },
  (t) => [
    index("units_compound_idx").on(t.compoundId),
    index("units_building_idx").on(t.buildingId),
    uniqueIndex("units_building_number_uq").on(t.buildingId, t.number),
    check("units_area_positive", sql`${t.areaCenti} > 0`),
  ],
);

/** A person or an organisation (e.g. a former work unit) that owns units in a compound. */
export const owners = pgTable(
  "owners",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["person", "organisation"] }).notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    /** AES-256-GCM (app/auth/field-crypto.server.ts); never shown in lists. */
    idNumberEnc: text("id_number_enc"),
    idNumberHmac: text("id_number_hmac"),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("owners_compound_idx").on(t.compoundId), index("owners_user_idx").on(t.userId), index("owners_id_hmac_idx").on(t.idNumberHmac)],
);

/**
 * Who owns a unit, from when to when. Co-owners are several rows on one unit; the developer's unsold or
 * undelivered parts have `developer_unsold` and no owner. History is never deleted: a transfer ends a row.
 */
export const ownerships = pgTable(
  "ownerships",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").references(() => owners.id, { onDelete: "restrict" }),
    developerUnsold: boolean("developer_unsold").notNull().default(false),
    /** For co-owned units: the co-owner the others nominated to vote. */
    nominatedVoter: boolean("nominated_voter").notNull().default(false),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("ownerships_compound_idx").on(t.compoundId),
    index("ownerships_unit_idx").on(t.unitId),
    index("ownerships_owner_idx").on(t.ownerId),
    check("ownerships_owner_or_developer", sql`(${t.ownerId} is not null) <> ${t.developerUnsold}`),
    check("ownerships_dates", sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/** People who live in a unit without owning it (tenants, family). */
export const residents = pgTable(
  "residents",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    phone: text("phone"),
    relation: text("relation", { enum: ["tenant", "family", "other"] }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index("residents_compound_idx").on(t.compoundId), index("residents_unit_idx").on(t.unitId)],
);

/** Community Party organisations, street Party working committees, the property-industry Party committee
 *  and its district branches. Each covers area nodes; party_reviewer grants bind to them. */
export const partyOrgs = pgTable(
  "party_orgs",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["community", "street_working", "industry", "industry_branch"] }).notNull(),
    name: text("name").notNull(),
    parentId: text("parent_id"),
    createdAt: createdAt(),
  },
  (t) => [index("party_orgs_parent_idx").on(t.parentId)],
);

export const partyOrgNodes = pgTable(
  "party_org_nodes",
  {
    partyOrgId: text("party_org_id").notNull().references(() => partyOrgs.id, { onDelete: "restrict" }),
    nodeId: text("node_id").notNull().references(() => areaNodes.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.partyOrgId, t.nodeId] }), index("party_org_nodes_node_idx").on(t.nodeId)],
);

/** The holiday calendar (State Council's announcement each year): rest days and 调休 working days. */
export const calendarDays = pgTable(
  "calendar_days",
  {
    day: date("day", { mode: "string" }).primaryKey(),
    kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
);

/** An owner's claim to a unit, checked against the property certificate by a community worker or committee member. */
export const unitClaims = pgTable(
  "unit_claims",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    certificateNo: text("certificate_no").notNull(),
    status: text("status", { enum: ["pending", "verified", "rejected", "disputed"] }).notNull(),
    reason: text("reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamptz("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_claims_compound_idx").on(t.compoundId),
    index("unit_claims_unit_idx").on(t.unitId),
    index("unit_claims_user_idx").on(t.userId),
    uniqueIndex("unit_claims_open_uq").on(t.unitId, t.userId).where(sql`${t.status} in ('pending', 'verified', 'disputed')`),
  ],
);

/** The compound notice board (公示栏). Later features publish onto it through one function. */
export const notices = pgTable(
  "notices",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** What published it: a person ("manual") or a feature (e.g. "decision", "candidates"), with its record id. */
    sourceKind: text("source_kind").notNull().default("manual"),
    sourceId: text("source_id"),
    publishAt: timestamptz("publish_at").notNull(),
    takeDownAt: timestamptz("take_down_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("notices_compound_idx").on(t.compoundId, t.publishAt)],
);

export const noticeReads = pgTable(
  "notice_reads",
  {
    noticeId: text("notice_id").notNull().references(() => notices.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    readAt: timestamptz("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
);

/** A registry import (XLSX/CSV): validated first, imported in committed chunks so progress shows. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: ["invalid", "ready", "running", "done", "failed"] }).notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    doneRows: integer("done_rows").notNull().default(0),
    /** Validation report (bad rows and why) or the outcome (rows created / unchanged). */
    report: jsonb("report"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [index("import_jobs_compound_idx").on(t.compoundId, t.createdAt)],
);
