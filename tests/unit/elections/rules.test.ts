import { describe, expect, it } from "vitest";
import {
  checkPrepGroup,
  checkSeats,
  eligibilityFindings,
  isCleared,
  meetsTarget,
  next,
  nominationOpen,
  pendingReviewers,
  publicationOk,
  seatBounds,
  seatMajority,
  shares,
  startVetting,
  vettingState,
  type CandidateFacts,
  type PrepMember,
  type PrepRole,
  type ReviewerKind,
  type VettingEvent,
  type VettingState,
} from "~/elections/rules";
import { EMPTY_CALENDAR, holidayCalendar } from "~/platform/days";
import { rulePackOf, type NegativeCheck } from "~/registry/rule-pack";
import { HOLIDAYS } from "~seeds/holidays";

const CAL = holidayCalendar(HOLIDAYS);
const at = (s: string) => new Date(s);
const NATIONAL = rulePackOf({});
const LOCAL_SMALL = rulePackOf({ smallCommitteeMinSeats: 3 });

// ————————————————————————————————————————————————————————— preparatory group

describe("checkPrepGroup (指导规则 Art. 10) @elections", () => {
  const group = (spec: string): PrepMember[] =>
    // o = owner, d = developer, s = street office, r = residents' committee; upper case = leader
    [...spec].map((ch) => {
      const role: PrepRole = ({ o: "owner", d: "developer", s: "street_office", r: "residents_committee" } as const)[
        ch.toLowerCase() as "o" | "d" | "s" | "r"
      ];
      return ch === ch.toUpperCase() ? { role, leader: true } : { role };
    });
  const codes = (spec: string) => checkPrepGroup(group(spec)).map((p) => p.code);
  const blocking = (spec: string) => checkPrepGroup(group(spec)).filter((p) => p.blocking).map((p) => p.code);

  it.each<[string, string, string[]]>([
    ["the usual seven: 4 owners, developer, street-office leader, RC", "ooooSdr", []],
    ["owners 5 of 7, no developer (shown, not blocking)", "oooooSr", ["NO_DEVELOPER"]],
    ["five: 3 owners, street-office leader, RC", "oooSr", ["NO_DEVELOPER"]],
    ["the smallest: 2 owners and the street-office leader", "ooS", ["NO_DEVELOPER", "NO_RESIDENTS_COMMITTEE"]],
    ["even size, owners exactly half: only EVEN_SIZE", "oooSdr", ["EVEN_SIZE"]],
    ["even size, owners one short of half", "ooSdrr", ["EVEN_SIZE", "OWNERS_BELOW_HALF"]],
    ["owners 3 of 7: below half", "oooSdrr", ["OWNERS_BELOW_HALF"]],
    ["no leader", "oooosdr", ["NO_LEADER"]],
    ["an owner leads", "Oooosdr", ["LEADER_NOT_STREET_OFFICE"]],
    ["the developer leads", "oooosDr", ["LEADER_NOT_STREET_OFFICE"]],
    ["the residents' committee rep leads", "oooosdR", ["LEADER_NOT_STREET_OFFICE"]],
    ["two leaders, both street office", "ooooSSr", ["SEVERAL_LEADERS", "NO_DEVELOPER"]],
    ["two leaders, one an owner", "OoooSdr", ["SEVERAL_LEADERS", "LEADER_NOT_STREET_OFFICE"]],
    ["one member, a street-office leader", "S", ["TOO_SMALL", "OWNERS_BELOW_HALF", "NO_DEVELOPER", "NO_RESIDENTS_COMMITTEE"]],
    ["one member, an owner", "o", ["TOO_SMALL", "NO_LEADER", "NO_DEVELOPER", "NO_RESIDENTS_COMMITTEE"]],
    ["two members", "oS", ["TOO_SMALL", "EVEN_SIZE", "NO_DEVELOPER", "NO_RESIDENTS_COMMITTEE"]],
    ["no owners at all", "Sdr", ["OWNERS_BELOW_HALF"]],
  ])("%s", (_name, spec, want) => {
    expect(codes(spec)).toEqual(want);
    expect(blocking(spec)).toEqual(want.filter((c) => c !== "NO_DEVELOPER" && c !== "NO_RESIDENTS_COMMITTEE"));
  });

  it("an empty group is only EMPTY", () => {
    expect(checkPrepGroup([])).toEqual([{ code: "EMPTY", blocking: true }]);
  });

  it("problems carry their figures; missing developer or RC never blocks", () => {
    expect(checkPrepGroup(group("oooSdrr"))).toEqual([{ code: "OWNERS_BELOW_HALF", blocking: true, owners: 3, size: 7 }]);
    expect(checkPrepGroup(group("oooooSdr"))).toEqual([{ code: "EVEN_SIZE", blocking: true, size: 8 }]);
    expect(checkPrepGroup(group("ooO"))).toEqual([
      { code: "LEADER_NOT_STREET_OFFICE", blocking: true, role: "owner" },
      { code: "NO_DEVELOPER", blocking: false },
      { code: "NO_RESIDENTS_COMMITTEE", blocking: false },
    ]);
    expect(checkPrepGroup(group("o"))[0]).toEqual({ code: "TOO_SMALL", blocking: true, size: 1, min: 3 });
  });

  it("owners ≥ half at every odd size from 3 to 15: the fewest owners is ⌈size/2⌉", () => {
    for (let size = 3; size <= 15; size += 2) {
      const fewest = (size + 1) / 2;
      const spec = (owners: number) => "o".repeat(owners) + "S" + "r".repeat(size - owners - 1);
      expect(blocking(spec(fewest))).toEqual([]);
      expect(blocking(spec(fewest - 1))).toEqual(["OWNERS_BELOW_HALF"]);
    }
  });

  it("leader: false is not a leader", () => {
    expect(checkPrepGroup([{ role: "street_office", leader: false }, { role: "owner" }, { role: "owner" }]).map((p) => p.code)).toContain("NO_LEADER");
  });
});

