import { describe, expect, it } from "vitest";
import {
  combinedOutcome,
  formedWith,
  runOffPlan,
  type ElectionPeople,
  addMonths,
  byElectionDue,
  chairElected,
  changeFilingDeadline,
  committeeMajority,
  committeeStatus,
  deadlinesAfterElection,
  inOffice,
  meetingQuorum,
  nextAlternate,
  overdue,
  reElectionFrom,
  termLastDay,
  type CommitteeFacts,
} from "~/committees/rules";
import { EMPTY_CALENDAR, holidayCalendar } from "~/platform/days";
import { rulePackOf } from "~/registry/rule-pack";
import { HOLIDAYS } from "~seeds/holidays";

const CAL = holidayCalendar(HOLIDAYS);
const at = (s: string) => new Date(s);

describe("calendar months", () => {
  it.each([
    ["2026-03-02", 1, "2026-04-02"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-01-15", -1, "2025-12-15"],
    ["2026-05-31", -3, "2026-02-28"],
    ["2026-03-02", 60, "2031-03-02"],
    ["2026-03-02", 0, "2026-03-02"],
  ] as const)("%s %+d months → %s", (day, n, want) => expect(addMonths(day, n)).toBe(want));
  it("refuses fractions and non-days", () => {
    expect(() => addMonths("2026-03-02", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2026/03/02", 1)).toThrow(RangeError);
  });
});

describe("the term (指导规则 Art. 32: at most 5 years)", () => {
  it("ends on the corresponding day five years on, or the month's last day (民法典 Art. 202)", () => {
    expect(termLastDay("2026-03-02")).toBe("2031-03-02");
    expect(termLastDay("2026-01-01", 3)).toBe("2029-01-01");
    expect(termLastDay("2028-02-29")).toBe("2033-02-28");
    expect(termLastDay("2026-02-28")).toBe("2031-02-28");
    // A rest day does not move a term: 2031-03-02 is a Sunday.
    expect(termLastDay("2026-03-02")).toBe("2031-03-02");
  });
  it("refuses a term longer than 5 years, shorter than 1 or fractional", () => {
    expect(() => termLastDay("2026-03-02", 6)).toThrow(RangeError);
    expect(() => termLastDay("2026-03-02", 0)).toThrow(RangeError);
    expect(() => termLastDay("2026-03-02", 2.5)).toThrow(RangeError);
  });
  it("re-election starts 3 months before the term ends (6 where the rule pack says so)", () => {
    expect(reElectionFrom("2031-03-02", 3)).toBe("2030-12-02");
    expect(reElectionFrom("2031-03-02", 6)).toBe("2030-09-02");
    expect(reElectionFrom("2029-05-31", 3)).toBe("2029-02-28");
    expect(rulePackOf({}).reElectionLeadMonths).toBe(3);
    expect(rulePackOf({ reElectionLeadMonths: 6 }).reElectionLeadMonths).toBe(6);
    expect(rulePackOf({ reElectionLeadMonths: 12 }).reElectionLeadMonths).toBe(3);
  });
  it("a member is in office from the start through the last day, or until the membership ended", () => {
    const m = { from: "2026-03-02", lastDay: "2031-03-02" };
    expect(inOffice(m, "2026-03-01")).toBe(false);
    expect(inOffice(m, "2026-03-02")).toBe(true);
    expect(inOffice(m, "2031-03-02")).toBe(true);
    expect(inOffice(m, "2031-03-03")).toBe(false);
    expect(inOffice({ ...m, endedOn: "2027-06-30" }, "2027-06-30")).toBe(true);
    expect(inOffice({ ...m, endedOn: "2027-06-30" }, "2027-07-01")).toBe(false);
    expect(inOffice({ ...m, endedOn: "2032-01-01" }, "2031-03-03")).toBe(false);
  });
});

describe("deadlines after the election (legal day counting, rules.md vectors)", () => {
  it("filing within 30 days of an election on 2025-06-10 ends 2025-07-10 24:00", () => {
    const d = deadlinesAfterElection(at("2025-06-10T20:00:00+08:00"), CAL);
    expect(d.filing.lastDay).toBe("2025-07-10");
    expect(d.filing.endsAt).toEqual(at("2025-07-11T00:00:00+08:00"));
  });
  it("within 30 days of 2025-05-01: the last day 05-31 is 端午 → 2025-06-03", () => {
    expect(deadlinesAfterElection(at("2025-05-01T10:00:00+08:00"), CAL).filing.lastDay).toBe("2025-06-03");
  });
  it("within 30 days of 2025-09-01: the last day 10-01 is 国庆 → 2025-10-09", () => {
    expect(changeFilingDeadline(at("2025-09-01T10:00:00+08:00"), CAL).lastDay).toBe("2025-10-09");
  });
  it("first meeting within 7 days and the member list within 3 days", () => {
    const d = deadlinesAfterElection(at("2026-03-02T18:00:00+08:00"), EMPTY_CALENDAR);
    expect(d.firstMeeting.lastDay).toBe("2026-03-09");
    expect(d.memberList.lastDay).toBe("2026-03-05");
    // 2026-03-07 is a Saturday: 3 days after 03-04 ends on Monday 03-09.
    expect(deadlinesAfterElection(at("2026-03-04T18:00:00+08:00"), EMPTY_CALENDAR).memberList.lastDay).toBe("2026-03-09");
  });
  it("overdue: not done by 24:00 of the last day, or done after it", () => {
    const d = deadlinesAfterElection(at("2025-06-10T20:00:00+08:00"), CAL).filing;
    expect(overdue(d, null, at("2025-07-10T23:59:59+08:00"))).toBe(false);
    expect(overdue(d, null, at("2025-07-11T00:00:01+08:00"))).toBe(true);
    expect(overdue(d, at("2025-07-10T23:00:00+08:00"), at("2025-08-01T00:00:00+08:00"))).toBe(false);
    expect(overdue(d, at("2025-07-11T09:00:00+08:00"), at("2025-08-01T00:00:00+08:00"))).toBe(true);
  });
});

describe("majorities (指导规则 Art. 38; local 过半数)", () => {
  it.each([
    [5, 3, 3], [7, 4, 4], [9, 5, 5], [11, 6, 6], [3, 2, 2],
    [4, 2, 3], [6, 3, 4], [10, 5, 6], [1, 1, 1], [2, 1, 2],
  ] as const)("%i in office: 半数以上 %i, 过半数 %i", (n, half, more) => {
    expect(committeeMajority(n, "half_or_more")).toBe(half);
    expect(committeeMajority(n, "more_than_half")).toBe(more);
  });
  it("the chair needs the majority of all members in office", () => {
    expect(chairElected(3, 5, "half_or_more")).toBe(true);
    expect(chairElected(2, 5, "half_or_more")).toBe(false);
    // Six in office after a vacancy: three is half — enough nationally, not under 过半数.
    expect(chairElected(3, 6, "half_or_more")).toBe(true);
    expect(chairElected(3, 6, "more_than_half")).toBe(false);
    expect(rulePackOf({}).committeeMajority).toBe("half_or_more");
    expect(rulePackOf({ committeeMajority: "more_than_half" }).committeeMajority).toBe("more_than_half");
  });
  it("a meeting needs more than half present", () => {
    expect(meetingQuorum(3, 5)).toBe(true);
    expect(meetingQuorum(2, 5)).toBe(false);
    expect(meetingQuorum(3, 6)).toBe(false);
    expect(meetingQuorum(4, 6)).toBe(true);
  });
  it("bad counts throw", () => {
    expect(() => committeeMajority(0, "half_or_more")).toThrow(RangeError);
    expect(() => committeeMajority(2.5, "half_or_more")).toThrow(RangeError);
  });
});

describe("vacancies", () => {
  const ranking = ["c6", "c7", "c8"];
  it("alternates fill vacancies in ranking order, skipping those seated or no longer eligible", () => {
    expect(nextAlternate(ranking, new Set(), () => true)).toBe("c6");
    expect(nextAlternate(ranking, new Set(["c6"]), () => true)).toBe("c7");
    expect(nextAlternate(ranking, new Set(["c6"]), (id) => id !== "c7")).toBe("c8");
    expect(nextAlternate(ranking, new Set(["c6", "c7", "c8"]), () => true)).toBeNull();
    expect(nextAlternate([], new Set(), () => true)).toBeNull();
  });
  it("a by-election is due below the minimum seats or at half the seats or fewer", () => {
    expect(byElectionDue(5, 7, 5)).toBe(false);
    expect(byElectionDue(4, 7, 5)).toBe(true); // below the minimum
    expect(byElectionDue(4, 7, 4)).toBe(false);
    expect(byElectionDue(3, 7, 3)).toBe(true); // 3 of 7 is not more than half
    expect(byElectionDue(3, 5, 3)).toBe(false);
    expect(byElectionDue(2, 5, 1)).toBe(true);
  });
});

describe("the street office's committee status", () => {
  const pack = { reElectionLeadMonths: 3 as const };
  const committee = (over: Partial<NonNullable<CommitteeFacts["committee"]>> = {}): CommitteeFacts => ({
    preparing: false,
    committee: { electedAt: at("2026-03-02T18:00:00+08:00"), termLastDay: "2031-03-02", filedAt: at("2026-03-20T10:00:00+08:00"), membersInOffice: 5, seats: 5, minSeats: 3, ...over },
  });
  const status = (f: CommitteeFacts, day: string) => committeeStatus(f, day, at(`${day}T12:00:00+08:00`), EMPTY_CALENDAR, pack);

  it("none, or preparing while a group is active", () => {
    expect(status({ preparing: false, committee: null }, "2026-03-02")).toBe("none");
    expect(status({ preparing: true, committee: null }, "2026-03-02")).toBe("preparing");
  });
  it("active, term ending from 3 months before the last day, expired the day after", () => {
    expect(status(committee(), "2030-12-01")).toBe("active");
    expect(status(committee(), "2030-12-02")).toBe("term_ending");
    expect(status(committee(), "2031-03-02")).toBe("term_ending");
    expect(status(committee(), "2031-03-03")).toBe("expired");
    expect(status({ ...committee(), preparing: true }, "2031-03-03")).toBe("preparing");
    expect(status({ ...committee(), preparing: true }, "2030-12-02")).toBe("term_ending");
  });
  it("filing overdue after 30 days without a filing; a late filing clears it", () => {
    const unfiled = committee({ filedAt: null });
    expect(status(unfiled, "2026-04-01")).toBe("active"); // 30 days from 03-02 end 04-01 24:00
    expect(status(unfiled, "2026-04-02")).toBe("filing_overdue");
    expect(status(committee({ filedAt: at("2026-05-01T10:00:00+08:00") }), "2026-05-02")).toBe("active");
  });
  it("below minimum outranks filing and term", () => {
    expect(status(committee({ membersInOffice: 2, filedAt: null }), "2026-06-01")).toBe("below_minimum");
    expect(status(committee({ membersInOffice: 2 }), "2030-12-15")).toBe("below_minimum");
  });
});

describe("run-off: combinedOutcome and runOffPlan (decision-record.md, a tie or too few elected)", () => {
  const F = { seats: 5, minSeats: 3, alternates: 2 };
  const first = (p: Partial<ElectionPeople>): ElectionPeople => ({ elected: [], alternates: [], tie: [], candidates: ["a", "b", "c", "d", "e", "f", "g"], ...p });

  it("formed is at least the minimum and more than half the seats", () => {
    expect(formedWith(3, F)).toBe(true);
    expect(formedWith(2, F)).toBe(false);
    expect(formedWith(3, { seats: 7, minSeats: 3 })).toBe(false); // 6 > 7 fails
    expect(formedWith(4, { seats: 7, minSeats: 3 })).toBe(true);
    expect(formedWith(5, { seats: 9, minSeats: 5 })).toBe(true);
    expect(formedWith(4, { seats: 9, minSeats: 3 })).toBe(false);
  });

  it("too few elected: the run-off is among all not elected, for the open seats, its minimum what is lacking", () => {
    const o = combinedOutcome(first({ elected: ["a", "b"] }), [], F);
    expect(o).toEqual({ elected: ["a", "b"], alternates: [], tie: [], formed: false });
    expect(runOffPlan(o, first({ elected: ["a", "b"] }), F)).toEqual({ seats: 3, minSeats: 1, alternates: 2, candidates: ["c", "d", "e", "f", "g"] });
    // Nobody elected (no quorum): all five seats, at least three.
    const none = combinedOutcome(first({}), [], F);
    expect(runOffPlan(none, first({}), F)).toEqual({ seats: 5, minSeats: 3, alternates: 2, candidates: ["a", "b", "c", "d", "e", "f", "g"] });
    // Seven seats, minimum 3, two elected: more than half means 4, so two are lacking.
    expect(runOffPlan(combinedOutcome(first({ elected: ["a", "b"] }), [], { seats: 7, minSeats: 3, alternates: 7 }), first({ elected: ["a", "b"] }), { seats: 7, minSeats: 3, alternates: 7 })).toEqual({ seats: 5, minSeats: 2, alternates: 5, candidates: ["c", "d", "e", "f", "g"] });
  });

  it("a tie at the last seat: the run-off is among the tied only", () => {
    const r = first({ elected: ["a", "b"], tie: ["c", "d", "e", "f"] });
    const o = combinedOutcome(r, [], F);
    expect(o.formed).toBe(false);
    expect(runOffPlan(o, r, F)).toEqual({ seats: 3, minSeats: 1, alternates: 2, candidates: ["c", "d", "e", "f"] });
  });

  it("the run-off's elected complete the committee; its alternates rank first; the tie is settled", () => {
    const r1 = first({ elected: ["a", "b"], tie: ["c", "d", "e", "f"] });
    const r2: ElectionPeople = { elected: ["d", "c", "f"], alternates: ["e"], tie: [], candidates: ["c", "d", "e", "f"] };
    expect(combinedOutcome(r1, [r2], F)).toEqual({ elected: ["a", "b", "d", "c", "f"], alternates: ["e"], tie: [], formed: true });
    // Earlier alternates follow the run-off's, cut at the maximum, never someone elected.
    const r1b = first({ elected: ["a", "b"], alternates: ["g", "c"] });
    const r2b: ElectionPeople = { elected: ["c"], alternates: ["d", "e"], tie: [], candidates: ["c", "d", "e", "f", "g"] };
    expect(combinedOutcome(r1b, [r2b], F)).toEqual({ elected: ["a", "b", "c"], alternates: ["d", "e"], tie: [], formed: true });
    expect(combinedOutcome(r1b, [r2b], { ...F, alternates: 5 }).alternates).toEqual(["d", "e", "g"]);
  });

  it("a run-off that fails again leads to another, among those still not elected", () => {
    const r1 = first({ elected: ["a"] });
    const r2: ElectionPeople = { elected: ["b"], alternates: [], tie: [], candidates: ["b", "c", "d", "e", "f", "g"] };
    const o = combinedOutcome(r1, [r2], F);
    expect(o).toMatchObject({ elected: ["a", "b"], formed: false });
    expect(runOffPlan(o, r2, F)).toEqual({ seats: 3, minSeats: 1, alternates: 2, candidates: ["c", "d", "e", "f", "g"] });
  });

  it("no run-off once formed, or with no one left", () => {
    const formed = combinedOutcome(first({ elected: ["a", "b", "c"] }), [], F);
    expect(runOffPlan(formed, first({ elected: ["a", "b", "c"] }), F)).toBeNull();
    const r = first({ elected: ["a", "b"], candidates: ["a", "b"] });
    expect(runOffPlan(combinedOutcome(r, [], F), r, F)).toBeNull();
  });
});
