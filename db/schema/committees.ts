import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { users, roleGrants } from "./auth";
import { compounds, notices, owners } from "./registry";
import { decisions, decisionMotions } from "./decisions";
import { elections } from "./elections";

/**
 * The owners' committee after its election (rules.md §2; app/committees/rules.ts): the committee and its term,
 * its members (with the committee_member grants that end with their membership), the alternates in ranking
 * order, the first meeting that elects the chair, and the filings (备案) with the street office.
 */

export const COMMITTEE_STATUSES = ["active", "ended"] as const;
export const MEMBER_ROLES = ["member", "chair", "vice_chair"] as const;
export const MEMBER_SOURCES = ["elected", "alternate", "by_election"] as const;
export const MEMBER_END_REASONS = ["resigned", "removed", "no_longer_owner", "term_ended"] as const;
export const FILING_KINDS = ["initial", "change"] as const;
export const FILING_STATUSES = ["submitted", "accepted", "returned"] as const;

export const committees = pgTable(
  "committees",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    /** The formation or re-election it came from, and the closed decision and election motion that elected it. */
    electionId: text("election_id").references(() => elections.id, { onDelete: "restrict" }),
    decisionId: text("decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    motionId: text("motion_id").references(() => decisionMotions.id, { onDelete: "restrict" }),
    seats: integer("seats").notNull(),
    minSeats: integer("min_seats").notNull(),
    /** When the result was declared (the decision's close): the deadlines count from here. */
    electedAt: timestamptz("elected_at").notNull(),
    termStart: date("term_start", { mode: "string" }).notNull(),
    termLastDay: date("term_last_day", { mode: "string" }).notNull(),
    status: text("status", { enum: COMMITTEE_STATUSES }).notNull(),
    endedAt: timestamptz("ended_at"),
    firstMeetingAt: timestamptz("first_meeting_at"),
    memberListNoticeId: text("member_list_notice_id").references(() => notices.id, { onDelete: "restrict" }),
    /** When the initial filing was accepted by the street office. */
    filedAt: timestamptz("filed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("committees_compound_idx").on(t.compoundId),
    uniqueIndex("committees_one_active_uq").on(t.compoundId).where(sql`${t.status} = 'active'`),
    check("committees_seats", sql`${t.seats} >= 1 and ${t.minSeats} between 1 and ${t.seats}`),
    check("committees_term", sql`${t.termLastDay} > ${t.termStart}`),
  ],
);

export const committeeMembers = pgTable(
  "committee_members",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull().references(() => committees.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    userId: text("user_id").references(() => users.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    source: text("source", { enum: MEMBER_SOURCES }).notNull(),
    /** Position in the election's ranking (elected or alternate). */
    rank: integer("rank"),
    fromDay: date("from_day", { mode: "string" }).notNull(),
    lastDay: date("last_day", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    endReason: text("end_reason", { enum: MEMBER_END_REASONS }),
    /** The committee_member grant, valid to the end of the term or of the membership. */
    grantId: text("grant_id").references(() => roleGrants.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("committee_members_committee_idx").on(t.committeeId),
    index("committee_members_compound_idx").on(t.compoundId),
    check("committee_members_end", sql`(${t.endedOn} is null) = (${t.endReason} is null)`),
  ],
);

/** The election's alternates in ranking order; `seatedMemberId` once one fills a vacancy. */
export const committeeAlternates = pgTable(
  "committee_alternates",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull().references(() => committees.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    rank: integer("rank").notNull(),
    seatedMemberId: text("seated_member_id").references(() => committeeMembers.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("committee_alternates_rank_uq").on(t.committeeId, t.rank)],
);

/** A committee meeting's record; the first one elects the chair and vice-chair (指导规则 Art. 32). */
export const committeeMeetings = pgTable(
  "committee_meetings",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull().references(() => committees.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["first", "ordinary"] }).notNull(),
    heldAt: timestamptz("held_at").notNull(),
    membersInOffice: integer("members_in_office").notNull(),
    present: integer("present").notNull(),
    chairMemberId: text("chair_member_id").references(() => committeeMembers.id, { onDelete: "restrict" }),
    chairVotes: integer("chair_votes"),
    viceChairMemberId: text("vice_chair_member_id").references(() => committeeMembers.id, { onDelete: "restrict" }),
    viceChairVotes: integer("vice_chair_votes"),
    minutes: text("minutes"),
    recordedBy: text("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("committee_meetings_committee_idx").on(t.committeeId)],
);

/** Filing (备案) with the street office, for the district housing department too; initial or a change. */
export const committeeFilings = pgTable(
  "committee_filings",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull().references(() => committees.id, { onDelete: "restrict" }),
    compoundId: text("compound_id").notNull().references(() => compounds.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: FILING_KINDS }).notNull(),
    /** What changed (a change filing): the chair, members, … in words. */
    summary: text("summary"),
    /** Attachments (files ids): election report, rules of procedure, management covenant, other decisions. */
    attachments: jsonb("attachments").$type<{ fileId: string; kind: string }[]>().notNull(),
    /** The event the 30 days count from (the election, or the change). */
    eventAt: timestamptz("event_at").notNull(),
    submittedBy: text("submitted_by").notNull().references(() => users.id, { onDelete: "restrict" }),
    submittedAt: timestamptz("submitted_at").notNull(),
    status: text("status", { enum: FILING_STATUSES }).notNull(),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "restrict" }),
    decidedAt: timestamptz("decided_at"),
    reasons: text("reasons"),
    createdAt: createdAt(),
  },
  (t) => [index("committee_filings_committee_idx").on(t.committeeId), index("committee_filings_compound_idx").on(t.compoundId)],
);