// ————————————————————————————————————————————————————————— seats

describe("seatBounds and checkSeats (指导规则 Art. 31; Beijing Art. 39, Hangzhou Art. 28) @elections", () => {
  it.each<[string, number, boolean, number]>([
    ["national, 50 households", 50, false, 5],
    ["national, 100 households", 100, false, 5],
    ["local 3, 100 households (≤100 includes 100)", 100, true, 3],
    ["local 3, 101 households", 101, true, 5],
    ["local 3, 1 household", 1, true, 3],
    ["local 3, 0 households (an empty roll)", 0, true, 3],
  ])("%s → min %i", (_n, households, local, min) => {
    expect(seatBounds({ households }, local ? LOCAL_SMALL : NATIONAL)).toEqual({ min, max: 11 });
  });

  it("the households threshold is a setting too", () => {
    const pack = rulePackOf({ smallCommitteeMinSeats: 3, smallCommitteeMaxHouseholds: 150 });
    expect(seatBounds({ households: 150 }, pack).min).toBe(3);
    expect(seatBounds({ households: 151 }, pack).min).toBe(5);
  });

  it.each<[number, number]>([[1, 1], [3, 2], [4, 3], [5, 3], [7, 4], [9, 5], [11, 6]])("majority of %i seats is %i", (s, m) => {
    expect(seatMajority(s)).toBe(m);
    expect(2 * m > s && 2 * (m - 1) <= s).toBe(true);
  });

  type Row = [name: string, seats: number, minSeats: number, alternates: number, households: number, local: boolean, codes: string[]];
  it.each<Row>([
    ["5 seats, min 3, 0 alternates", 5, 3, 0, 500, false, []],
    ["7 seats, min 4, 7 alternates (as many as members)", 7, 4, 7, 500, false, []],
    ["11 seats, min 11", 11, 11, 3, 500, false, []],
    ["8 seats: even", 8, 5, 0, 500, false, ["EVEN"]],
    ["13 seats: above 11", 13, 7, 0, 500, false, ["ABOVE_MAX"]],
    ["12 seats: even and above 11", 12, 7, 0, 500, false, ["EVEN", "ABOVE_MAX"]],
    ["3 seats nationally: below 5", 3, 2, 0, 80, false, ["BELOW_MIN"]],
    ["3 seats, local, 100 households", 3, 2, 3, 100, true, []],
    ["3 seats, local, 101 households", 3, 2, 0, 101, true, ["BELOW_MIN"]],
    ["1 seat, local, small compound", 1, 1, 0, 20, true, ["BELOW_MIN"]],
    ["4 seats, local, small compound: even", 4, 3, 0, 20, true, ["EVEN"]],
    ["7 seats, min 3: below the majority 4", 7, 3, 0, 500, false, ["MIN_SEATS_BELOW_MAJORITY"]],
    ["7 seats, min 8: above seats", 7, 8, 0, 500, false, ["MIN_SEATS_ABOVE_SEATS"]],
    ["5 seats, min 0", 5, 0, 0, 500, false, ["MIN_SEATS_BELOW_MAJORITY"]],
    ["5 seats, 6 alternates", 5, 3, 6, 500, false, ["ALTERNATES_ABOVE_SEATS"]],
    ["5 seats, -1 alternates", 5, 3, -1, 500, false, ["ALTERNATES_NEGATIVE"]],
    ["everything wrong", 14, 20, 15, 500, false, ["EVEN", "ABOVE_MAX", "MIN_SEATS_ABOVE_SEATS", "ALTERNATES_ABOVE_SEATS"]],
  ])("%s", (_n, seats, minSeats, alternates, households, local, codes) => {
    const got = checkSeats({ seats, minSeats, alternates }, { households }, local ? LOCAL_SMALL : NATIONAL);
    expect(got.map((p) => p.code)).toEqual(codes);
  });

  it("problems carry the bound that was missed", () => {
    expect(checkSeats({ seats: 3, minSeats: 2, alternates: 0 }, { households: 500 }, LOCAL_SMALL)).toEqual([{ code: "BELOW_MIN", seats: 3, min: 5 }]);
    expect(checkSeats({ seats: 9, minSeats: 4, alternates: 0 }, { households: 500 }, NATIONAL)).toEqual([
      { code: "MIN_SEATS_BELOW_MAJORITY", minSeats: 4, majority: 5 },
    ]);
  });

  it.each<[string, number, number, number, string[]]>([
    ["fractional seats", 5.5, 3, 0, ["seats"]],
    ["NaN minSeats", 5, Number.NaN, 0, ["minSeats"]],
    ["infinite alternates", 5, 3, Number.POSITIVE_INFINITY, ["alternates"]],
    ["all three", 0.5, 0.5, 0.5, ["seats", "minSeats", "alternates"]],
  ])("%s → NOT_WHOLE_NUMBER only", (_n, seats, minSeats, alternates, fields) => {
    expect(checkSeats({ seats, minSeats, alternates }, { households: 500 }, NATIONAL)).toEqual(
      fields.map((field) => ({ code: "NOT_WHOLE_NUMBER", field })),
    );
  });
});

