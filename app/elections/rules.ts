/**
 * The law of forming an owners' committee, pure: the preparatory group, seats, candidate publication,
 * eligibility findings, joint vetting (联审) and share figures. Sources: 指导规则 Arts. 10, 12, 31;
 * Beijing Art. 39; Shanghai Art. 20; Hangzhou Arts. 26, 28; rules.md §2 and "Counting days". No I/O, no
 * clock (pass `at`), integers only.
 */
import { firstMomentAfter, type HolidayCalendar } from "~/platform/days";
import type { NegativeCheck, RulePack } from "~/registry/rule-pack";

// ————————————————————————————————————————————————————————— preparatory group (筹备组)

export type PrepRole = "owner" | "developer" | "street_office" | "residents_committee";
export type PrepMember = { role: PrepRole; leader?: boolean };

export type PrepProblem =
  | { code: "EMPTY"; blocking: true }
  | { code: "TOO_SMALL"; blocking: true; size: number; min: number }
  | { code: "EVEN_SIZE"; blocking: true; size: number }
  | { code: "OWNERS_BELOW_HALF"; blocking: true; owners: number; size: number }
  | { code: "NO_LEADER"; blocking: true }
  | { code: "SEVERAL_LEADERS"; blocking: true; leaders: number }
  | { code: "LEADER_NOT_STREET_OFFICE"; blocking: true; role: PrepRole }
  | { code: "NO_DEVELOPER" | "NO_RESIDENTS_COMMITTEE"; blocking: false };

/**
 * The smallest group Art. 10 allows: a street-office leader and owners at least half of an odd size, i.e.
 * one leader and two owners (practice; Art. 10 sets no number, and local rules that do start at 5).
 */
export const PREP_GROUP_MIN_SIZE = 3;

/**
 * Problems with a preparatory group's composition (指导规则 Art. 10): owners' reps, a developer rep, a
 * street-office (or township) rep and a residents' committee rep; an odd size; owners "不低于" half,
 * `2·owners ≥ size` (since the size is odd, exactly half cannot happen, so this is `2·owners > size`); led
 * by the street-office rep. Blocking problems stop the group from being formed; a missing developer or
 * residents' committee rep is shown but does not block (practice: a dissolved or absent developer cannot
 * be made to send one, and the group still has to be formed).
 */
export function checkPrepGroup(members: readonly PrepMember[]): PrepProblem[] {
  const size = members.length;
  if (size === 0) return [{ code: "EMPTY", blocking: true }];
  const out: PrepProblem[] = [];
  if (size < PREP_GROUP_MIN_SIZE) out.push({ code: "TOO_SMALL", blocking: true, size, min: PREP_GROUP_MIN_SIZE });
  if (size % 2 === 0) out.push({ code: "EVEN_SIZE", blocking: true, size });
  const owners = members.filter((m) => m.role === "owner").length;
  if (2 * owners < size) out.push({ code: "OWNERS_BELOW_HALF", blocking: true, owners, size });
  const leaders = members.filter((m) => m.leader === true);
  if (leaders.length === 0) out.push({ code: "NO_LEADER", blocking: true });
  if (leaders.length > 1) out.push({ code: "SEVERAL_LEADERS", blocking: true, leaders: leaders.length });
  const wrong = leaders.find((m) => m.role !== "street_office");
  if (wrong) out.push({ code: "LEADER_NOT_STREET_OFFICE", blocking: true, role: wrong.role });
  if (!members.some((m) => m.role === "developer")) out.push({ code: "NO_DEVELOPER", blocking: false });
  if (!members.some((m) => m.role === "residents_committee")) out.push({ code: "NO_RESIDENTS_COMMITTEE", blocking: false });
  return out;
}

// ————————————————————————————————————————————————————————— seats

/** 指导规则 Art. 31: 5 to 11 members. */
export const COMMITTEE_MIN_SEATS = 5;
export const COMMITTEE_MAX_SEATS = 11;

export type SeatsPack = Pick<RulePack, "smallCommitteeMinSeats" | "smallCommitteeMaxHouseholds">;

/**
 * The committee's size bounds for a compound (指导规则 Art. 31: 5–11; (local) Beijing, Hangzhou: 3 where
 * the compound has ≤100 households, as the rule pack says). "≤100" includes 100.
 */
