import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { buildings, compounds, owners, units } from "./registry";
import { users } from "./auth";

export const DECISION_STATUSES = ["draft", "noticed", "open", "closed"] as const;
export const DECISION_FORMS = ["collective", "written"] as const;

/**
 * An owners' assembly meeting (业主大会会议) and the decision it takes (decision-record.md). The row is also
 * the ballot chain's head: casting locks it (`for update`), so ballots are hashed one at a time per decision.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    scopeKind: text("scope_kind", { enum: ["compound", "building"] }).notNull(),
    buildingId: text("building_id").references(() => buildings.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    form: text("form", { enum: DECISION_FORMS }).notNull(),
    status: text("status", { enum: DECISION_STATUSES }).notNull(),
    /** Voting window as published: online and proxy ballots in [opens_at, closes_at]. */
    opensAt: timestamptz("opens_at").notNull(),
    closesAt: timestamptz("closes_at").notNull(),
    /** Paper ballots handed in before the close may be entered until then (equal to closes_at without a counting period). */
    countingClosesAt: timestamptz("counting_closes_at").notNull(),
    /** When the (last) notice went up; an agenda change after the notice restarts it. */
    noticedAt: timestamptz("noticed_at"),
    noticeId: text("notice_id"),
    /** Rule pack at drafting: count parking, real ids instead of pseudonyms. */
    countParking: boolean("count_parking").notNull().default(false),
    openBallots: boolean("open_ballots").notNull().default(false),
    /** Per-decision HMAC key for pseudonyms (encrypted, app/auth/field-crypto.server.ts). */
    secretEnc: text("secret_enc").notNull(),
    /** Frozen when voting opens: canonical({decision, motions, roll}) exactly as hashed, and its genesis. */
    headerCanonical: text("header_canonical"),
    genesis: text("genesis"),
    chainHead: text("chain_head"),
    ballotCount: integer("ballot_count").notNull().default(0),
    openedAt: timestamptz("opened_at"),
    closedAt: timestamptz("closed_at"),
    /** The tally at the close: verify's output (format gongzhi.tally/1) in canonical form, exact. */
    resultCanonical: text("result_canonical"),
    resultNoticeId: text("result_notice_id"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("decisions_compound_idx").on(t.compoundId, t.createdAt),
    check("decisions_scope", sql`(${t.scopeKind} = 'building') = (${t.buildingId} is not null)`),
    check("decisions_window", sql`${t.closesAt} > ${t.opensAt} and ${t.countingClosesAt} >= ${t.closesAt}`),
  ],
);

/** The agenda: each motion with its Art. 278 category (1–9). Editable until voting opens. */
export const decisionMotions = pgTable(
  "decision_motions",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    /** The motion's id in the record: m1, m2, … (never reused within a decision). */
    key: text("key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    category: integer("category").notNull(),
    kind: text("kind", { enum: ["question", "election"] }).notNull().default("question"),
    /** An election (decision-record.md): seats, the fewest elected for the committee to be formed, the most alternates. */
    seats: integer("seats"),
    minSeats: integer("min_seats"),
    alternates: integer("alternates"),
    /**
     * A run-off (决选/补选) for the seats an earlier election motion left unfilled or tied: that motion's id. The
     * committee is then formed from both results together (app/committees/rules.ts `combinedElection`).
     */
    runoffOf: text("runoff_of").references((): AnyPgColumn => decisionMotions.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("decision_motions_compound_idx").on(t.compoundId),
    uniqueIndex("decision_motions_key_uq").on(t.decisionId, t.key),
    check("decision_motions_category", sql`${t.category} between 1 and 9`),
    check(
      "decision_motions_election",
      sql`(${t.kind} = 'question' and ${t.seats} is null) or (${t.kind} = 'election' and ${t.category} = 3 and ${t.seats} >= 1 and ${t.minSeats} between 1 and ${t.seats} and ${t.alternates} between 0 and ${t.seats})`,
    ),
  ],
);

/** An election motion's candidates, in the motion's order: `key` is the candidate's id in the record (c1, c2, …). */
export const decisionMotionCandidates = pgTable(
  "decision_motion_candidates",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    motionId: text("motion_id").notNull().references(() => decisionMotions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    /** Candidates are named in the record (their candidacy is public). */
    name: text("name").notNull(),
    /** The vetted candidate (app/elections) and the owner behind it, where the motion came from an election. */
    candidateId: text("candidate_id"),
    ownerId: text("owner_id").references(() => owners.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("decision_motion_candidates_motion_idx").on(t.motionId),
    uniqueIndex("decision_motion_candidates_key_uq").on(t.motionId, t.key),
  ],
);

/**
 * The frozen roll's voters, written when voting opens: the pseudonymous voter key as in the record, the real
 * owner ids behind it, and the area. Used to find whom a user may vote for and for turnout.
 */
export const decisionVoters = pgTable(
  "decision_voters",
  {
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    voterKey: text("voter_key").notNull(),
    /** Real owner ids (empty for the developer). */
    ownerIds: jsonb("owner_ids").$type<string[]>().notNull(),
    developer: boolean("developer").notNull().default(false),
    area: bigint("area", { mode: "bigint" }).notNull(),
    units: jsonb("units").$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.voterKey] }), index("decision_voters_compound_idx").on(t.compoundId)],
);

