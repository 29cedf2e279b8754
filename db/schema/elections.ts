import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { areaNodes } from "./platform";
import { compounds, notices, owners, partyOrgs } from "./registry";
import { roleGrants, users } from "./auth";

/**
 * Forming an owners' committee (rules.md §2; app/elections/rules.ts): the preparatory group (筹备组), the
 * election it sets up, candidates with their declarations and eligibility findings, owners' joint
 * nomination signatures and the joint-vetting (联审) events. Vetting state is never stored as a mutable
 * fact: it is recomputed from vetting_events by the pure `vettingState`; `candidates.phase` is a cache
 * written in the same transaction as the event.
 */

export const PREP_GROUP_STATUSES = ["active", "dissolved"] as const;
export const PREP_ROLES = ["owner", "developer", "street_office", "residents_committee"] as const;
export const NOMINATION_KINDS = ["community_party", "residents_committee", "owners_joint", "self"] as const;
export const OCCUPATIONS = ["public_servant", "retiree", "other"] as const;
export const PROPERTY_COMPANY_RELATIONS = ["none", "self", "spouse", "close_relative", "unknown"] as const;
export const REVIEWER_KIND_VALUES = ["community", "street_working", "industry"] as const;
export const VETTING_EVENT_KINDS = ["submit", "decide", "appeal", "answer"] as const;
export const VETTING_PHASES = ["nominated", "under_review", "cleared", "rejected", "appealed", "cleared_on_appeal", "rejection_upheld"] as const;

export const prepGroups = pgTable(
  "prep_groups",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    status: text("status", { enum: PREP_GROUP_STATUSES }).notNull(),
    formedAt: timestamptz("formed_at").notNull(),
    dissolvedAt: timestamptz("dissolved_at"),
    /** The member list on the notice board. */
    noticeId: text("notice_id").references(() => notices.id, { onDelete: "restrict" }),
    formedBy: text("formed_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("prep_groups_compound_idx").on(t.compoundId),
    uniqueIndex("prep_groups_one_active_uq").on(t.compoundId).where(sql`${t.status} = 'active'`),
  ],
);