export function seatBounds(compound: { households: number }, pack: SeatsPack): { min: number; max: number } {
  const small = compound.households <= pack.smallCommitteeMaxHouseholds;
  return { min: small ? Math.min(pack.smallCommitteeMinSeats, COMMITTEE_MIN_SEATS) : COMMITTEE_MIN_SEATS, max: COMMITTEE_MAX_SEATS };
}

export type SeatsProblem =
  | { code: "NOT_WHOLE_NUMBER"; field: "seats" | "minSeats" | "alternates" }
  | { code: "EVEN"; seats: number }
  | { code: "BELOW_MIN"; seats: number; min: number }
  | { code: "ABOVE_MAX"; seats: number; max: number }
  | { code: "MIN_SEATS_BELOW_MAJORITY"; minSeats: number; majority: number }
  | { code: "MIN_SEATS_ABOVE_SEATS"; minSeats: number; seats: number }
  | { code: "ALTERNATES_NEGATIVE"; alternates: number }
  | { code: "ALTERNATES_ABOVE_SEATS"; alternates: number; seats: number };

/** The fewest elected members that are a majority of the seats: ⌊seats/2⌋ + 1 (decision-record.md `formed`). */
export function seatMajority(seats: number): number {
  return Math.floor(seats / 2) + 1;
}

/**
 * Problems with an election's seats. Seats: odd, within seatBounds (指导规则 Art. 31). minSeats — the
 * elected count below which the committee is not formed — must lie in [⌊seats/2⌋+1, seats]: the decision
 * record forms a committee only when `elected ≥ minSeats` AND `2·elected > seats`, so a lower minSeats
 * would be silently overridden; we refuse it so the published figure is the one that applies. A committee
 * formed with fewer members than seats fills the rest from alternates or a by-election (补选), so minSeats
 * may be below the Art. 31 minimum. Alternates: 0 to seats (Beijing Art. 39, Hangzhou Art. 28).
 */
export function checkSeats(
  election: { seats: number; minSeats: number; alternates: number },
  compound: { households: number },
  pack: SeatsPack,
): SeatsProblem[] {
  const fields = ["seats", "minSeats", "alternates"] as const;
  const notWhole = fields.filter((f) => !Number.isSafeInteger(election[f]));
  if (notWhole.length > 0) return notWhole.map((field) => ({ code: "NOT_WHOLE_NUMBER", field }));
  const { seats, minSeats, alternates } = election;
  const out: SeatsProblem[] = [];
  const { min, max } = seatBounds(compound, pack);
  if (seats % 2 === 0) out.push({ code: "EVEN", seats });
  if (seats < min) out.push({ code: "BELOW_MIN", seats, min });
  if (seats > max) out.push({ code: "ABOVE_MAX", seats, max });
  const majority = seatMajority(seats);
  if (minSeats < majority) out.push({ code: "MIN_SEATS_BELOW_MAJORITY", minSeats, majority });
  if (minSeats > seats) out.push({ code: "MIN_SEATS_ABOVE_SEATS", minSeats, seats });
  if (alternates < 0) out.push({ code: "ALTERNATES_NEGATIVE", alternates });
  if (alternates > seats) out.push({ code: "ALTERNATES_ABOVE_SEATS", alternates, seats });
  return out;
}

// ————————————————————————————————————————————————————————— nomination window and publication

/** A nomination window: open from `opensAt` (included) until `closesAt` (excluded, e.g. 24:00 of the last day). */
export type NominationWindow = { opensAt: Date; closesAt: Date };

/** Whether nominations are accepted at `at`. An empty or inverted window is never open. */
export function nominationOpen(
  window: NominationWindow,
  at: Date,
): { ok: true } | { ok: false; reason: "NOT_YET_OPEN" | "CLOSED" } {
  const t = at.getTime();
  if (t < window.opensAt.getTime()) return { ok: false, reason: "NOT_YET_OPEN" };
  if (t >= window.closesAt.getTime()) return { ok: false, reason: "CLOSED" };
  return { ok: true };
}

export type PublicationPack = Pick<RulePack, "candidateShowDays" | "candidateLeadDays">;

export type PublicationProblem =
  | { code: "TAKEN_DOWN_BEFORE_PUBLISHED" }
  | { code: "SHOWN_TOO_SHORT"; showUntil: Date }
  | { code: "LATE"; votingMayOpenFrom: Date };