// ————————————————————————————————————————————————————————— nomination and publication

describe("nominationOpen @elections", () => {
  const w = { opensAt: at("2025-03-01T00:00:00+08:00"), closesAt: at("2025-03-11T00:00:00+08:00") };
  it.each<[string, string, string]>([
    ["a millisecond before it opens", "2025-02-28T23:59:59.999+08:00", "NOT_YET_OPEN"],
    ["the moment it opens", "2025-03-01T00:00:00+08:00", "ok"],
    ["the last millisecond", "2025-03-10T23:59:59.999+08:00", "ok"],
    ["the moment it closes (24:00 of the last day)", "2025-03-11T00:00:00+08:00", "CLOSED"],
    ["long after", "2026-01-01T00:00:00+08:00", "CLOSED"],
  ])("%s → %s", (_n, when, want) => {
    const r = nominationOpen(w, at(when));
    expect(r.ok ? "ok" : r.reason).toBe(want);
  });

  it("an inverted or empty window is never open", () => {
    const inverted = { opensAt: w.closesAt, closesAt: w.opensAt };
    expect(nominationOpen(inverted, at("2025-03-05T00:00:00+08:00")).ok).toBe(false);
    expect(nominationOpen({ opensAt: w.opensAt, closesAt: w.opensAt }, w.opensAt).ok).toBe(false);
  });
});

