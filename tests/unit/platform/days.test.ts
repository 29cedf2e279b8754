import { describe, expect, it } from "vitest";
import {
  addDays,
  checkCalendarEntry,
  dayOfWeek,
  EMPTY_CALENDAR,
  endOfDay,
  firstMomentAfter,
  holidayCalendar,
  isRestDay,
  isWithinPeriod,
  periodEnd,
  shanghaiDay,
  startOfDay,
} from "~/platform/days";
import { CalendarDaySchema } from "~/platform/calendar-schema";
import { HOLIDAYS, HOLIDAYS_2025, HOLIDAYS_2026 } from "~seeds/holidays";

const CAL = holidayCalendar(HOLIDAYS);
const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

describe("counting days (民法典 Arts. 201–203) @registry", () => {
  // rules.md "Counting days": the exact vectors.
  it.each<[string, string, number, string, string]>([
    ["notice with 15 days' notice", "2025-03-03T10:00:00+08:00", 15, "2025-03-18", "2025-03-19T00:00:00+08:00"],
    ["within 30 days of an election", "2025-06-10T10:00:00+08:00", 30, "2025-07-10", "2025-07-11T00:00:00+08:00"],
    ["last day 05-31 in 端午 → 06-03", "2025-05-01T10:00:00+08:00", 30, "2025-06-03", "2025-06-04T00:00:00+08:00"],
    ["last day 10-01 in 国庆/中秋 → 10-09", "2025-09-01T10:00:00+08:00", 30, "2025-10-09", "2025-10-10T00:00:00+08:00"],
  ])("rules.md vector: %s", (_, event, days, lastDay, endsAt) => {
    const p = periodEnd(at(event), days, CAL);
    expect(p.lastDay).toBe(lastDay);
    expect(iso(p.endsAt)).toBe(iso(at(endsAt)));
  });

  it("voting may open from 2025-03-19 00:00 after a notice of 2025-03-03 10:00 with 15 days", () => {
    const open = firstMomentAfter(at("2025-03-03T10:00:00+08:00"), 15, CAL);
    expect(iso(open)).toBe(iso(at("2025-03-19T00:00:00+08:00")));
    expect(isWithinPeriod(at("2025-03-03T10:00:00+08:00"), 15, CAL, at("2025-03-18T23:59:59.999+08:00"))).toBe(true);
    expect(isWithinPeriod(at("2025-03-03T10:00:00+08:00"), 15, CAL, open)).toBe(false);
  });

  it("the moved vectors say they were extended; the plain ones do not", () => {
    expect(periodEnd(at("2025-05-01T10:00:00+08:00"), 30, CAL).extended).toBe(true);
    expect(periodEnd(at("2025-06-10T10:00:00+08:00"), 30, CAL).extended).toBe(false);
  });

  it.each<[string, string, number, string]>([
    // The day of the event is the Shanghai day: 23:59 and 00:00 are different days.
    ["23:59 Shanghai counts from the next day", "2025-03-03T23:59:00+08:00", 15, "2025-03-18"],
    ["00:00 Shanghai is already the next day", "2025-03-04T00:00:00+08:00", 15, "2025-03-19"],
    ["an instant in UTC that is already the next day in Shanghai", "2025-03-03T16:30:00Z", 15, "2025-03-19"],
    ["the last millisecond before Shanghai midnight, in UTC", "2025-03-03T15:59:59.999Z", 15, "2025-03-18"],
    // Weekends and 调休.
    ["an ordinary weekend moves to Monday", "2025-03-07T09:00:00+08:00", 15, "2025-03-24"],
    ["a 调休 working Saturday is not moved (10-11)", "2025-09-11T09:00:00+08:00", 30, "2025-10-11"],
    ["a 调休 working Sunday is not moved (09-28)", "2025-09-13T09:00:00+08:00", 15, "2025-09-28"],
    ["a Sunday before 春节 that is a working day (01-26)", "2025-01-11T09:00:00+08:00", 15, "2025-01-26"],
    // Months of different lengths.
    ["31 January + 30 days in a common year (Feb has 28)", "2025-01-31T09:00:00+08:00", 30, "2025-03-03"],
    ["28 February + 1 day in a common year is Saturday 1 March → Monday", "2025-02-28T09:00:00+08:00", 1, "2025-03-03"],
    ["30 April + 1 day falls in 劳动节 → 05-06", "2025-04-30T09:00:00+08:00", 1, "2025-05-06"],
    ["30 June + 31 days", "2025-06-30T09:00:00+08:00", 31, "2025-07-31"],
    // Year end.
    ["over the year end", "2025-12-15T09:00:00+08:00", 30, "2026-01-14"],
    ["31 December + 1 day: 元旦 01-01…01-03, then the 调休 Sunday 01-04 works", "2025-12-31T09:00:00+08:00", 1, "2026-01-04"],
    ["an event at 23:59 on 31 December Shanghai, given in UTC", "2025-12-31T15:59:00Z", 4, "2026-01-04"],
    ["an event at 00:30 on 1 January Shanghai, given in UTC as 31 December", "2025-12-31T16:30:00Z", 4, "2026-01-05"],
  ])("%s", (_, event, days, lastDay) => {
    const p = periodEnd(at(event), days, CAL);
    expect(p.lastDay).toBe(lastDay);
    expect(iso(p.endsAt)).toBe(iso(endOfDay(lastDay)));
    expect(iso(p.endsAt)).toBe(iso(at(`${addDays(lastDay, 1)}T00:00:00+08:00`)));
  });

  it("a leap year has 29 February (weekends only calendar)", () => {
    expect(periodEnd(at("2024-02-28T09:00:00+08:00"), 1, EMPTY_CALENDAR).lastDay).toBe("2024-02-29");
    expect(periodEnd(at("2024-01-31T09:00:00+08:00"), 30, EMPTY_CALENDAR).lastDay).toBe("2024-03-01");
  });

  it("does not depend on the host time zone (instants are compared, not local clocks)", () => {
    expect(shanghaiDay(at("2025-06-30T16:00:00Z"))).toBe("2025-07-01");
    expect(shanghaiDay(at("2025-06-30T15:59:59Z"))).toBe("2025-06-30");
    expect(iso(startOfDay("2025-07-01"))).toBe("2025-06-30T16:00:00.000Z");
    expect(iso(endOfDay("2025-07-01"))).toBe("2025-07-01T16:00:00.000Z");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a period of %s days", (days) => {
    expect(() => periodEnd(at("2025-03-03T10:00:00+08:00"), days, CAL)).toThrow(RangeError);
  });

  it("refuses malformed days and invalid instants", () => {
    expect(() => isRestDay("2025-02-30", CAL)).toThrow(RangeError);
    expect(() => addDays("2025-1-1", 1)).toThrow(RangeError);
    expect(() => shanghaiDay(new Date("nope"))).toThrow(RangeError);
  });

  it("a calendar that marks every day as rest does not loop forever", () => {
    const all = holidayCalendar(Array.from({ length: 400 }, (_, i) => ({ day: addDays("2025-01-01", i), kind: "holiday" as const })));
    expect(() => periodEnd(at("2025-01-01T09:00:00+08:00"), 1, all)).toThrow(/every day/);
  });
});