/** Pseudonym → real id and label, for labels.json (not hashed, shown to the organiser and street office only). */
export const decisionLabels = pgTable(
  "decision_labels",
  {
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    pseudonym: text("pseudonym").notNull(),
    realId: text("real_id").notNull(),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.pseudonym] }), uniqueIndex("decision_labels_real_uq").on(t.decisionId, t.realId)],
);

/**
 * Ballots: append-only (a database trigger refuses UPDATE and DELETE). `canonical` is the exact RFC 8785 text
 * that was hashed (the ballot without prev and hash); the record is rebuilt from it.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    seq: integer("seq").notNull(),
    voterKey: text("voter_key").notNull(),
    channel: text("channel", { enum: ["online", "paper", "proxy"] }).notNull(),
    castByUser: text("cast_by_user").references(() => users.id, { onDelete: "restrict" }),
    castAt: timestamptz("cast_at").notNull(),
    canonical: text("canonical").notNull(),
    prev: text("prev").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("ballots_compound_idx").on(t.compoundId),
    uniqueIndex("ballots_voter_uq").on(t.decisionId, t.voterKey),
    uniqueIndex("ballots_seq_uq").on(t.decisionId, t.seq),
  ],
);

/** An owner's objection to the draft roll (wrong area, wrong owner), answered by the organiser before voting opens. */
export const rollObjections = pgTable(
  "roll_objections",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    unitId: text("unit_id").notNull().references(() => units.id, { onDelete: "restrict" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["area", "owner", "other"] }).notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: ["open", "corrected", "rejected"] }).notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => users.id, { onDelete: "restrict" }),
    answeredAt: timestamptz("answered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("roll_objections_compound_idx").on(t.compoundId), index("roll_objections_decision_idx").on(t.decisionId, t.status)],
);

/** A proxy (委托书) or guardian who votes for an owner, accepted by the organiser with the document attached. */
export const decisionProxies = pgTable(
  "decision_proxies",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    /** The owner represented (one of the voter's owners). */
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    proxyUserId: text("proxy_user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["proxy", "guardian"] }).notNull(),
    status: text("status", { enum: ["accepted", "revoked"] }).notNull(),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("decision_proxies_compound_idx").on(t.compoundId),
    index("decision_proxies_user_idx").on(t.proxyUserId),
    uniqueIndex("decision_proxies_owner_uq").on(t.decisionId, t.ownerId).where(sql`${t.status} = 'accepted'`),
  ],
);

/**
 * The code printed on a pre-filled paper ballot: random (not sequential, so one cannot be guessed from another),
 * one per voter per decision. Typing it finds that voter in that decision only.
 */
export const paperBallotCodes = pgTable(
  "paper_ballot_codes",
  {
    code: text("code").primaryKey(),
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    voterKey: text("voter_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("paper_ballot_codes_voter_uq").on(t.decisionId, t.voterKey), index("paper_ballot_codes_compound_idx").on(t.compoundId)],
);

export const CANVASS_STATUSES = ["not_visited", "visited", "will_vote", "refused"] as const;

/** Door-to-door (扫楼) status of a voter who has not voted yet; the latest answer per voter. */
export const canvassStatus = pgTable(
  "canvass_status",
  {
    decisionId: text("decision_id").notNull().references(() => decisions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    voterKey: text("voter_key").notNull(),
    status: text("status", { enum: CANVASS_STATUSES }).notNull(),
    note: text("note"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
    updatedAt: timestamptz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.voterKey] }), index("canvass_status_compound_idx").on(t.compoundId)],
);

/** In-app messages to one user (voting reminders, petition alerts); shown on their home and compound pages. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").references(() => compounds.id, { onDelete: "restrict" }),
    kind: text("kind").notNull(),
    /** The record it is about (e.g. a decision), so a reminder can stop once its reason is gone. */
    sourceKind: text("source_kind"),
    sourceId: text("source_id"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    createdAt: createdAt(),
    readAt: timestamptz("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), index("notifications_source_idx").on(t.sourceKind, t.sourceId)],
);

/** Owners' petition for an extraordinary meeting (指导规则 Art. 21): 20% of area AND 20% of headcount. */
export const petitions = pgTable(
  "petitions",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    agenda: text("agenda").notNull(),
    status: text("status", { enum: ["collecting", "reached", "withdrawn"] }).notNull(),
    createdBy: text("created_by").notNull().references(() => users.id, { onDelete: "restrict" }),
    reachedAt: timestamptz("reached_at"),
    noticeId: text("notice_id"),
    createdAt: createdAt(),
  },
  (t) => [index("petitions_compound_idx").on(t.compoundId, t.createdAt)],
);

/** One signature per voter (SPC Interp. Art. 9 grouping, as for votes); append-only in code. */
export const petitionSignatures = pgTable(
  "petition_signatures",
  {
    petitionId: text("petition_id").notNull().references(() => petitions.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    voterKey: text("voter_key").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    signedAt: timestamptz("signed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.voterKey] }), index("petition_signatures_compound_idx").on(t.compoundId)],
);