describe("publicationOk (Hangzhou Art. 26; 民法典 Arts. 201–203) @elections", () => {
  type Row = [name: string, published: string, takeDown: string | null, voting: string, cal: "CAL" | "EMPTY", want: Record<string, string>];
  // Default pack: shown ≥ 7 days, published ≥ 15 days before voting opens.
  it.each<Row>([
    // 2025-03-03 10:00: 7 days → last day 03-10 (Mon), shown until 03-11 00:00; 15 days → 03-18 (Tue), voting from 03-19.
    ["on time, exactly", "2025-03-03T10:00:00+08:00", "2025-03-11T00:00:00+08:00", "2025-03-19T00:00:00+08:00", "CAL", {}],
    ["on time, still up", "2025-03-03T10:00:00+08:00", null, "2025-03-19T00:00:00+08:00", "CAL", {}],
    [
      "taken down a millisecond early",
      "2025-03-03T10:00:00+08:00", "2025-03-10T23:59:59.999+08:00", "2025-03-19T00:00:00+08:00", "CAL",
      { SHOWN_TOO_SHORT: "2025-03-10T16:00:00.000Z" },
    ],
    [
      "voting opens a millisecond early",
      "2025-03-03T10:00:00+08:00", null, "2025-03-18T23:59:59.999+08:00", "CAL",
      { LATE: "2025-03-18T16:00:00.000Z" },
    ],
    [
      "published at 00:00 still does not count that day",
      "2025-03-03T00:00:00+08:00", null, "2025-03-18T00:00:00+08:00", "CAL",
      { LATE: "2025-03-18T16:00:00.000Z" },
    ],
    // 2025-09-20: 7 days → 09-27 (Sat, rest) → 09-28 (调休 working Sunday); 15 days → 10-05 (国庆) → 10-09.
    [
      "the show period moves off a Saturday onto the 调休 Sunday",
      "2025-09-20T09:00:00+08:00", "2025-09-28T12:00:00+08:00", "2025-10-10T00:00:00+08:00", "CAL",
      { SHOWN_TOO_SHORT: "2025-09-28T16:00:00.000Z" },
    ],
    ["…and ends at 24:00 of that Sunday", "2025-09-20T09:00:00+08:00", "2025-09-29T00:00:00+08:00", "2025-10-10T00:00:00+08:00", "CAL", {}],
    [
      "the lead period runs past 国庆: voting on 10-06 is late",
      "2025-09-20T09:00:00+08:00", null, "2025-10-06T00:00:00+08:00", "CAL",
      { LATE: "2025-10-09T16:00:00.000Z" },
    ],
    // Without the holiday calendar only the weekend moves it: 10-05 (Sun) → 10-06, voting from 10-07.
    ["without the holiday calendar 10-07 would do", "2025-09-20T09:00:00+08:00", null, "2025-10-07T00:00:00+08:00", "EMPTY", {}],
    [
      "…but not 10-06, even without holidays",
      "2025-09-20T09:00:00+08:00", null, "2025-10-06T00:00:00+08:00", "EMPTY",
      { LATE: "2025-10-06T16:00:00.000Z" },
    ],
    // 03-20 + 7 → 03-27 (Thu); + 15 → 04-04 (清明, 04-04…04-06) → 04-07.
    [
      "published after voting opened",
      "2025-03-20T10:00:00+08:00", null, "2025-03-19T00:00:00+08:00", "CAL",
      { SHOWN_TOO_SHORT: "2025-03-27T16:00:00.000Z", LATE: "2025-04-07T16:00:00.000Z" },
    ],
    [
      "taken down before it was published",
      "2025-03-03T10:00:00+08:00", "2025-03-03T09:00:00+08:00", "2025-04-01T00:00:00+08:00", "CAL",
      { TAKEN_DOWN_BEFORE_PUBLISHED: "" },
    ],
    [
      "taken down the moment it went up",
      "2025-03-03T10:00:00+08:00", "2025-03-03T10:00:00+08:00", "2025-04-01T00:00:00+08:00", "CAL",
      { SHOWN_TOO_SHORT: "2025-03-10T16:00:00.000Z" },
    ],
  ])("%s", (_n, published, takeDown, voting, cal, want) => {
    const got = publicationOk(
      { publishedAt: at(published), takeDownAt: takeDown === null ? null : at(takeDown), votingOpensAt: at(voting) },
      cal === "CAL" ? CAL : EMPTY_CALENDAR,
      NATIONAL,
    );
    const flat = Object.fromEntries(
      got.map((p) => [p.code, p.code === "LATE" ? p.votingMayOpenFrom.toISOString() : p.code === "SHOWN_TOO_SHORT" ? p.showUntil.toISOString() : ""]),
    );
    expect(flat).toEqual(want);
  });

  it("an absent takeDownAt is the same as null", () => {
    expect(publicationOk({ publishedAt: at("2025-03-03T10:00:00+08:00"), votingOpensAt: at("2025-03-19T00:00:00+08:00") }, CAL, NATIONAL)).toEqual([]);
  });

  it("display after voting opens does not count (show 20 > lead 15)", () => {
    const pack = rulePackOf({ candidateShowDays: 20 });
    // 20 days from 03-03 → 03-23 (Sun) → 03-24 (Mon): shown until 03-25 00:00.
    const p = { publishedAt: at("2025-03-03T10:00:00+08:00"), votingOpensAt: at("2025-03-19T00:00:00+08:00") };
    expect(publicationOk(p, CAL, pack).map((x) => x.code)).toEqual(["SHOWN_TOO_SHORT"]);
    expect(publicationOk({ ...p, takeDownAt: at("2025-04-01T00:00:00+08:00") }, CAL, pack).map((x) => x.code)).toEqual(["SHOWN_TOO_SHORT"]);
    expect(publicationOk({ ...p, votingOpensAt: at("2025-03-25T00:00:00+08:00") }, CAL, pack)).toEqual([]);
  });

  it("a longer lead from the rule pack", () => {
    const pack = rulePackOf({ candidateLeadDays: 20 });
    const p = { publishedAt: at("2025-03-03T10:00:00+08:00"), votingOpensAt: at("2025-03-19T00:00:00+08:00") };
    expect(publicationOk(p, CAL, pack).map((x) => x.code)).toEqual(["LATE"]);
  });
});

// ————————————————————————————————————————————————————————— eligibility findings