/**
 * Whether the cleared candidate list was published in time (Hangzhou Art. 26; rule pack; 指导规则 Art. 12
 * for the first meeting): shown for at least `candidateShowDays` days, published at least
 * `candidateLeadDays` days before voting opens. Both are legal periods (民法典 Arts. 201–203, rules.md
 * "Counting days"): the day of publication is not counted, a last day on a rest day moves on.
 * - LATE: voting opens before the first moment after the lead period.
 * - SHOWN_TOO_SHORT: the list came down (or voting opened) before the first moment after the show period.
 *   Display after voting opens does not count — the showing is for objections before the vote. With no
 *   `takeDownAt` the list is taken to stay up until voting opens.
 */
export function publicationOk(
  p: { publishedAt: Date; takeDownAt?: Date | null; votingOpensAt: Date },
  cal: HolidayCalendar,
  pack: PublicationPack,
): PublicationProblem[] {
  const out: PublicationProblem[] = [];
  const down = p.takeDownAt ?? null;
  if (down !== null && down.getTime() < p.publishedAt.getTime()) return [{ code: "TAKEN_DOWN_BEFORE_PUBLISHED" }];
  const showUntil = firstMomentAfter(p.publishedAt, pack.candidateShowDays, cal);
  const shownEnd = Math.min(down?.getTime() ?? Infinity, p.votingOpensAt.getTime());
  if (shownEnd < showUntil.getTime()) out.push({ code: "SHOWN_TOO_SHORT", showUntil });
  const votingMayOpenFrom = firstMomentAfter(p.publishedAt, pack.candidateLeadDays, cal);
  if (p.votingOpensAt.getTime() < votingMayOpenFrom.getTime()) out.push({ code: "LATE", votingMayOpenFrom });
  return out;
}

// ————————————————————————————————————————————————————————— eligibility findings

export type PropertyCompanyRelation = "none" | "self" | "spouse" | "close_relative" | "unknown";

export type CandidateFacts = {
  isOwnerHere: boolean;
  fullCapacityDeclared: boolean;
  /** Arrears of property fees or maintenance-fund deposits in fen; null/absent until fees exist. */
  arrearsFen?: bigint | null;
  /** The days overdue beyond which `arrearsFen` was counted (app/fees CANDIDATE_ARREARS_DAYS), shown with the amount. */
  arrearsOverdueDays?: number;
  propertyCompanyRelation: PropertyCompanyRelation;
  judgmentDefaulter?: boolean | null;
  illegalBuilding?: boolean | null;
};

/** "fails": the facts meet a bar as written; "check": a reviewer must weigh it; "unknown": no data. */
export type FindingSeverity = "fails" | "check" | "unknown";

export type FindingCode =
  | "NOT_OWNER"
  | "CAPACITY_NOT_DECLARED"
  | "ARREARS"
  | "ARREARS_UNKNOWN"
  | "PROPERTY_COMPANY_RELATION"
  | "PROPERTY_COMPANY_UNKNOWN"
  | "JUDGMENT_DEFAULTER"
  | "JUDGMENT_DEFAULTER_UNKNOWN"
  | "ILLEGAL_BUILDING"
  | "ILLEGAL_BUILDING_UNKNOWN";

export type Finding = {
  code: FindingCode;
  severity: FindingSeverity;
  article: string;
  /** ARREARS: the amount in fen as decimal text (exact beyond 2^53, JSON-safe) and the days-overdue threshold it counts. */
  amountFen?: string;
  overdueDays?: number;
};

const ART_31 = "指导规则 Art. 31";
const BEIJING_39 = "Beijing Art. 39";
const SHANGHAI_20 = "Shanghai Art. 20";

/**
 * Findings about a candidate for the reviewers — never a decision; an empty list means nothing was found.
 * Always (指导规则 Art. 31): an owner in this compound; full civil capacity (only a declaration is held, so
 * a missing one is "unknown", never "fails"). Local checks, only those the rule pack's negative list
 * switches on (rules.md §2):
 * - arrears (Beijing Art. 39): the bar is *malicious* arrears, which is a judgment: any arrears → "check";
 * - property company (Beijing Art. 39): self, spouse or close relative working for it → "fails";
 * - judgment defaulter, 失信被执行人 (Beijing Art. 39) → "fails";
 * - illegal building or damaged load-bearing structure (Shanghai Art. 20) → "check": whether it was put
 *   right, and whose it is, is for the reviewer.
 * A check with no data (null, absent, "unknown") is "unknown".
 */