export const prepGroupMembers = pgTable(
  "prep_group_members",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull().references(() => prepGroups.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    role: text("role", { enum: PREP_ROLES }).notNull(),
    leader: boolean("leader").notNull().default(false),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").references(() => owners.id, { onDelete: "restrict" }),
    /** The prep_group_member grant made for this member (null when the user already held one). */
    grantId: text("grant_id").references(() => roleGrants.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("prep_group_members_compound_idx").on(t.compoundId),
    index("prep_group_members_group_idx").on(t.groupId),
    check("prep_group_members_owner", sql`${t.role} <> 'owner' or ${t.ownerId} is not null`),
  ],
);

/** An owner's objection to the published group, and how the street officer settled it. */
export const prepGroupObjections = pgTable(
  "prep_group_objections",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull().references(() => prepGroups.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    status: text("status", { enum: ["open", "upheld", "dismissed"] }).notNull(),
    settlement: text("settlement"),
    settledBy: text("settled_by").references(() => users.id, { onDelete: "restrict" }),
    settledAt: timestamptz("settled_at"),
    createdAt: createdAt(),
  },
  (t) => [index("prep_group_objections_compound_idx").on(t.compoundId), index("prep_group_objections_group_idx").on(t.groupId)],
);

export const ELECTION_STATUSES = ["nominating", "published"] as const;

export const elections = pgTable(
  "elections",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    prepGroupId: text("prep_group_id").notNull().references(() => prepGroups.id, { onDelete: "restrict" }),
    seats: integer("seats").notNull(),
    minSeats: integer("min_seats").notNull(),
    alternates: integer("alternates").notNull(),
    nominationOpensAt: timestamptz("nomination_opens_at").notNull(),
    nominationClosesAt: timestamptz("nomination_closes_at").notNull(),
    method: text("method").notNull(),
    status: text("status", { enum: ELECTION_STATUSES }).notNull(),
    /** The reviewers whose approval clears a candidate, fixed when the election is set up (per street). */
    requiredReviewers: jsonb("required_reviewers").$type<(typeof REVIEWER_KIND_VALUES)[number][]>().notNull(),
    candidatesNoticeId: text("candidates_notice_id").references(() => notices.id, { onDelete: "restrict" }),
    /** When the cleared list went on the notice board. */
    candidatesPublishedAt: timestamptz("candidates_published_at"),
    /** When voting is planned to open; the cleared list must be up in time for it (publicationOk). */
    votingOpensAt: timestamptz("voting_opens_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("elections_compound_idx").on(t.compoundId),
    uniqueIndex("elections_prep_group_uq").on(t.prepGroupId),
    check("elections_window", sql`${t.nominationClosesAt} > ${t.nominationOpensAt}`),
  ],
);

export const candidates = pgTable(
  "candidates",
  {
    id: text("id").primaryKey(),
    electionId: text("election_id").notNull().references(() => elections.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    nominatedBy: text("nominated_by", { enum: NOMINATION_KINDS }).notNull(),
    nominatedByUser: text("nominated_by_user").references(() => users.id, { onDelete: "restrict" }),
    /** Declaration. */
    occupation: text("occupation", { enum: OCCUPATIONS }).notNull(),
    partyMember: boolean("party_member").notNull(),
    propertyCompanyRelation: text("property_company_relation", { enum: PROPERTY_COMPANY_RELATIONS }).notNull(),
    fullCapacityDeclared: boolean("full_capacity_declared").notNull(),
    consent: boolean("consent").notNull(),
    /** eligibilityFindings at nomination, as shown to the reviewers (never a decision). */
    findings: jsonb("findings").notNull(),
    /** Cache of vettingState(events).phase, written with each event in the same transaction. */
    phase: text("phase", { enum: VETTING_PHASES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("candidates_compound_idx").on(t.compoundId),
    index("candidates_election_idx").on(t.electionId),
    uniqueIndex("candidates_election_owner_uq").on(t.electionId, t.ownerId),
    check("candidates_consent", sql`${t.consent}`),
  ],
);

/** Owners' signatures on a joint nomination: one per owner per candidate. */
export const candidateEndorsements = pgTable(
  "candidate_endorsements",
  {
    id: text("id").primaryKey(),
    candidateId: text("candidate_id").notNull().references(() => candidates.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    signedAt: timestamptz("signed_at").notNull(),
  },
  (t) => [
    index("candidate_endorsements_compound_idx").on(t.compoundId),
    uniqueIndex("candidate_endorsements_owner_uq").on(t.candidateId, t.ownerId),
  ],
);

/** Joint vetting, append-only (a trigger refuses UPDATE and DELETE): the events vettingState replays. */
export const vettingEvents = pgTable(
  "vetting_events",
  {
    id: text("id").primaryKey(),
    candidateId: text("candidate_id").notNull().references(() => candidates.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    /** 0-based position in the candidate's history. */
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: VETTING_EVENT_KINDS }).notNull(),
    reviewerKind: text("reviewer_kind", { enum: REVIEWER_KIND_VALUES }),
    partyOrgId: text("party_org_id").references(() => partyOrgs.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    /** decide: approve | reject; answer: upheld | overturned. */
    decision: text("decision", { enum: ["approve", "reject", "upheld", "overturned"] }),
    /** The reviewer's reason, or the candidate's appeal statement. */
    text: text("text"),
    at: timestamptz("at").notNull(),
  },
  (t) => [
    index("vetting_events_compound_idx").on(t.compoundId),
    uniqueIndex("vetting_events_candidate_seq_uq").on(t.candidateId, t.seq),
    index("vetting_events_party_org_idx").on(t.partyOrgId),
  ],
);

/**
 * Which Party organisations' approval clears a candidate in a street (联审 "configurable per street"). A
 * street without a row uses the default: all three kinds. Elections copy the setting when set up.
 */
export const streetVettingSettings = pgTable("street_vetting_settings", {
  nodeId: text("node_id").primaryKey().references(() => areaNodes.id, { onDelete: "restrict" }),
  requiredReviewers: jsonb("required_reviewers").$type<(typeof REVIEWER_KIND_VALUES)[number][]>().notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
  updatedAt: timestamptz("updated_at").notNull(),
});

export const CANDIDATE_OBJECTION_STATUSES = ["open", "answered"] as const;

/** Owners' objections to the published candidate list (optionally about one candidate), with the group's recorded answer. */
export const candidateObjections = pgTable(
  "candidate_objections",
  {
    id: text("id").primaryKey(),
    electionId: text("election_id").notNull().references(() => elections.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    candidateId: text("candidate_id").references(() => candidates.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    status: text("status", { enum: CANDIDATE_OBJECTION_STATUSES }).notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => users.id, { onDelete: "restrict" }),
    answeredAt: timestamptz("answered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("candidate_objections_compound_idx").on(t.compoundId), index("candidate_objections_election_idx").on(t.electionId)],
);