describe("eligibilityFindings (指导规则 Art. 31; Beijing Art. 39; Shanghai Art. 20) @elections", () => {
  const clean: CandidateFacts = {
    isOwnerHere: true,
    fullCapacityDeclared: true,
    arrearsFen: 0n,
    propertyCompanyRelation: "none",
    judgmentDefaulter: false,
    illegalBuilding: false,
  };
  const ALL: NegativeCheck[] = ["arrears", "property_company", "judgment_defaulter", "illegal_building"];
  const f = (over: Partial<CandidateFacts>, list: NegativeCheck[] = ALL) =>
    eligibilityFindings({ ...clean, ...over }, list).map((x) => `${x.code}:${x.severity}:${x.article}`);

  it("a clean candidate has no findings", () => {
    expect(f({})).toEqual([]);
    expect(f({}, [])).toEqual([]);
  });

  it.each<[string, Partial<CandidateFacts>, string[]]>([
    ["not an owner here", { isOwnerHere: false }, ["NOT_OWNER:fails:指导规则 Art. 31"]],
    ["no capacity declaration", { fullCapacityDeclared: false }, ["CAPACITY_NOT_DECLARED:unknown:指导规则 Art. 31"]],
    ["1 fen of arrears", { arrearsFen: 1n }, ["ARREARS:check:Beijing Art. 39"]],
    ["arrears not known yet (null)", { arrearsFen: null }, ["ARREARS_UNKNOWN:unknown:Beijing Art. 39"]],
    ["arrears not known yet (absent)", { arrearsFen: undefined }, ["ARREARS_UNKNOWN:unknown:Beijing Art. 39"]],
    ["a credit balance is not arrears", { arrearsFen: -500n }, []],
    ["works for the property company", { propertyCompanyRelation: "self" }, ["PROPERTY_COMPANY_RELATION:fails:Beijing Art. 39"]],
    ["spouse works for it", { propertyCompanyRelation: "spouse" }, ["PROPERTY_COMPANY_RELATION:fails:Beijing Art. 39"]],
    ["a close relative works for it", { propertyCompanyRelation: "close_relative" }, ["PROPERTY_COMPANY_RELATION:fails:Beijing Art. 39"]],
    ["relation unknown", { propertyCompanyRelation: "unknown" }, ["PROPERTY_COMPANY_UNKNOWN:unknown:Beijing Art. 39"]],
    ["judgment defaulter", { judgmentDefaulter: true }, ["JUDGMENT_DEFAULTER:fails:Beijing Art. 39"]],
    ["defaulter status unknown", { judgmentDefaulter: null }, ["JUDGMENT_DEFAULTER_UNKNOWN:unknown:Beijing Art. 39"]],
    ["illegal building", { illegalBuilding: true }, ["ILLEGAL_BUILDING:check:Shanghai Art. 20"]],
    ["illegal building unknown", { illegalBuilding: undefined }, ["ILLEGAL_BUILDING_UNKNOWN:unknown:Shanghai Art. 20"]],
  ])("%s (all local checks on)", (_n, over, want) => {
    expect(f(over)).toEqual(want);
  });

  it.each<[NegativeCheck, Partial<CandidateFacts>]>([
    ["arrears", { arrearsFen: 100n }],
    ["property_company", { propertyCompanyRelation: "self" }],
    ["judgment_defaulter", { judgmentDefaulter: true }],
    ["illegal_building", { illegalBuilding: true }],
  ])("the local check %s only runs when the negative list has it", (check, over) => {
    expect(f(over, [])).toEqual([]);
    expect(f(over, ALL.filter((c) => c !== check))).toEqual([]);
    expect(f(over, [check])).toHaveLength(1);
  });

  it("the national checks always run, and everything is listed in a fixed order", () => {
    expect(f({ isOwnerHere: false, fullCapacityDeclared: false }, [])).toEqual([
      "NOT_OWNER:fails:指导规则 Art. 31",
      "CAPACITY_NOT_DECLARED:unknown:指导规则 Art. 31",
    ]);
    const worst: CandidateFacts = {
      isOwnerHere: false,
      fullCapacityDeclared: false,
      arrearsFen: 10_000n,
      propertyCompanyRelation: "spouse",
      judgmentDefaulter: true,
      illegalBuilding: true,
    };
    expect(eligibilityFindings(worst, [...ALL].reverse()).map((x) => x.code)).toEqual([
      "NOT_OWNER",
      "CAPACITY_NOT_DECLARED",
      "ARREARS",
      "PROPERTY_COMPANY_RELATION",
      "JUDGMENT_DEFAULTER",
      "ILLEGAL_BUILDING",
    ]);
  });

  it("arrears beyond 2^53 fen stay exact", () => {
    expect(f({ arrearsFen: 2n ** 60n })).toEqual(["ARREARS:check:Beijing Art. 39"]);
  });
});

// ————————————————————————————————————————————————————————— joint vetting