export function eligibilityFindings(c: CandidateFacts, negativeList: readonly NegativeCheck[]): Finding[] {
  const out: Finding[] = [];
  if (!c.isOwnerHere) out.push({ code: "NOT_OWNER", severity: "fails", article: ART_31 });
  if (!c.fullCapacityDeclared) out.push({ code: "CAPACITY_NOT_DECLARED", severity: "unknown", article: ART_31 });
  const on = new Set(negativeList);
  if (on.has("arrears")) {
    if (c.arrearsFen === null || c.arrearsFen === undefined) out.push({ code: "ARREARS_UNKNOWN", severity: "unknown", article: BEIJING_39 });
    else if (c.arrearsFen > 0n)
      out.push({ code: "ARREARS", severity: "check", article: BEIJING_39, amountFen: c.arrearsFen.toString(), ...(c.arrearsOverdueDays !== undefined ? { overdueDays: c.arrearsOverdueDays } : {}) });
  }
  if (on.has("property_company")) {
    const r = c.propertyCompanyRelation;
    if (r === "unknown") out.push({ code: "PROPERTY_COMPANY_UNKNOWN", severity: "unknown", article: BEIJING_39 });
    else if (r !== "none") out.push({ code: "PROPERTY_COMPANY_RELATION", severity: "fails", article: BEIJING_39 });
  }
  if (on.has("judgment_defaulter")) {
    if (c.judgmentDefaulter === null || c.judgmentDefaulter === undefined) out.push({ code: "JUDGMENT_DEFAULTER_UNKNOWN", severity: "unknown", article: BEIJING_39 });
    else if (c.judgmentDefaulter) out.push({ code: "JUDGMENT_DEFAULTER", severity: "fails", article: BEIJING_39 });
  }
  if (on.has("illegal_building")) {
    if (c.illegalBuilding === null || c.illegalBuilding === undefined) out.push({ code: "ILLEGAL_BUILDING_UNKNOWN", severity: "unknown", article: SHANGHAI_20 });
    else if (c.illegalBuilding) out.push({ code: "ILLEGAL_BUILDING", severity: "check", article: SHANGHAI_20 });
  }
  return out;
}

// ————————————————————————————————————————————————————————— joint vetting (联审)

/**
 * The Party reviewers that vet candidates jointly (rules.md §2, design.md): the community Party
 * organisation, the street Party (working) committee and the property-industry Party committee — the
 * kinds of party_orgs (a district branch of the industry committee reviews as "industry").
 */
export type ReviewerKind = "community" | "street_working" | "industry";
export const REVIEWER_KINDS = ["community", "street_working", "industry"] as const satisfies readonly ReviewerKind[];

export type VettingEvent =
  | { kind: "submit" }
  | { kind: "decide"; reviewer: ReviewerKind; decision: "approve" | "reject"; reason: string }
  | { kind: "appeal"; statement: string }
  | { kind: "answer"; reviewer: ReviewerKind; outcome: "upheld" | "overturned"; reason: string };

/**
 * nominated → under_review → cleared | rejected → appealed → cleared_on_appeal | rejection_upheld.
 * Final: cleared, cleared_on_appeal, rejection_upheld. "rejected" is not final: the candidate may appeal.
 */
export type VettingPhase =
  | "nominated"
  | "under_review"
  | "cleared"
  | "rejected"
  | "appealed"
  | "cleared_on_appeal"
  | "rejection_upheld";

export const FINAL_PHASES: readonly VettingPhase[] = ["cleared", "cleared_on_appeal", "rejection_upheld"];

export type VettingState = {
  phase: VettingPhase;
  /** The reviewers whose approval is required, without repeats, in the order given. */
  required: readonly ReviewerKind[];
  decisions: readonly { reviewer: ReviewerKind; decision: "approve" | "reject"; reason: string }[];
  appeal: { statement: string } | null;
  answers: readonly { reviewer: ReviewerKind; outcome: "upheld" | "overturned"; reason: string }[];
};

export type VettingRefusal =
  | "NO_REQUIRED_REVIEWERS"
  | "ALREADY_SUBMITTED"
  | "NOT_SUBMITTED"
  | "NOT_REQUIRED_REVIEWER"
  | "DECIDED_TWICE"
  | "REASON_REQUIRED"
  | "REVIEW_NOT_FINISHED"
  | "APPEAL_NOT_REJECTED"
  | "APPEAL_TWICE"
  | "STATEMENT_REQUIRED"
  | "ANSWER_WITHOUT_APPEAL"
  | "ANSWER_BY_OTHER_REVIEWER"
  | "ANSWERED_TWICE"
  | "AFTER_FINAL";

