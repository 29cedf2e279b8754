/**
 * The owners' committee's term and the duties with legal deadlines (rules.md §2; 业主大会和业主委员会指导规则
 * Arts. 32–34, 38): pure, no I/O, no clock. Days are Shanghai calendar days "YYYY-MM-DD"; periods "within N
 * days" use the one legal day count of app/platform/days.ts (the event day not counted; a last day on a rest day
 * moves on). Terms and the re-election lead are calendar years and months, not legal day periods.
 */
import type { RulePack } from "~/registry/rule-pack";
import { periodEnd, type Day, type HolidayCalendar, type Period } from "~/platform/days";

// ————————————————————————————————————————————————————————— calendar arithmetic on days

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: Day): [number, number, number] {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The same day `months` later (or earlier, if negative); a day missing in the target month becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(day: Day, months: number): Day {
  if (!Number.isInteger(months)) throw new RangeError("months must be a whole number");
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return `${pad(ty, 4)}-${pad(tm)}-${pad(Math.min(d, daysInMonth(ty, tm)))}`;
}

// ————————————————————————————————————————————————————————— the term

/** A committee's term is at most 5 years (指导规则 Art. 32); re-election is allowed. */
export const TERM_MAX_YEARS = 5;

/**
 * The last day of a term of `years` years from the election day (`startDay`): the corresponding day of the
 * final month, or its last day where there is none (民法典 Art. 202: 2026-03-02 + 5 years → 2031-03-02;
 * 2028-02-29 → 2033-02-28). A term is not an act's time limit, so a rest day does not move it.
 */
export function termLastDay(startDay: Day, years: number = TERM_MAX_YEARS): Day {
  if (!Number.isInteger(years) || years < 1 || years > TERM_MAX_YEARS) throw new RangeError(`a term is 1–${TERM_MAX_YEARS} whole years`);
  return addMonths(startDay, years * 12);
}

/** The day the street office is prompted to form a re-election group: `leadMonths` before the term's last day (rule pack; 3 nationally). */
export function reElectionFrom(lastDay: Day, leadMonths: RulePack["reElectionLeadMonths"]): Day {
  return addMonths(lastDay, -leadMonths);
}

/** Whether a member's term (or membership) is in force on `day`: from the start day through `lastDay`, unless ended earlier. */
export function inOffice(m: { from: Day; lastDay: Day; endedOn?: Day | null }, day: Day): boolean {
  const last = m.endedOn && m.endedOn < m.lastDay ? m.endedOn : m.lastDay;
  return m.from <= day && day <= last;
}

// ————————————————————————————————————————————————————————— deadlines after the election (legal day counting)

/** The first meeting electing the chair and vice-chair: within 7 days of the election (指导规则 Art. 32). */
export const FIRST_MEETING_DAYS = 7;
/** The member list is published within 3 days (rules.md §2, Beijing Art. 37). */
export const MEMBER_LIST_DAYS = 3;
/** Filing (备案) with the street office within 30 days of the election, and of any change (指导规则 Arts. 33–34). */
export const FILING_DAYS = 30;

export type CommitteeDeadlines = { firstMeeting: Period; memberList: Period; filing: Period };

export function deadlinesAfterElection(electedAt: Date, cal: HolidayCalendar): CommitteeDeadlines {
  return {
    firstMeeting: periodEnd(electedAt, FIRST_MEETING_DAYS, cal),
    memberList: periodEnd(electedAt, MEMBER_LIST_DAYS, cal),
    filing: periodEnd(electedAt, FILING_DAYS, cal),
  };
}

/** A change (chair, members) is filed within 30 days of it too. */
export function changeFilingDeadline(changedAt: Date, cal: HolidayCalendar): Period {
  return periodEnd(changedAt, FILING_DAYS, cal);
}

/** Overdue at `at` when not done by the period's end (24:00 of its last day). */
export function overdue(deadline: Period, doneAt: Date | null, at: Date): boolean {
  if (doneAt) return doneAt.getTime() > deadline.endsAt.getTime();
  return at.getTime() > deadline.endsAt.getTime();
}

// ————————————————————————————————————————————————————————— majorities

/**
 * Votes a committee decision (and the chair's election) needs among the N members in office, no proxies:
 * "全体委员半数以上" — at least half, ⌈N/2⌉ (指导规则 Art. 38; "以上" includes half, 民法典 Art. 1259) — or the
 * local "过半数", ⌊N/2⌋+1 (Beijing Art. 45, Hangzhou Art. 29). For odd N both are the same.
 */
export function committeeMajority(membersInOffice: number, mode: RulePack["committeeMajority"]): number {
  if (!Number.isInteger(membersInOffice) || membersInOffice < 1) throw new RangeError("members in office must be a whole number ≥ 1");
  return mode === "half_or_more" ? Math.ceil(membersInOffice / 2) : Math.floor(membersInOffice / 2) + 1;
}

/** A committee meeting has a quorum with more than half of the members in office present (指导规则 Art. 38). */
export function meetingQuorum(present: number, membersInOffice: number): boolean {
  return 2 * present > membersInOffice;
}

/** The chair (or vice-chair) is elected when the votes reach the committee majority — of all members in office, not of those present. */
export function chairElected(votes: number, membersInOffice: number, mode: RulePack["committeeMajority"]): boolean {
  return votes >= committeeMajority(membersInOffice, mode);
}

// ————————————————————————————————————————————————————————— vacancies

/**
 * The alternate who fills the next vacancy: the first in ranking order (the election result's `alternates`)
 * who has not already filled one and is still eligible (an owner here). Alternates serve the rest of the term.
 */
export function nextAlternate(ranking: readonly string[], alreadySeated: ReadonlySet<string>, eligible: (id: string) => boolean): string | null {
  for (const id of ranking) if (!alreadySeated.has(id) && eligible(id)) return id;
  return null;
}

/** A by-election is due when the members in office fall below the minimum seats or to half the seats or fewer. */
export function byElectionDue(membersInOffice: number, seats: number, minSeats: number): boolean {
  return membersInOffice < minSeats || 2 * membersInOffice <= seats;
}

// ————————————————————————————————————————————————————————— the street office's view

export type CommitteeStatus = "none" | "preparing" | "active" | "term_ending" | "expired" | "filing_overdue" | "below_minimum";

export type CommitteeFacts = {
  /** A preparatory group is active (forming a first committee or a re-election). */
  preparing: boolean;
  committee: null | {
    electedAt: Date;
    termLastDay: Day;
    filedAt: Date | null;
    membersInOffice: number;
    seats: number;
    minSeats: number;
  };
};

/**
 * One status per compound, the most urgent first: expired (the term is over) → below minimum (a by-election is
 * due) → filing overdue → term ending (inside the re-election lead) → active. Without a committee: preparing
 * when a group is active, else none. A re-election group during a term does not hide the committee's status.
 */
export function committeeStatus(f: CommitteeFacts, today: Day, at: Date, cal: HolidayCalendar, pack: Pick<RulePack, "reElectionLeadMonths">): CommitteeStatus {
  const c = f.committee;
  if (!c || today > c.termLastDay) {
    if (f.preparing) return "preparing";
    return c ? "expired" : "none";
  }
  if (byElectionDue(c.membersInOffice, c.seats, c.minSeats)) return "below_minimum";
  if (c.filedAt === null && overdue(deadlinesAfterElection(c.electedAt, cal).filing, null, at)) return "filing_overdue";
  if (today >= reElectionFrom(c.termLastDay, pack.reElectionLeadMonths)) return "term_ending";
  return "active";
}

// ————————————————————————————————————————————————————————— run-off (decision-record.md: a tie or too few elected)

/** An election result as the committee reads it: people (owner ids, not the motion's keys) in ranking order. */
export type ElectionPeople = { elected: readonly string[]; alternates: readonly string[]; tie: readonly string[]; candidates: readonly string[] };

/** The seats, minimum and most alternates of the election the committee was called for (the first motion's). */
export type ElectionFigures = { seats: number; minSeats: number; alternates: number };

export type Outcome = { elected: string[]; alternates: string[]; tie: string[]; formed: boolean };

/**
 * Formed, as decision-record.md defines it for one motion: `len(elected) ≥ minSeats` and `2·len(elected) > seats`
 * (more than half the seats; 指导规则 Art. 31 with the minimum the election set).
 */
export function formedWith(elected: number, f: Pick<ElectionFigures, "seats" | "minSeats">): boolean {
  return elected >= f.minSeats && 2 * elected > f.seats;
}

/**
 * The outcome of an election and the run-offs that followed it (decision-record.md: "a run-off or public draw
 * decides, as a new decision"). The run-off's elected join those elected before, in order; its alternates rank
 * before the earlier alternates (they were tied with, or ranked above, them); the earlier tie is settled by the
 * run-off. Alternates are cut at the election's maximum, and no one is both elected and alternate.
 */
export function combinedOutcome(first: ElectionPeople, runoffs: readonly ElectionPeople[], f: ElectionFigures): Outcome {
  let elected = [...first.elected];
  let alternates = [...first.alternates];
  let tie = [...first.tie];
  for (const r of runoffs) {
    elected = [...elected, ...r.elected.filter((p) => !elected.includes(p))].slice(0, f.seats);
    alternates = [...r.alternates, ...alternates];
    tie = [...r.tie];
  }
  const taken = new Set([...elected, ...tie]);
  const seen = new Set<string>();
  alternates = alternates.filter((p) => !taken.has(p) && !seen.has(p) && (seen.add(p), true)).slice(0, f.alternates);
  return { elected, alternates, tie, formed: formedWith(elected.length, f) };
}

export type RunOffPlan = { seats: number; minSeats: number; alternates: number; candidates: string[] };

/**
 * What a run-off decides when the committee was not formed: the seats still open (seats − elected), among the
 * tied candidates if the last seat was tied, otherwise among every candidate of the last vote not elected. Its
 * minimum is what the committee still lacks (the election's minimum and more than half the seats, less those
 * already elected, at least 1); its alternates at most its seats. Null when the committee was formed or no one
 * is left to choose from.
 */
export function runOffPlan(outcome: Outcome, last: ElectionPeople, f: ElectionFigures): RunOffPlan | null {
  if (outcome.formed) return null;
  const seats = f.seats - outcome.elected.length;
  if (seats < 1) return null;
  const elected = new Set(outcome.elected);
  const candidates = outcome.tie.length ? [...outcome.tie] : last.candidates.filter((p) => !elected.has(p));
  if (candidates.length === 0) return null;
  const lacking = Math.max(f.minSeats, Math.floor(f.seats / 2) + 1) - outcome.elected.length;
  return { seats, minSeats: Math.min(seats, Math.max(1, lacking)), alternates: Math.min(seats, f.alternates), candidates };
}