describe("vetting: every transition from every state (联审) @elections", () => {
  // Two required reviewers; "industry" is not required here.
  const REQ: ReviewerKind[] = ["community", "street_working"];
  const submit: VettingEvent = { kind: "submit" };
  const d = (reviewer: ReviewerKind, decision: "approve" | "reject", reason = "理由"): VettingEvent => ({ kind: "decide", reviewer, decision, reason });
  const appeal = (statement = "申辩"): VettingEvent => ({ kind: "appeal", statement });
  const ans = (reviewer: ReviewerKind, outcome: "upheld" | "overturned", reason = "答复"): VettingEvent => ({ kind: "answer", reviewer, outcome, reason });

  const rejected = [submit, d("community", "reject"), d("street_working", "approve")];
  const rejected2 = [submit, d("community", "reject"), d("street_working", "reject")];
  const FIXTURES: Record<string, VettingEvent[]> = {
    nominated: [],
    review0: [submit],
    reviewApproved1: [submit, d("community", "approve")],
    reviewRejected1: [submit, d("community", "reject")],
    cleared: [submit, d("community", "approve"), d("street_working", "approve")],
    rejected,
    rejected2,
    appealed: [...rejected, appeal()],
    appealed2: [...rejected2, appeal()],
    appealed2half: [...rejected2, appeal(), ans("community", "overturned")],
    clearedOnAppeal: [...rejected, appeal(), ans("community", "overturned")],
    upheld: [...rejected, appeal(), ans("community", "upheld")],
  };
  const EVENTS: Record<string, VettingEvent> = {
    submit,
    dC_ap: d("community", "approve"),
    dC_rj: d("community", "reject"),
    dS_ap: d("street_working", "approve"),
    dS_rj: d("street_working", "reject"),
    dI_ap: d("industry", "approve"),
    dS_blank: d("street_working", "approve", " \u3000\n"),
    dC_blank: d("community", "approve", ""),
    appeal: appeal(),
    appeal_blank: appeal("  "),
    aC_ov: ans("community", "overturned"),
    aC_up: ans("community", "upheld"),
    aS_ov: ans("street_working", "overturned"),
    aS_up: ans("street_working", "upheld"),
    aI_ov: ans("industry", "overturned"),
    aC_blank: ans("community", "overturned", "\t"),
  };
  const FINAL = Object.fromEntries(Object.keys(EVENTS).map((k) => [k, "AFTER_FINAL"]));
  const NO_ANSWER = { aC_ov: "ANSWER_WITHOUT_APPEAL", aC_up: "ANSWER_WITHOUT_APPEAL", aS_ov: "ANSWER_WITHOUT_APPEAL", aS_up: "ANSWER_WITHOUT_APPEAL", aI_ov: "ANSWER_WITHOUT_APPEAL", aC_blank: "ANSWER_WITHOUT_APPEAL" };
  const ALL_DECIDED = { dC_ap: "DECIDED_TWICE", dC_rj: "DECIDED_TWICE", dS_ap: "DECIDED_TWICE", dS_rj: "DECIDED_TWICE", dI_ap: "NOT_REQUIRED_REVIEWER", dS_blank: "DECIDED_TWICE", dC_blank: "DECIDED_TWICE" };

  // Expected: a phase (lower case) when the event is taken, a refusal code (upper case) when refused.
  const TABLE: Record<string, Record<string, string>> = {
    nominated: {
      submit: "under_review",
      dC_ap: "NOT_SUBMITTED", dC_rj: "NOT_SUBMITTED", dS_ap: "NOT_SUBMITTED", dS_rj: "NOT_SUBMITTED", dI_ap: "NOT_SUBMITTED", dS_blank: "NOT_SUBMITTED", dC_blank: "NOT_SUBMITTED",
      appeal: "APPEAL_NOT_REJECTED", appeal_blank: "APPEAL_NOT_REJECTED",
      ...NO_ANSWER,
    },
    review0: {
      submit: "ALREADY_SUBMITTED",
      dC_ap: "under_review", dC_rj: "under_review", dS_ap: "under_review", dS_rj: "under_review", dI_ap: "NOT_REQUIRED_REVIEWER", dS_blank: "REASON_REQUIRED", dC_blank: "REASON_REQUIRED",
      appeal: "APPEAL_NOT_REJECTED", appeal_blank: "APPEAL_NOT_REJECTED",
      ...NO_ANSWER,
    },
    reviewApproved1: {
      submit: "ALREADY_SUBMITTED",
      dC_ap: "DECIDED_TWICE", dC_rj: "DECIDED_TWICE", dS_ap: "cleared", dS_rj: "rejected", dI_ap: "NOT_REQUIRED_REVIEWER", dS_blank: "REASON_REQUIRED", dC_blank: "DECIDED_TWICE",
      appeal: "APPEAL_NOT_REJECTED", appeal_blank: "APPEAL_NOT_REJECTED",
      ...NO_ANSWER,
    },
    reviewRejected1: {
      submit: "ALREADY_SUBMITTED",
      dC_ap: "DECIDED_TWICE", dC_rj: "DECIDED_TWICE", dS_ap: "rejected", dS_rj: "rejected", dI_ap: "NOT_REQUIRED_REVIEWER", dS_blank: "REASON_REQUIRED", dC_blank: "DECIDED_TWICE",
      appeal: "REVIEW_NOT_FINISHED", appeal_blank: "REVIEW_NOT_FINISHED",
      ...NO_ANSWER,
    },
    cleared: FINAL,
    rejected: { submit: "ALREADY_SUBMITTED", ...ALL_DECIDED, appeal: "appealed", appeal_blank: "STATEMENT_REQUIRED", ...NO_ANSWER },
    rejected2: { submit: "ALREADY_SUBMITTED", ...ALL_DECIDED, appeal: "appealed", appeal_blank: "STATEMENT_REQUIRED", ...NO_ANSWER },
    appealed: {
      submit: "ALREADY_SUBMITTED", ...ALL_DECIDED, appeal: "APPEAL_TWICE", appeal_blank: "APPEAL_TWICE",
      aC_ov: "cleared_on_appeal", aC_up: "rejection_upheld", aS_ov: "ANSWER_BY_OTHER_REVIEWER", aS_up: "ANSWER_BY_OTHER_REVIEWER", aI_ov: "ANSWER_BY_OTHER_REVIEWER", aC_blank: "REASON_REQUIRED",
    },
    appealed2: {
      submit: "ALREADY_SUBMITTED", ...ALL_DECIDED, appeal: "APPEAL_TWICE", appeal_blank: "APPEAL_TWICE",
      aC_ov: "appealed", aC_up: "appealed", aS_ov: "appealed", aS_up: "appealed", aI_ov: "ANSWER_BY_OTHER_REVIEWER", aC_blank: "REASON_REQUIRED",
    },
    appealed2half: {
      submit: "ALREADY_SUBMITTED", ...ALL_DECIDED, appeal: "APPEAL_TWICE", appeal_blank: "APPEAL_TWICE",
      aC_ov: "ANSWERED_TWICE", aC_up: "ANSWERED_TWICE", aS_ov: "cleared_on_appeal", aS_up: "rejection_upheld", aI_ov: "ANSWER_BY_OTHER_REVIEWER", aC_blank: "ANSWERED_TWICE",
    },
    clearedOnAppeal: FINAL,
    upheld: FINAL,
  };

  const stateOf = (name: string): VettingState => {
    const r = vettingState(REQ, FIXTURES[name]);
    if (!r.ok) throw new Error(`fixture ${name} refused at ${r.index}: ${r.reason}`);
    return r.state;
  };

  it("the table covers every fixture × every event", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  const rows = Object.entries(TABLE).flatMap(([fixture, row]) => Object.entries(row).map(([event, want]) => [fixture, event, want] as const));
  it.each(rows)("%s + %s → %s", (fixture, event, want) => {
    const before = stateOf(fixture);
    const snapshot = JSON.stringify(before);
    const step = next(before, EVENTS[event]);
    expect(step.ok ? step.state.phase : step.reason).toBe(want);
    expect(JSON.stringify(before)).toBe(snapshot); // next never mutates its input
    if (step.ok) {
      // The event is recorded, and the fold over the longer history gives the same state.
      const r = vettingState(REQ, [...FIXTURES[fixture], EVENTS[event]]);
      expect(r.ok && r.state).toEqual(step.state);
    }
  });

  it("the fixtures are in the phases their names say", () => {
    const phases = Object.fromEntries(Object.keys(FIXTURES).map((k) => [k, stateOf(k).phase]));
    expect(phases).toEqual({
      nominated: "nominated",
      review0: "under_review",
      reviewApproved1: "under_review",
      reviewRejected1: "under_review",
      cleared: "cleared",
      rejected: "rejected",
      rejected2: "rejected",
      appealed: "appealed",
      appealed2: "appealed",
      appealed2half: "appealed",
      clearedOnAppeal: "cleared_on_appeal",
      upheld: "rejection_upheld",
    });
  });

  it.each<[string, ReviewerKind[]]>([
    ["nominated", []],
    ["review0", ["community", "street_working"]],
    ["reviewApproved1", ["street_working"]],
    ["reviewRejected1", ["street_working"]],
    ["cleared", []],
    ["rejected", []],
    ["appealed", ["community"]],
    ["appealed2", ["community", "street_working"]],
    ["appealed2half", ["street_working"]],
    ["clearedOnAppeal", []],
    ["upheld", []],
  ])("pending reviewers in %s", (fixture, want) => {
    expect(pendingReviewers(stateOf(fixture))).toEqual(want);
    const r = vettingState(REQ, FIXTURES[fixture]);
    expect(r.ok && r.pending).toEqual(want);
  });

  it.each<[string, boolean]>([
    ["nominated", false], ["review0", false], ["reviewApproved1", false], ["cleared", true], ["rejected", false],
    ["appealed", false], ["appealed2half", false], ["clearedOnAppeal", true], ["upheld", false],
  ])("isCleared(%s) = %s", (fixture, want) => {
    expect(isCleared(stateOf(fixture))).toBe(want);
  });

  it("all three Party reviewers: cleared only when all three approved", () => {
    const all: ReviewerKind[] = ["community", "street_working", "industry"];
    const two = [submit, d("industry", "approve"), d("community", "approve")];
    const r2 = vettingState(all, two);
    expect(r2.ok && [r2.state.phase, r2.pending]).toEqual(["under_review", ["street_working"]]);
    const r3 = vettingState(all, [...two, d("street_working", "approve")]);
    expect(r3.ok && r3.state.phase).toBe("cleared");
  });

  it("one overturned and one upheld rejection keep the candidate off the list", () => {
    const r = vettingState(REQ, [...rejected2, appeal(), ans("street_working", "overturned"), ans("community", "upheld")]);
    expect(r.ok && r.state.phase).toBe("rejection_upheld");
  });

  it("the record keeps every reason, the statement and the answers", () => {
    const r = vettingState(REQ, [submit, d("community", "reject", "欠费"), d("street_working", "approve", "无异议"), appeal("已缴清"), ans("community", "overturned", "已核实缴清")]);
    expect(r.ok && r.state).toEqual({
      phase: "cleared_on_appeal",
      required: REQ,
      decisions: [
        { reviewer: "community", decision: "reject", reason: "欠费" },
        { reviewer: "street_working", decision: "approve", reason: "无异议" },
      ],
      appeal: { statement: "已缴清" },
      answers: [{ reviewer: "community", outcome: "overturned", reason: "已核实缴清" }],
    });
  });

  it("required reviewers are de-duplicated; none required cannot be submitted", () => {
    expect(startVetting(["community", "community", "industry"]).required).toEqual(["community", "industry"]);
    expect(next(startVetting([]), submit)).toEqual({ ok: false, reason: "NO_REQUIRED_REVIEWERS" });
  });

  it("a refused event in a stored history is reported with its index and the state before it", () => {
    const r = vettingState(REQ, [submit, d("community", "approve"), d("community", "reject")]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.index, r.reason, r.state.phase, r.state.decisions.length]).toEqual([2, "DECIDED_TWICE", "under_review", 1]);
    }
    const e = vettingState(REQ, [d("community", "approve")]);
    expect(!e.ok && [e.index, e.reason]).toEqual([0, "NOT_SUBMITTED"]);
  });
});