export type VettingStep = { ok: true; state: VettingState } | { ok: false; reason: VettingRefusal };

/** The state of a nomination before it is submitted for review. */
export function startVetting(required: readonly ReviewerKind[]): VettingState {
  return { phase: "nominated", required: [...new Set(required)], decisions: [], appeal: null, answers: [] };
}

const blank = (s: string) => s.trim() === "";

/** The reviewers whose rejection stands to be answered on appeal. */
function rejecters(s: VettingState): ReviewerKind[] {
  return s.decisions.filter((d) => d.decision === "reject").map((d) => d.reviewer);
}

/**
 * One step of joint vetting. Every required reviewer decides once, approve or reject, always with a
 * written reason; the review ends when all have decided: all approved → cleared, any rejection →
 * rejected (reviewers decide independently, so a candidate hears every reason before the one appeal).
 * The candidate may appeal once, with a statement, once the review has ended in a rejection; every
 * reviewer who rejected must answer, with a reason, and the answer is final. An overturned answer turns
 * that rejection into an approval: the candidate is cleared on appeal when every rejection is overturned
 * (all other reviewers approved already); a single upheld rejection keeps the candidate off the list.
 * Checks run in this order: the phase (final, not submitted, not rejected, …), who acts, repeats, then the
 * text — so a refusal names the first thing wrong.
 */
export function next(s: VettingState, e: VettingEvent): VettingStep {
  if (FINAL_PHASES.includes(s.phase)) return { ok: false, reason: "AFTER_FINAL" };
  switch (e.kind) {
    case "submit": {
      if (s.phase !== "nominated") return { ok: false, reason: "ALREADY_SUBMITTED" };
      if (s.required.length === 0) return { ok: false, reason: "NO_REQUIRED_REVIEWERS" };
      return { ok: true, state: { ...s, phase: "under_review" } };
    }
    case "decide": {
      if (s.phase === "nominated") return { ok: false, reason: "NOT_SUBMITTED" };
      if (!s.required.includes(e.reviewer)) return { ok: false, reason: "NOT_REQUIRED_REVIEWER" };
      // Past under_review every required reviewer has decided.
      if (s.decisions.some((d) => d.reviewer === e.reviewer)) return { ok: false, reason: "DECIDED_TWICE" };
      if (blank(e.reason)) return { ok: false, reason: "REASON_REQUIRED" };
      const decisions = [...s.decisions, { reviewer: e.reviewer, decision: e.decision, reason: e.reason }];
      const done = s.required.every((r) => decisions.some((d) => d.reviewer === r));
      const phase: VettingPhase = !done ? "under_review" : decisions.some((d) => d.decision === "reject") ? "rejected" : "cleared";
      return { ok: true, state: { ...s, phase, decisions } };
    }
    case "appeal": {
      if (s.phase === "appealed") return { ok: false, reason: "APPEAL_TWICE" };
      if (s.phase === "under_review" && rejecters(s).length > 0) return { ok: false, reason: "REVIEW_NOT_FINISHED" };
      if (s.phase !== "rejected") return { ok: false, reason: "APPEAL_NOT_REJECTED" };
      if (blank(e.statement)) return { ok: false, reason: "STATEMENT_REQUIRED" };
      return { ok: true, state: { ...s, phase: "appealed", appeal: { statement: e.statement } } };
    }
    case "answer": {
      if (s.phase !== "appealed") return { ok: false, reason: "ANSWER_WITHOUT_APPEAL" };
      const owed = rejecters(s);
      if (!owed.includes(e.reviewer)) return { ok: false, reason: "ANSWER_BY_OTHER_REVIEWER" };
      if (s.answers.some((a) => a.reviewer === e.reviewer)) return { ok: false, reason: "ANSWERED_TWICE" };
      if (blank(e.reason)) return { ok: false, reason: "REASON_REQUIRED" };
      const answers = [...s.answers, { reviewer: e.reviewer, outcome: e.outcome, reason: e.reason }];
      const done = owed.every((r) => answers.some((a) => a.reviewer === r));
      const phase: VettingPhase = !done
        ? "appealed"
        : answers.every((a) => a.outcome === "overturned")
          ? "cleared_on_appeal"
          : "rejection_upheld";
      return { ok: true, state: { ...s, phase, answers } };
    }
  }
}