describe("rest days @registry", () => {
  it.each<[string, boolean]>([
    ["2025-03-04", false], // Tuesday
    ["2025-03-08", true], // Saturday
    ["2025-03-09", true], // Sunday
    ["2025-10-01", true], // 国庆 (Wednesday)
    ["2025-09-28", false], // 调休 Sunday
    ["2025-10-11", false], // 调休 Saturday
    ["2025-05-31", true], // 端午, a Saturday declared a holiday
    ["2026-02-14", false], // 调休 Saturday before 春节
    ["2026-02-23", true], // 春节 (Monday)
  ])("%s rest: %s", (day, rest) => {
    expect(isRestDay(day, CAL)).toBe(rest);
  });

  it.each<[string, number]>([
    ["1970-01-01", 4],
    ["2025-03-03", 1],
    ["2025-03-08", 6],
    ["2025-03-09", 0],
    ["2024-02-29", 4],
  ])("%s is weekday %i", (day, w) => {
    expect(dayOfWeek(day)).toBe(w);
  });

  it("a 调休 working day must be a Saturday or Sunday", () => {
    expect(checkCalendarEntry("2025-10-11", "workday")).toEqual({ ok: true });
    expect(checkCalendarEntry("2025-10-10", "workday")).toEqual({ ok: false, reason: "WORKDAY_NOT_WEEKEND" });
    expect(checkCalendarEntry("2025-10-10", "holiday")).toEqual({ ok: true });
  });
});