// ————————————————————————————————————————————————————————— shares

describe("shares and meetsTarget (reporting only) @elections", () => {
  it("exact fractions per group, occupations in code-point order", () => {
    const s = shares([
      { partyMember: true, occupation: "retired" },
      { partyMember: false, occupation: "employed" },
      { partyMember: true, occupation: "retired" },
      { partyMember: false, occupation: "self_employed" },
      { partyMember: true, occupation: "employed" },
      { partyMember: false, occupation: "retired" },
      { partyMember: false, occupation: "employed" },
    ]);
    expect(s).toEqual({
      total: 7,
      partyMembers: { numerator: 3, denominator: 7 },
      byOccupation: [
        { occupation: "employed", share: { numerator: 3, denominator: 7 } },
        { occupation: "retired", share: { numerator: 3, denominator: 7 } },
        { occupation: "self_employed", share: { numerator: 1, denominator: 7 } },
      ],
    });
  });

  it("an empty list has zero denominators and no occupations", () => {
    expect(shares([])).toEqual({ total: 0, partyMembers: { numerator: 0, denominator: 0 }, byOccupation: [] });
  });

  it.each<[number, number, number, boolean]>([
    [1, 2, 50, true], // exactly 50% meets "不低于50%"
    [4, 7, 50, true],
    [3, 7, 50, false], // 42.86%
    [5, 9, 56, false], // 55.56%
    [5, 9, 55, true],
    [1, 3, 33, true], // 33.33% ≥ 33
    [1, 3, 34, false],
    [2, 3, 67, false], // 66.67% < 67: no rounding up
    [0, 5, 0, true],
    [0, 5, 1, false],
    [5, 5, 100, true],
    [0, 0, 0, false], // no candidates: no figure
    [0, 0, 50, false],
  ])("%i/%i against %i%% → %s", (n, d, t, want) => {
    expect(meetsTarget({ numerator: n, denominator: d }, t)).toBe(want);
  });

  it.each([-1, 101, 50.5, Number.NaN])("a target of %s is refused", (t) => {
    expect(() => meetsTarget({ numerator: 1, denominator: 2 }, t)).toThrow(RangeError);
  });

  it("the target comes from the rule pack and is off nationally", () => {
    expect(NATIONAL.partyShareTargetPercent).toBeNull();
    expect(rulePackOf({ partyShareTargetPercent: 50 }).partyShareTargetPercent).toBe(50);
  });
});