/**
 * Who must act now: under review, the required reviewers yet to decide; on appeal, the rejecting
 * reviewers yet to answer; otherwise nobody (a nomination not yet submitted, or a rejection the candidate
 * has not appealed, waits on the group or the candidate, not on a reviewer).
 */
export function pendingReviewers(s: VettingState): ReviewerKind[] {
  if (s.phase === "under_review") return s.required.filter((r) => !s.decisions.some((d) => d.reviewer === r));
  if (s.phase === "appealed") return rejecters(s).filter((r) => !s.answers.some((a) => a.reviewer === r));
  return [];
}

/** Whether the candidate may go on the published list. */
export function isCleared(s: VettingState): boolean {
  return s.phase === "cleared" || s.phase === "cleared_on_appeal";
}

export type VettingResult =
  | { ok: true; state: VettingState; pending: ReviewerKind[] }
  | { ok: false; index: number; reason: VettingRefusal; state: VettingState };

/**
 * The vetting state after the recorded events, in order. A refused event in a stored history is a
 * corrupt record: the result names its 0-based index and the state before it.
 */
export function vettingState(required: readonly ReviewerKind[], events: readonly VettingEvent[]): VettingResult {
  let s = startVetting(required);
  for (let i = 0; i < events.length; i++) {
    const step = next(s, events[i]);
    if (!step.ok) return { ok: false, index: i, reason: step.reason, state: s };
    s = step.state;
  }
  return { ok: true, state: s, pending: pendingReviewers(s) };
}

// ————————————————————————————————————————————————————————— share figures (reporting only)

/** An exact fraction; denominator 0 when there is nothing to count. */
export type Share = { numerator: number; denominator: number };

export type ShareFigures = {
  total: number;
  partyMembers: Share;
  /** One entry per occupation, in code-point order of the occupation. */
  byOccupation: { occupation: string; share: Share }[];
};

/**
 * The shares of a candidate list (or of the elected) that local policy sets targets for, e.g. Party
 * members "一般不低于50%" (rules.md §2): exact figures for reporting, never a gate.
 */
export function shares(candidates: readonly { partyMember: boolean; occupation: string }[]): ShareFigures {
  const total = candidates.length;
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.occupation, (counts.get(c.occupation) ?? 0) + 1);
  const byOccupation = [...counts.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((occupation) => ({ occupation, share: { numerator: counts.get(occupation)!, denominator: total } }));
  return { total, partyMembers: { numerator: candidates.filter((c) => c.partyMember).length, denominator: total }, byOccupation };
}

/**
 * Whether a share reaches a target of whole percent ("不低于" includes the target itself, 民法典 Art. 1259):
 * `100·n ≥ target·d`, cross-multiplied in integers. An empty list (d = 0) meets no target: there is no figure.
 */
export function meetsTarget(share: Share, targetPercent: number): boolean {
  if (!Number.isInteger(targetPercent) || targetPercent < 0 || targetPercent > 100) {
    throw new RangeError(`a target is a whole percent from 0 to 100, not ${targetPercent}`);
  }
  if (share.denominator <= 0) return false;
  return 100n * BigInt(share.numerator) >= BigInt(targetPercent) * BigInt(share.denominator);
}

// ————————————————————————————————————————————————————————— who may nominate how

/** How a candidate came to be nominated (Beijing Art. 40), as stored in candidates.nominated_by. */
export type NominationKindCode = "community_party" | "residents_committee" | "owners_joint" | "self";

/**
 * The nomination kinds a viewer may use (Beijing Art. 40; rules.md §2), in this order: the organisers (the
 * preparatory group, the street office, the community worker) record the community Party organisation's and
 * the residents' committee's recommendations and may start a joint nomination for owners; an owner of the
 * compound may nominate themself or start a joint nomination. Anyone else may use none.
 */
export function nominationKindsFor(viewer: { organiser: boolean; owner: boolean }): NominationKindCode[] {
  const out: NominationKindCode[] = [];
  if (viewer.organiser) out.push("community_party", "residents_committee");
  if (viewer.organiser || viewer.owner) out.push("owners_joint");
  if (viewer.owner) out.push("self");
  return out;
}