describe("the State Council calendars in the seed @registry", () => {
  const count = (list: typeof HOLIDAYS, kind: "holiday" | "workday") => list.filter((d) => d.kind === kind).length;

  it("2025 (国办发明电〔2024〕12号): 28 rest days, 5 working days", () => {
    expect([count(HOLIDAYS_2025, "holiday"), count(HOLIDAYS_2025, "workday")]).toEqual([28, 5]);
    expect(HOLIDAYS_2025.filter((d) => d.kind === "workday").map((d) => d.day)).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
  });

  it("2026 (notice of 2025-11-04): 33 rest days, 6 working days", () => {
    expect([count(HOLIDAYS_2026, "holiday"), count(HOLIDAYS_2026, "workday")]).toEqual([33, 6]);
    expect(HOLIDAYS_2026.filter((d) => d.kind === "workday").map((d) => d.day).sort()).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
  });

  // The weekdays the notices print next to each date, as a check on both the data and dayOfWeek.
  it.each<[string, number]>([
    ["2025-01-26", 0], ["2025-02-08", 6], ["2025-04-27", 0], ["2025-09-28", 0], ["2025-10-11", 6], ["2025-10-01", 3], ["2025-10-08", 3],
    ["2026-01-01", 4], ["2026-01-03", 6], ["2026-01-04", 0], ["2026-02-15", 0], ["2026-02-23", 1], ["2026-02-14", 6], ["2026-02-28", 6],
    ["2026-04-04", 6], ["2026-04-06", 1], ["2026-05-01", 5], ["2026-05-05", 2], ["2026-05-09", 6], ["2026-06-19", 5], ["2026-06-21", 0],
    ["2026-09-25", 5], ["2026-09-27", 0], ["2026-10-01", 4], ["2026-10-07", 3], ["2026-09-20", 0], ["2026-10-10", 6],
  ])("%s is weekday %i as the notice says", (day, w) => {
    expect(dayOfWeek(day)).toBe(w);
    expect(HOLIDAYS.some((d) => d.day === day)).toBe(true);
  });

  it("has no day twice, every working day is a weekend day, and every name is a festival", () => {
    expect(new Set(HOLIDAYS.map((d) => d.day)).size).toBe(HOLIDAYS.length);
    for (const d of HOLIDAYS) expect(checkCalendarEntry(d.day, d.kind).ok).toBe(true);
    for (const d of HOLIDAYS) expect(d.name).toMatch(/^(元旦|春节|清明节|劳动节|端午节|中秋节|国庆节|国庆节、中秋节)$/);
  });
});

describe("CalendarDaySchema @registry", () => {
  it.each<[string, Record<string, string>, Record<string, string> | null]>([
    ["a valid holiday", { day: "2027-01-01", kind: "holiday", name: " 元旦 " }, null],
    ["a valid 调休 Saturday", { day: "2027-03-06", kind: "workday", name: "测试" }, null],
    ["an empty date", { day: "", kind: "holiday", name: "元旦" }, { day: "errors.required" }],
    ["an impossible date", { day: "2025-02-30", kind: "holiday", name: "x" }, { day: "errors.dateInvalid" }],
    ["a missing name", { day: "2027-01-01", kind: "holiday", name: "  " }, { name: "errors.required" }],
    ["an unknown kind", { day: "2027-01-01", kind: "rest", name: "x" }, { kind: "calendar.errors.kindInvalid" }],
    ["a working day on a Monday", { day: "2027-03-08", kind: "workday", name: "x" }, { kind: "calendar.errors.workdayNotWeekend" }],
  ])("%s", (_, input, errors) => {
    const r = CalendarDaySchema.safeParse(input);
    if (!errors) {
      expect(r.success).toBe(true);
      return;
    }
    expect(r.success).toBe(false);
    const got = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(got).toEqual(errors);
  });
});