// ————————————————————————————————————————————————————————— rule pack keys

describe("rule pack: election settings default to the national rule @elections", () => {
  it("defaults", () => {
    expect({
      smallCommitteeMinSeats: NATIONAL.smallCommitteeMinSeats,
      smallCommitteeMaxHouseholds: NATIONAL.smallCommitteeMaxHouseholds,
      candidateShowDays: NATIONAL.candidateShowDays,
      candidateLeadDays: NATIONAL.candidateLeadDays,
      candidateNegativeList: NATIONAL.candidateNegativeList,
      partyShareTargetPercent: NATIONAL.partyShareTargetPercent,
    }).toEqual({
      smallCommitteeMinSeats: 5,
      smallCommitteeMaxHouseholds: 100,
      candidateShowDays: 7,
      candidateLeadDays: 15,
      candidateNegativeList: [],
      partyShareTargetPercent: null,
    });
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ["4 seats is not a small-committee minimum", { smallCommitteeMinSeats: 4 }, "smallCommitteeMinSeats", 5],
    ["3 is", { smallCommitteeMinSeats: 3 }, "smallCommitteeMinSeats", 3],
    ["a lead below 15 days falls back", { candidateLeadDays: 10 }, "candidateLeadDays", 15],
    ["a show period of 0 falls back", { candidateShowDays: 0 }, "candidateShowDays", 7],
    ["unknown negative checks drop, order is fixed, repeats go", { candidateNegativeList: ["illegal_building", "x", "arrears", "arrears"] }, "candidateNegativeList", ["arrears", "illegal_building"]],
    ["a negative list that is not a list falls back", { candidateNegativeList: "arrears" }, "candidateNegativeList", []],
    ["a target above 100 falls back", { partyShareTargetPercent: 150 }, "partyShareTargetPercent", null],
  ])("%s", (_n, stored, key, want) => {
    expect((rulePackOf(stored) as Record<string, unknown>)[key]).toEqual(want);
  });
});
