import { describe, expect, it } from "vitest";
import {
  agingBucket,
  allocate,
  billAmountFen,
  billFen,
  billingPeriod,
  billsForPeriod,
  collectionRate,
  compareOldestFirst,
  compareRates,
  creditNoteProblem,
  daysBetween,
  daysOverdue,
  dueDay,
  householdCollectionRate,
  isMonth,
  monthEnd,
  monthOf,
  monthsOf,
  monthStart,
  parseAmountFen,
  parseRateFen,
  percentText,
  periodStartProblem,
  rateAtLeast,
  rateInForce,
  ratesForMonths,
  receiptCounterKey,
  reconcile,
  scheduleInForce,
  scheduleOverlapProblem,
  shiftMonth,
  splitByPayer,
  type Allocation,
  type OpenBill,
  type Ownership,
  type RateSchedule,
} from "~/fees/rules";

// ————————————————————————————————————————————————————————— months and periods

describe("months", () => {
  it.each([
    ["2025-11", 3, "2026-02"],
    ["2025-01", -1, "2024-12"],
    ["2025-06", 0, "2025-06"],
    ["2025-12", 1, "2026-01"],
    ["2025-03", -27, "2022-12"],
    ["2025-01", 120, "2035-01"],
  ] as const)("%s %+d → %s", (m, n, want) => expect(shiftMonth(m, n)).toBe(want));

  it("refuses fractions and non-months", () => {
    expect(() => shiftMonth("2025-01", 1.5)).toThrow(RangeError);
    for (const bad of ["2025-13", "2025-00", "2025-1", "2025/01", "25-01", "2025-01-01", ""]) {
      expect(isMonth(bad), bad).toBe(false);
      expect(() => shiftMonth(bad, 1), bad).toThrow(RangeError);
      expect(() => monthStart(bad), bad).toThrow(RangeError);
    }
    expect(isMonth("2025-12")).toBe(true);
  });

  it.each([
    ["2025-03-15", "2025-03"],
    ["2025-01-01", "2025-01"],
    ["2024-12-31", "2024-12"],
  ])("the month of %s is %s", (day, month) => expect(monthOf(day)).toBe(month));

  it("monthOf refuses days that do not exist", () => {
    expect(() => monthOf("2025-02-29")).toThrow(RangeError);
    expect(() => monthOf("2025-02")).toThrow(RangeError);
  });

  it.each([
    ["2025-01", "2025-01-31"],
    ["2025-02", "2025-02-28"],
    ["2024-02", "2024-02-29"],
    ["2000-02", "2000-02-29"],
    ["2100-02", "2100-02-28"],
    ["2025-04", "2025-04-30"],
    ["2025-12", "2025-12-31"],
  ])("%s runs from its 1st to %s", (month, last) => {
    expect(monthStart(month)).toBe(`${month}-01`);
    expect(monthEnd(month)).toBe(last);
  });

  it("monthsOf lists both ends, across a year end", () => {
    expect(monthsOf({ from: "2025-06", to: "2025-06" })).toEqual(["2025-06"]);
    expect(monthsOf({ from: "2025-11", to: "2026-02" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsOf({ from: "2025-01", to: "2025-12" })).toHaveLength(12);
    expect(() => monthsOf({ from: "2025-02", to: "2025-01" })).toThrow(RangeError);
    expect(() => monthsOf({ from: "2025-1", to: "2025-02" })).toThrow(RangeError);
  });
});

describe("billing periods: month, quarter (Jan/Apr/Jul/Oct), year (Jan)", () => {
  it.each([
    ["month", "2025-02", null],
    ["month", "2025-12", null],
    ["quarter", "2025-01", null],
    ["quarter", "2025-04", null],
    ["quarter", "2025-07", null],
    ["quarter", "2025-10", null],
    ["quarter", "2025-02", "NOT_QUARTER_START"],
    ["quarter", "2025-03", "NOT_QUARTER_START"],
    ["quarter", "2025-12", "NOT_QUARTER_START"],
    ["year", "2025-01", null],
    ["year", "2025-02", "NOT_YEAR_START"],
    ["year", "2025-12", "NOT_YEAR_START"],
    ["month", "2025-13", "NOT_A_MONTH"],
    ["quarter", "2025-4", "NOT_A_MONTH"],
  ] as const)("%s from %s: %s", (kind, start, problem) => expect(periodStartProblem(kind, start)).toBe(problem));

  it.each([
    ["month", "2025-02", "2025-02"],
    ["quarter", "2025-10", "2025-12"],
    ["quarter", "2025-01", "2025-03"],
    ["year", "2025-01", "2025-12"],
  ] as const)("%s from %s ends in %s", (kind, start, to) => expect(billingPeriod(kind, start)).toEqual({ from: start, to }));

  it("refuses a start periodStartProblem refuses", () => {
    expect(() => billingPeriod("quarter", "2025-02")).toThrow(RangeError);
    expect(() => billingPeriod("year", "2025-07")).toThrow(RangeError);
    expect(() => billingPeriod("month", "2025-00")).toThrow(RangeError);
  });
});

// ————————————————————————————————————————————————————————— amounts

const rates = (...fen: number[]) => fen.map((rateFen) => ({ rateFen }));

describe("billFen: one rounding half up per bill (rules.md §4)", () => {
  it("the rules.md example: 1.50 元/m²·month on 85.23 m²", () => {
    expect(billFen(rates(150), 8523)).toBe(12785);
    expect(billFen(rates(150, 150, 150), 8523)).toBe(38354);
    expect(3 * billFen(rates(150), 8523)).toBe(38355); // rounding per month would overcharge by a fen
  });

  it.each([
    [rates(1), 49, 0], // 0.49 fen → 0
    [rates(1), 50, 1], // 0.50 fen → 1 (half up)
    [rates(1), 150, 2], // 1.50 → 2
    [rates(1), 149, 1],
    [rates(0), 8523, 0],
    [rates(150), 0, 0],
    [rates(150, 150, 180), 8523, 40910], // a rate change inside the period: (480 × 8523 + 50) div 100
    [rates(100), 100, 100], // 1 元 on 1 m² = 1 元
  ])("%j × %i → %i fen", (ms, area, fen) => expect(billFen(ms, area)).toBe(fen));

  it("is exact where a float product is not (rate × area above 2^53)", () => {
    // 99,999,001 × 999,999,049 = 99,998,905,900,950,049 → +50 div 100 = 999,989,059,009,500 (the product ends in 49: rounds down)
    expect(Math.floor((99_999_001 * 999_999_049 + 50) / 100)).toBe(999_989_059_009_501); // floats round it up
    expect(billFen(rates(99_999_001), 999_999_049)).toBe(999_989_059_009_500);
    expect(billFen(rates(10_000_000), 1_000_000_000)).toBe(100_000_000_000_000);
    expect(billFen(rates(...Array(12).fill(10_000_000)), 1_000_000_000)).toBe(1_200_000_000_000_000);
  });

  it("refuses a result beyond Number.MAX_SAFE_INTEGER", () => {
    expect(() => billFen(rates(1_000_000_000), 1_000_000_000)).toThrow(RangeError);
    expect(() => billAmountFen("unit", rates(10_000_000), 1_000_000_000)).toThrow(RangeError);
  });

  it("refuses an empty bill, negative or fractional rates and quantities", () => {
    expect(() => billFen([], 8523)).toThrow(RangeError);
    expect(() => billFen(rates(-1), 8523)).toThrow(RangeError);
    expect(() => billFen(rates(1.5), 8523)).toThrow(RangeError);
    expect(() => billFen(rates(150), -1)).toThrow(RangeError);
    expect(() => billFen(rates(150), 85.23)).toThrow(RangeError);
    expect(() => billFen(rates(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("billAmountFen by basis", () => {
  it.each([
    ["area", rates(150), 8523, 12785],
    ["area", rates(150, 150, 150), 8523, 38354],
    ["space", rates(15000), 1, 15000],
    ["space", rates(15000, 15000, 15000), 2, 90000],
    ["space", rates(15000), 0, 0],
    ["unit", rates(1000, 1200), 1, 2200],
    ["unit", rates(1), 3, 3], // no /100 for counts
  ] as const)("%s %j × %i → %i", (basis, ms, q, fen) => expect(billAmountFen(basis, ms, q)).toBe(fen));

  it("a fractional count is refused", () => expect(() => billAmountFen("space", rates(15000), 1.5)).toThrow(RangeError));
});

// ————————————————————————————————————————————————————————— schedules

const S_OLD: RateSchedule = { from: "2024-01-01", to: "2025-07-01", rateFen: 150 };
const S_NEW: RateSchedule = { from: "2025-07-01", to: null, rateFen: 180 };

describe("the schedule in force on the month's first day", () => {
  it.each([
    ["2023-12", null],
    ["2024-01", 150],
    ["2025-06", 150],
    ["2025-07", 180], // S_OLD's `to` is excluded
    ["2030-01", 180],
  ])("%s → %s", (month, rate) => expect(rateInForce([S_OLD, S_NEW], month)).toBe(rate));

  it("a schedule starting on the 15th applies from the next month", () => {
    const s: RateSchedule = { from: "2025-03-15", to: null, rateFen: 200 };
    expect(rateInForce([s], "2025-03")).toBeNull();
    expect(rateInForce([s], "2025-04")).toBe(200);
  });

  it("a schedule ending on the 2nd still rates that month; ending on the 1st does not", () => {
    expect(rateInForce([{ from: "2025-01-01", to: "2025-03-02", rateFen: 1 }], "2025-03")).toBe(1);
    expect(rateInForce([{ from: "2025-01-01", to: "2025-03-01", rateFen: 1 }], "2025-03")).toBeNull();
  });

  it("returns the schedule itself (for its due day), and throws on overlapping schedules", () => {
    const s = { ...S_NEW, dueDayOfMonth: 15, id: "s2" };
    expect(scheduleInForce([S_OLD, s], "2025-08")).toBe(s);
    expect(scheduleInForce([], "2025-08")).toBeNull();
    expect(() => rateInForce([S_OLD, { from: "2025-01-01", to: null, rateFen: 1 }], "2025-03")).toThrow(RangeError);
  });

  it("ratesForMonths names the first month without a schedule", () => {
    expect(ratesForMonths([S_OLD, S_NEW], ["2025-06", "2025-07"])).toEqual({
      ok: true,
      value: [
        { month: "2025-06", rateFen: 150 },
        { month: "2025-07", rateFen: 180 },
      ],
    });
    expect(ratesForMonths([S_NEW], ["2025-05", "2025-06", "2025-07"])).toEqual({ ok: false, reason: "NO_SCHEDULE", month: "2025-05" });
    expect(ratesForMonths([], [])).toEqual({ ok: true, value: [] });
  });
});

describe("scheduleOverlapProblem", () => {
  it("accepts none, one, and schedules that touch (one ends the day the next starts), in any order", () => {
    expect(scheduleOverlapProblem([])).toBeNull();
    expect(scheduleOverlapProblem([S_NEW])).toBeNull();
    expect(scheduleOverlapProblem([S_NEW, S_OLD])).toBeNull();
    expect(scheduleOverlapProblem([S_OLD, { from: "2026-01-01", to: null, rateFen: 0 }])).toBeNull(); // a gap is allowed
  });

  it("finds overlaps, including two open-ended schedules", () => {
    const a: RateSchedule = { from: "2025-01-01", to: null, rateFen: 150 };
    const b: RateSchedule = { from: "2025-06-01", to: null, rateFen: 180 };
    expect(scheduleOverlapProblem([b, a])).toEqual({ reason: "OVERLAP", schedules: [a, b] });
    const c: RateSchedule = { from: "2024-01-01", to: "2025-07-02", rateFen: 150 }; // one day too long
    expect(scheduleOverlapProblem([c, S_NEW])).toEqual({ reason: "OVERLAP", schedules: [c, S_NEW] });
    const d: RateSchedule = { from: "2025-07-01", to: "2025-08-01", rateFen: 1 }; // same start
    expect(scheduleOverlapProblem([S_NEW, d])?.reason).toBe("OVERLAP");
  });

  it.each([
    [{ from: "2025-01-01", to: "2025-01-01", rateFen: 1 }, "ENDS_BEFORE_START"],
    [{ from: "2025-01-02", to: "2025-01-01", rateFen: 1 }, "ENDS_BEFORE_START"],
    [{ from: "2025-01-01", to: null, rateFen: -1 }, "RATE_INVALID"],
    [{ from: "2025-01-01", to: null, rateFen: 1.5 }, "RATE_INVALID"],
    [{ from: "2025-01-01", to: null, rateFen: 1, dueDayOfMonth: 0 }, "DUE_DAY_INVALID"],
    [{ from: "2025-01-01", to: null, rateFen: 1, dueDayOfMonth: 32 }, "DUE_DAY_INVALID"],
    [{ from: "2025-01-01", to: null, rateFen: 1, dueDayOfMonth: 1.5 }, "DUE_DAY_INVALID"],
  ] as const)("%j: %s", (s, reason) => expect(scheduleOverlapProblem([s])).toEqual({ reason, schedule: s }));

  it("due days 1 and 31 are fine; a non-day throws", () => {
    expect(scheduleOverlapProblem([{ from: "2025-01-01", to: null, rateFen: 1, dueDayOfMonth: 1 }])).toBeNull();
    expect(scheduleOverlapProblem([{ from: "2025-01-01", to: null, rateFen: 1, dueDayOfMonth: 31 }])).toBeNull();
    expect(() => scheduleOverlapProblem([{ from: "2025-02-30", to: null, rateFen: 1 }])).toThrow(RangeError);
  });
});

// ————————————————————————————————————————————————————————— payers

const Q1 = ["2025-01", "2025-02", "2025-03"];
const DEV = "developer";

describe("splitByPayer: the owner on the 1st pays the month (rules.md §4; 条例 Art. 41)", () => {
  it.each<[string, Ownership[], { payerId: string; months: string[] }[]]>([
    ["one owner throughout", [{ payerId: "A", from: "2020-01-01", to: null }], [{ payerId: "A", months: Q1 }]],
    [
      "transfer on 02-15: the seller pays Feb",
      [
        { payerId: "A", from: "2020-01-01", to: "2025-02-15" },
        { payerId: "B", from: "2025-02-15", to: null },
      ],
      [
        { payerId: "A", months: ["2025-01", "2025-02"] },
        { payerId: "B", months: ["2025-03"] },
      ],
    ],
    [
      "transfer on 02-01: the buyer pays Feb",
      [
        { payerId: "A", from: "2020-01-01", to: "2025-02-01" },
        { payerId: "B", from: "2025-02-01", to: null },
      ],
      [
        { payerId: "A", months: ["2025-01"] },
        { payerId: "B", months: ["2025-02", "2025-03"] },
      ],
    ],
    [
      "transfer on 01-02: the seller still pays Jan",
      [
        { payerId: "A", from: "2020-01-01", to: "2025-01-02" },
        { payerId: "B", from: "2025-01-02", to: null },
      ],
      [
        { payerId: "A", months: ["2025-01"] },
        { payerId: "B", months: ["2025-02", "2025-03"] },
      ],
    ],
    ["unsold: the developer pays all", [], [{ payerId: DEV, months: Q1 }]],
    [
      "sold on 02-10: the developer pays Jan and Feb",
      [{ payerId: "A", from: "2025-02-10", to: null }],
      [
        { payerId: DEV, months: ["2025-01", "2025-02"] },
        { payerId: "A", months: ["2025-03"] },
      ],
    ],
    [
      "sold and bought back inside the period: one bill per payer",
      [
        { payerId: "A", from: "2020-01-01", to: "2025-02-01" },
        { payerId: "B", from: "2025-02-01", to: "2025-03-01" },
        { payerId: "A", from: "2025-03-01", to: null },
      ],
      [
        { payerId: "A", months: ["2025-01", "2025-03"] },
        { payerId: "B", months: ["2025-02"] },
      ],
    ],
    [
      "co-owners under one payer may overlap",
      [
        { payerId: "A", from: "2020-01-01", to: null },
        { payerId: "A", from: "2022-05-01", to: null },
      ],
      [{ payerId: "A", months: Q1 }],
    ],
    [
      "an ownership that ended before the period",
      [{ payerId: "A", from: "2020-01-01", to: "2024-12-31" }],
      [{ payerId: DEV, months: Q1 }],
    ],
  ])("%s", (_, ownerships, want) => expect(splitByPayer(Q1, ownerships, DEV)).toEqual(want));

  it("no months, no bills", () => expect(splitByPayer([], [{ payerId: "A", from: "2020-01-01", to: null }], DEV)).toEqual([]));

  it("refuses two payers on the same day and an ownership ending before it starts", () => {
    expect(() =>
      splitByPayer(Q1, [
        { payerId: "A", from: "2020-01-01", to: null },
        { payerId: "B", from: "2025-02-01", to: null },
      ], DEV),
    ).toThrow(RangeError);
    expect(() => splitByPayer(Q1, [{ payerId: "A", from: "2025-02-01", to: "2025-02-01" }], DEV)).toThrow(RangeError);
  });
});

// ————————————————————————————————————————————————————————— due dates and arrears

describe("dueDay: end of the period's first month unless the schedule says otherwise", () => {
  it.each([
    ["2025-01", null, "2025-01-31"],
    ["2025-02", null, "2025-02-28"],
    ["2024-02", null, "2024-02-29"],
    ["2025-04", null, "2025-04-30"],
    ["2025-05", null, "2025-05-31"], // a rest day (端午): not moved, due dates are contractual
    ["2025-01", 15, "2025-01-15"],
    ["2025-01", 1, "2025-01-01"],
    ["2025-02", 31, "2025-02-28"],
    ["2024-02", 30, "2024-02-29"],
    ["2025-04", 31, "2025-04-30"],
    ["2025-04", 30, "2025-04-30"],
    ["2025-12", 31, "2025-12-31"],
  ] as const)("%s, day %s → %s", (from, d, want) => expect(dueDay({ from }, d)).toBe(want));

  it("refuses a due day outside 1–31", () => {
    for (const d of [0, 32, 1.5, -1]) expect(() => dueDay({ from: "2025-01" }, d), `${d}`).toThrow(RangeError);
  });
});

describe("days overdue and aging buckets", () => {
  it.each([
    ["2025-01-31", "2025-01-30", 0],
    ["2025-01-31", "2025-01-31", 0], // the due date itself is not overdue
    ["2025-01-31", "2025-02-01", 1], // in arrears from day 1
    ["2025-01-31", "2025-03-02", 30],
    ["2025-01-31", "2025-03-03", 31],
    ["2024-02-28", "2024-03-01", 2], // leap day counts
    ["2024-12-31", "2025-12-31", 365],
    ["2023-12-31", "2024-12-31", 366],
  ])("due %s, as of %s → %i", (due, asOf, n) => expect(daysOverdue(due, asOf)).toBe(n));

  it("daysBetween is signed and refuses non-days", () => {
    expect(daysBetween("2025-03-01", "2025-02-01")).toBe(-28);
    expect(daysBetween("2025-03-01", "2025-03-01")).toBe(0);
    expect(() => daysOverdue("2025-02-30", "2025-03-01")).toThrow(RangeError);
    expect(() => daysOverdue("2025-01-31", "2025-3-1")).toThrow(RangeError);
  });

  it.each([
    [0, null],
    [1, "1-30"],
    [30, "1-30"],
    [31, "31-90"],
    [90, "31-90"],
    [91, "91-180"],
    [180, "91-180"],
    [181, "181+"],
    [10_000, "181+"],
  ])("%i days → %s", (days, bucket) => expect(agingBucket(days)).toBe(bucket));

  it("refuses negative and fractional days", () => {
    expect(() => agingBucket(-1)).toThrow(RangeError);
    expect(() => agingBucket(1.5)).toThrow(RangeError);
  });

  it("a bill due 01-31 moves buckets on 03-03 and 05-02", () => {
    expect(agingBucket(daysOverdue("2025-01-31", "2025-03-02"))).toBe("1-30");
    expect(agingBucket(daysOverdue("2025-01-31", "2025-03-03"))).toBe("31-90");
    expect(agingBucket(daysOverdue("2025-01-31", "2025-05-01"))).toBe("31-90");
    expect(agingBucket(daysOverdue("2025-01-31", "2025-05-02"))).toBe("91-180");
  });
});

// ————————————————————————————————————————————————————————— a period's bills

describe("billsForPeriod", () => {
  const base = {
    period: { from: "2025-01", to: "2025-03" },
    basis: "area" as const,
    quantity: 8523,
    schedules: [{ from: "2024-01-01", to: null, rateFen: 150 }],
    ownerships: [{ payerId: "A", from: "2020-01-01", to: null }],
    developerId: DEV,
  };

  it("one owner, one quarter: one bill rounded once, due at the end of January", () => {
    expect(billsForPeriod(base)).toEqual({
      ok: true,
      value: [{ payerId: "A", months: Q1, from: "2025-01", to: "2025-03", amountFen: 38354, dueDay: "2025-01-31" }],
    });
  });

  it("a transfer inside the quarter: one bill per payer, each rounded once and due in its own first month", () => {
    const r = billsForPeriod({
      ...base,
      ownerships: [
        { payerId: "A", from: "2020-01-01", to: "2025-02-15" },
        { payerId: "B", from: "2025-02-15", to: null },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: [
        { payerId: "A", months: ["2025-01", "2025-02"], from: "2025-01", to: "2025-02", amountFen: 25569, dueDay: "2025-01-31" },
        { payerId: "B", months: ["2025-03"], from: "2025-03", to: "2025-03", amountFen: 12785, dueDay: "2025-03-31" },
      ],
    });
  });

  it("a rate change on 03-01 and a due day from the schedule in force in the bill's first month", () => {
    const r = billsForPeriod({
      ...base,
      schedules: [
        { from: "2024-01-01", to: "2025-03-01", rateFen: 150, dueDayOfMonth: 15 },
        { from: "2025-03-01", to: null, rateFen: 180, dueDayOfMonth: 31 },
      ],
    });
    expect(r.ok && r.value).toEqual([{ payerId: "A", months: Q1, from: "2025-01", to: "2025-03", amountFen: 40910, dueDay: "2025-01-15" }]);
  });

  it("an unsold parking space for a year: the developer pays, per space", () => {
    const r = billsForPeriod({ ...base, period: billingPeriod("year", "2025-01"), basis: "space", quantity: 1, schedules: [{ from: "2024-01-01", to: null, rateFen: 15000 }], ownerships: [] });
    expect(r.ok && r.value).toEqual([{ payerId: DEV, months: monthsOf({ from: "2025-01", to: "2025-12" }), from: "2025-01", to: "2025-12", amountFen: 180000, dueDay: "2025-01-31" }]);
  });

  it("a month without a schedule refuses the whole period", () => {
    expect(billsForPeriod({ ...base, schedules: [{ from: "2025-02-10", to: null, rateFen: 150 }] })).toEqual({ ok: false, reason: "NO_SCHEDULE", month: "2025-01" });
    expect(billsForPeriod({ ...base, schedules: [{ from: "2024-01-01", to: "2025-03-01", rateFen: 150 }] })).toEqual({ ok: false, reason: "NO_SCHEDULE", month: "2025-03" });
  });
});

// ————————————————————————————————————————————————————————— payments

const bill = (id: string, dueDay: string, periodStart: string, itemCode: string, outstandingFen: number): OpenBill => ({ id, dueDay, periodStart, itemCode, outstandingFen });

describe("allocate: oldest first (rules.md §4)", () => {
  it("earliest due date first, whatever the other keys", () => {
    const later = bill("a", "2025-02-28", "2024-01", "AAA", 100);
    const earlier = bill("z", "2025-01-31", "2025-01", "ZZZ", 100);
    expect(allocate(150, [later, earlier])).toEqual({ allocations: [{ billId: "z", fen: 100 }, { billId: "a", fen: 50 }], creditFen: 0 });
  });

  it("then earliest period start, then fee-item code, then bill id", () => {
    const bills = [
      bill("b4", "2025-01-31", "2025-01", "PROP", 10),
      bill("b3", "2025-01-31", "2025-01", "PROP", 10),
      bill("b2", "2025-01-31", "2025-01", "PARK", 10),
      bill("b1", "2025-01-31", "2024-12", "WATER", 10),
    ];
    expect(allocate(40, bills).allocations.map((a) => a.billId)).toEqual(["b1", "b2", "b3", "b4"]);
    expect([...bills].sort(compareOldestFirst).map((b) => b.id)).toEqual(["b1", "b2", "b3", "b4"]);
    expect(compareOldestFirst(bills[0], bills[0])).toBe(0);
  });

  it("a partial payment pays the oldest bill partly and nothing else", () => {
    expect(allocate(30, [bill("new", "2025-04-30", "2025-04", "PROP", 100), bill("old", "2025-01-31", "2025-01", "PROP", 100)])).toEqual({
      allocations: [{ billId: "old", fen: 30 }],
      creditFen: 0,
    });
  });

  it("the exact total leaves no credit; more is kept as prepayment credit; with no bills all is credit", () => {
    const bills = [bill("x", "2025-01-31", "2025-01", "PROP", 12785), bill("y", "2025-04-30", "2025-04", "PROP", 12785)];
    expect(allocate(25570, bills).creditFen).toBe(0);
    expect(allocate(30000, bills)).toEqual({ allocations: [{ billId: "x", fen: 12785 }, { billId: "y", fen: 12785 }], creditFen: 4430 });
    expect(allocate(500, [])).toEqual({ allocations: [], creditFen: 500 });
  });

  it("skips bills with nothing outstanding and never gives a bill more than it owes", () => {
    const r = allocate(1000, [bill("paid", "2025-01-31", "2025-01", "PROP", 0), bill("open", "2025-02-28", "2025-02", "PROP", 1)]);
    expect(r).toEqual({ allocations: [{ billId: "open", fen: 1 }], creditFen: 999 });
  });

  it("does not reorder the caller's array", () => {
    const bills = [bill("new", "2025-04-30", "2025-04", "PROP", 1), bill("old", "2025-01-31", "2025-01", "PROP", 1)];
    allocate(2, bills);
    expect(bills.map((b) => b.id)).toEqual(["new", "old"]);
  });

  it("refuses non-positive or non-integer payments, negative outstanding amounts and a bill listed twice", () => {
    for (const fen of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => allocate(fen, []), `${fen}`).toThrow(RangeError);
    expect(() => allocate(1, [bill("x", "2025-01-31", "2025-01", "PROP", -1)])).toThrow(RangeError);
    const b = bill("x", "2025-01-31", "2025-01", "PROP", 1);
    expect(() => allocate(1, [b, b])).toThrow(RangeError);
  });
});

describe("creditNoteProblem: a credit note reduces what is owed, never below zero", () => {
  it.each([
    [100, 100, null],
    [100, 1, null],
    [100, 101, "EXCEEDS_OUTSTANDING"],
    [0, 1, "EXCEEDS_OUTSTANDING"],
    [100, 0, "NOT_POSITIVE"],
    [100, -5, "NOT_POSITIVE"],
    [100, 1.5, "NOT_POSITIVE"],
  ])("outstanding %i, credit %s → %s", (out, fen, problem) => expect(creditNoteProblem(out, fen)).toBe(problem));
});

describe("receipt counters: one per collecting body and Shanghai year", () => {
  it.each([
    ["2025-12-31T15:59:59.999Z", 2025],
    ["2025-12-31T16:00:00.000Z", 2026], // 00:00 on 2026-01-01 in Shanghai
    ["2026-01-01T00:00:00.000Z", 2026],
  ])("%s → %i", (at, year) => expect(receiptCounterKey("pc1", new Date(at))).toEqual({ collectingBodyId: "pc1", year }));
});

// ————————————————————————————————————————————————————————— the ledger

describe("reconcile: outstanding = billed − paid − credited", () => {
  const bills = [
    { id: "b1", unitId: "u1", amountFen: 1000 },
    { id: "b2", unitId: "u1", amountFen: 500 },
    { id: "b3", unitId: "u2", amountFen: 300 },
  ];

  it("per bill, per unit and in aggregate", () => {
    const r = reconcile(bills, [{ billId: "b1", fen: 1000 }, { billId: "b2", fen: 100 }, { billId: "b2", fen: 100 }], [{ billId: "b3", fen: 50 }]);
    expect(r.bills.get("b2")).toEqual({ billedFen: 500, paidFen: 200, creditedFen: 0, outstandingFen: 300 });
    expect(r.units.get("u1")).toEqual({ billedFen: 1500, paidFen: 1200, creditedFen: 0, outstandingFen: 300 });
    expect(r.units.get("u2")).toEqual({ billedFen: 300, paidFen: 0, creditedFen: 50, outstandingFen: 250 });
    expect(r.total).toEqual({ billedFen: 1800, paidFen: 1200, creditedFen: 50, outstandingFen: 550 });
    expect(r.overApplied).toEqual([]);
  });

  it("reports over-applied bills and refuses unknown or duplicate bills", () => {
    expect(reconcile(bills, [{ billId: "b3", fen: 301 }], []).overApplied).toEqual(["b3"]);
    expect(reconcile(bills, [{ billId: "b3", fen: 300 }], [{ billId: "b3", fen: 1 }]).overApplied).toEqual(["b3"]);
    expect(() => reconcile(bills, [{ billId: "nope", fen: 1 }], [])).toThrow(RangeError);
    expect(() => reconcile(bills, [], [{ billId: "nope", fen: 1 }])).toThrow(RangeError);
    expect(() => reconcile([...bills, bills[0]], [], [])).toThrow(RangeError);
    expect(() => reconcile(bills, [{ billId: "b1", fen: -1 }], [])).toThrow(RangeError);
  });

  it("nothing billed, nothing owed", () => {
    expect(reconcile([], [], [])).toEqual({ bills: new Map(), units: new Map(), total: { billedFen: 0, paidFen: 0, creditedFen: 0, outstandingFen: 0 }, overApplied: [] });
  });
});

/** mulberry32: a small seeded PRNG, so a failing history reproduces from its seed. */
function prng(seed: number) {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { int, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] };
}

describe("property: random histories keep the ledger's identity", () => {
  const seen = { partial: 0, prepaid: 0, creditFromPrepayment: 0, creditNotes: 0, overpaidThenBilled: 0 };
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))("seed %i", (seed) => {
    const r = prng(seed);
    const units = Array.from({ length: r.int(1, 4) }, (_, i) => `u${i}`);
    const bills: (OpenBill & { unitId: string; amountFen: number })[] = [];
    const allocations: Allocation[] = [];
    const credits: { billId: string; fen: number }[] = [];
    const paidIn = new Map(units.map((u) => [u, 0]));
    const creditBalance = new Map(units.map((u) => [u, 0]));

    // Apply `fen` for `unitId` and check the allocation is oldest first and never over a bill's outstanding.
    const apply = (unitId: string, fen: number) => {
      const open = bills.filter((b) => b.unitId === unitId);
      const before = new Map(open.map((b) => [b.id, b.outstandingFen]));
      const res = allocate(fen, open);
      expect(res.allocations.reduce((s, a) => s + a.fen, 0) + res.creditFen).toBe(fen);
      const ordered = [...open].sort(compareOldestFirst).filter((b) => b.outstandingFen > 0);
      res.allocations.forEach((a, i) => {
        expect(a.billId).toBe(ordered[i].id); // no open bill is skipped
        expect(a.fen).toBeGreaterThan(0);
        expect(a.fen).toBeLessThanOrEqual(before.get(a.billId)!);
        if (i < res.allocations.length - 1 || res.creditFen > 0) expect(a.fen).toBe(before.get(a.billId)); // all but the last are paid in full
      });
      if (res.creditFen > 0) expect(res.allocations).toHaveLength(ordered.length);
      if (res.creditFen > 0) seen.prepaid++;
      if (res.allocations.some((a) => a.fen < before.get(a.billId)!)) seen.partial++;
      for (const a of res.allocations) bills.find((b) => b.id === a.billId)!.outstandingFen -= a.fen;
      allocations.push(...res.allocations);
      creditBalance.set(unitId, res.creditFen);
    };

    for (let step = 0; step < 40; step++) {
      const unitId = r.pick(units);
      const action = r.int(0, 9);
      if (action < 4) {
        // issue a bill: a period of 1–3 months, a random rate per month, a random area or count
        const from = shiftMonth("2024-01", r.int(0, 23));
        const months = monthsOf({ from, to: shiftMonth(from, r.int(0, 2)) });
        const basis = r.pick(["area", "space", "unit"] as const);
        const amountFen = billAmountFen(basis, months.map(() => ({ rateFen: r.int(0, 500) })), basis === "area" ? r.int(0, 30_000) : r.int(0, 3));
        const b = { id: `b${bills.length}`, unitId, dueDay: dueDay({ from }, r.int(0, 1) ? null : r.int(1, 31)), periodStart: from, itemCode: r.pick(["PARK", "PROP"]), outstandingFen: amountFen, amountFen };
        bills.push(b);
        const credit = creditBalance.get(unitId)!;
        if (credit > 0) {
          seen.creditFromPrepayment++;
          if (amountFen > 0) seen.overpaidThenBilled++;
          apply(unitId, credit); // prepayment credit goes to the new bill
        }
      } else if (action < 8) {
        const fen = r.int(1, 60_000);
        paidIn.set(unitId, paidIn.get(unitId)! + fen);
        apply(unitId, creditBalance.get(unitId)! + fen);
      } else {
        const open = bills.filter((b) => b.unitId === unitId && b.outstandingFen > 0);
        if (open.length === 0) continue;
        const b = r.pick(open);
        expect(creditNoteProblem(b.outstandingFen, b.outstandingFen + 1)).toBe("EXCEEDS_OUTSTANDING");
        const fen = r.int(1, b.outstandingFen);
        expect(creditNoteProblem(b.outstandingFen, fen)).toBeNull();
        credits.push({ billId: b.id, fen });
        seen.creditNotes++;
        b.outstandingFen -= fen;
      }
    }

    const rec = reconcile(bills, allocations, credits);
    expect(rec.overApplied).toEqual([]);
    for (const b of bills) {
      const t = rec.bills.get(b.id)!;
      expect(t.outstandingFen).toBe(b.outstandingFen);
      expect(t.outstandingFen).toBeGreaterThanOrEqual(0);
    }
    const sum = { billedFen: 0, paidFen: 0, creditedFen: 0, outstandingFen: 0 };
    for (const u of units) {
      const t = rec.units.get(u) ?? { billedFen: 0, paidFen: 0, creditedFen: 0, outstandingFen: 0 };
      const mine = bills.filter((b) => b.unitId === u);
      expect(t.billedFen).toBe(mine.reduce((s, b) => s + b.amountFen, 0));
      expect(t.outstandingFen).toBe(t.billedFen - t.paidFen - t.creditedFen);
      expect(t.outstandingFen).toBe(mine.reduce((s, b) => s + b.outstandingFen, 0));
      // money received = money applied to bills + credit still held
      expect(paidIn.get(u)).toBe(t.paidFen + creditBalance.get(u)!);
      // credit is only held while nothing is outstanding
      if (creditBalance.get(u)! > 0) expect(t.outstandingFen).toBe(0);
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += t[k];
    }
    expect(rec.total).toEqual(sum);
    expect(rec.total.outstandingFen).toBe(rec.total.billedFen - rec.total.paidFen - rec.total.creditedFen);
    const rate = collectionRate(rec.total);
    if (rate) expect(rateAtLeast({ num: 1, den: 1 }, rate)).toBe(true); // never more than 100 % collected
  });

  it("the histories reach every path (partial payments, prepayment credit used later, credit notes)", () => {
    for (const [path, n] of Object.entries(seen)) expect(n, path).toBeGreaterThan(5);
  });
});

// ————————————————————————————————————————————————————————— collection rate

describe("collection rate: paid ÷ (billed − credited), exact", () => {
  it("as a fraction; null when nothing is billed net", () => {
    expect(collectionRate({ billedFen: 1000, creditedFen: 100, paidFen: 450 })).toEqual({ num: 450, den: 900 });
    expect(collectionRate({ billedFen: 1000, creditedFen: 0, paidFen: 1000 })).toEqual({ num: 1000, den: 1000 });
    expect(collectionRate({ billedFen: 0, creditedFen: 0, paidFen: 0 })).toBeNull();
    expect(collectionRate({ billedFen: 500, creditedFen: 500, paidFen: 0 })).toBeNull();
  });

  it("refuses negative or fractional amounts and credit above billing", () => {
    expect(() => collectionRate({ billedFen: 100, creditedFen: 101, paidFen: 0 })).toThrow(RangeError);
    expect(() => collectionRate({ billedFen: -1, creditedFen: 0, paidFen: 0 })).toThrow(RangeError);
    expect(() => collectionRate({ billedFen: 100, creditedFen: 0, paidFen: 0.5 })).toThrow(RangeError);
  });

  it("by households: all of the period's bills paid; fully credited households are not counted", () => {
    expect(
      householdCollectionRate([
        { unitId: "u1", billedFen: 100, creditedFen: 0, paidFen: 100 },
        { unitId: "u1", billedFen: 50, creditedFen: 10, paidFen: 40 },
        { unitId: "u2", billedFen: 100, creditedFen: 0, paidFen: 100 },
        { unitId: "u2", billedFen: 100, creditedFen: 0, paidFen: 99 },
        { unitId: "u3", billedFen: 100, creditedFen: 100, paidFen: 0 },
        { unitId: "u4", billedFen: 100, creditedFen: 0, paidFen: 0 },
      ]),
    ).toEqual({ num: 1, den: 3 });
    expect(householdCollectionRate([])).toBeNull();
    expect(householdCollectionRate([{ unitId: "u3", billedFen: 100, creditedFen: 100, paidFen: 0 }])).toBeNull();
  });

  it("compares by cross-multiplication, exactly where floats tie", () => {
    expect(compareRates({ num: 1, den: 3 }, { num: 333, den: 1000 })).toBe(1);
    expect(compareRates({ num: 2, den: 4 }, { num: 1, den: 2 })).toBe(0);
    expect(compareRates({ num: 0, den: 7 }, { num: 1, den: 1_000_000 })).toBe(-1);
    const N = Number.MAX_SAFE_INTEGER;
    const a = { num: N - 1, den: N };
    const b = { num: N - 2, den: N - 1 };
    expect(a.num / a.den).toBe(b.num / b.den); // floats cannot tell them apart
    expect(compareRates(a, b)).toBe(1);
    expect(compareRates(b, a)).toBe(-1);
  });

  it.each([
    [{ num: 9499, den: 10000 }, false],
    [{ num: 9500, den: 10000 }, true],
    [{ num: 19, den: 20 }, true],
    [{ num: 1, den: 1 }, true],
    [{ num: 0, den: 1 }, false],
  ])("%j reaches 95 %: %s", (rate, yes) => expect(rateAtLeast(rate, { num: 95, den: 100 })).toBe(yes));

  it("refuses a zero or negative denominator", () => {
    expect(() => compareRates({ num: 1, den: 0 }, { num: 1, den: 1 })).toThrow(RangeError);
    expect(() => compareRates({ num: -1, den: 2 }, { num: 1, den: 1 })).toThrow(RangeError);
  });

  it.each([
    [{ num: 2, den: 3 }, 1, "66.7%"],
    [{ num: 1, den: 3 }, 1, "33.3%"],
    [{ num: 1, den: 8 }, 1, "12.5%"],
    [{ num: 1, den: 16 }, 1, "6.3%"], // 6.25 → half up
    [{ num: 1, den: 16 }, 2, "6.25%"],
    [{ num: 1, den: 1 }, 1, "100.0%"],
    [{ num: 0, den: 5 }, 1, "0.0%"],
    [{ num: 1, den: 200 }, 0, "1%"], // 0.5 → 1
    [{ num: 1, den: 201 }, 0, "0%"],
    [{ num: 999, den: 1000 }, 0, "100%"],
    [{ num: 999, den: 1000 }, 1, "99.9%"],
    [{ num: 19_999, den: 20_000 }, 1, "100.0%"], // 99.995
    [{ num: 3, den: 2 }, 1, "150.0%"],
    [{ num: 1, den: 7 }, 3, "14.286%"],
  ])("%j with %i decimals → %s", (f, d, text) => expect(percentText(f, d)).toBe(text));

  it("percentText defaults to one decimal and refuses bad decimals", () => {
    expect(percentText({ num: 450, den: 900 })).toBe("50.0%");
    for (const d of [-1, 7, 1.5]) expect(() => percentText({ num: 1, den: 2 }, d)).toThrow(RangeError);
    expect(() => percentText({ num: 1, den: 0 })).toThrow(RangeError);
  });
});

// ————————————————————————————————————————————————————————— amounts typed by people

describe("parseAmountFen: yuan text → fen", () => {
  it.each([
    ["127.85", 12785],
    ["12", 1200],
    ["0.5", 50],
    ["0.01", 1],
    ["1,200.00", 120000],
    ["¥3.20", 320],
    ["３.２", 320],
    [" 5 ", 500],
    ["5元", 500],
    ["1000000", 100_000_000],
  ])("%j → %i fen", (text, fen) => expect(parseAmountFen(text)).toEqual({ ok: true, value: fen }));

  it.each([
    ["", "REQUIRED"],
    ["   ", "REQUIRED"],
    ["abc", "NOT_NUMBER"],
    ["1.2.3", "NOT_NUMBER"],
    ["1e5", "NOT_NUMBER"],
    ["-abc", "NOT_NUMBER"],
    ["-", "NOT_NUMBER"],
    ["-1", "NEGATIVE"],
    ["−1", "NEGATIVE"],
    ["－1", "NEGATIVE"],
    ["-0.355", "NEGATIVE"],
    ["- 5", "NEGATIVE"],
    ["¥-5", "NEGATIVE"],
    ["-¥5", "NEGATIVE"],
    ["0", "ZERO"],
    ["0.00", "ZERO"],
    ["-0", "ZERO"],
    ["0.001", "TOO_PRECISE"],
    ["1.234", "TOO_PRECISE"],
    ["1000000.01", "TOO_LARGE"],
    ["99999999", "TOO_LARGE"],
  ])("%j → %s", (text, reason) => expect(parseAmountFen(text)).toEqual({ ok: false, reason }));
});

describe("parseRateFen: 元 per m² (space, unit) per month, fen precision", () => {
  it.each([
    ["1.50", 150],
    ["1.5", 150],
    ["0.35", 35],
    ["150", 15000],
  ])("%j → %i fen", (text, fen) => expect(parseRateFen(text)).toEqual({ ok: true, value: fen }));

  it.each([
    ["", "REQUIRED"],
    ["1.505", "TOO_PRECISE"],
    ["0", "ZERO"],
    ["-1.5", "NEGATIVE"],
    ["一块五", "NOT_NUMBER"],
  ])("%j → %s", (text, reason) => expect(parseRateFen(text)).toEqual({ ok: false, reason }));
});
