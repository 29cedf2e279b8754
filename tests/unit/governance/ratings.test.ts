import { describe, expect, test } from "vitest";
import { averageTenths, lastQuarters, previousQuarter, quarterOf, quarterStart, tenthsText } from "~/governance/rules";

describe("quarters for the rating roll-ups", () => {
  test("a quarter starts on the first day of its first month", () => {
    expect(quarterStart("2026-Q1")).toBe("2026-01-01");
    expect(quarterStart("2025-Q2")).toBe("2025-04-01");
    expect(quarterStart("2025-Q3")).toBe("2025-07-01");
    expect(quarterStart("2025-Q4")).toBe("2025-10-01");
    expect(() => quarterStart("2025-Q5")).toThrow(RangeError);
    expect(() => quarterStart("2025Q1")).toThrow(RangeError);
  });

  test("the quarter before crosses the year", () => {
    expect(previousQuarter("2026-Q1")).toBe("2025-Q4");
    expect(previousQuarter("2025-Q4")).toBe("2025-Q3");
    expect(previousQuarter("2025-Q2")).toBe("2025-Q1");
  });

  test("the last quarters end with today's, newest first; a quarter's last and first days", () => {
    expect(lastQuarters("2026-03-02", 4)).toEqual(["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2"]);
    expect(lastQuarters("2026-03-31", 1)).toEqual(["2026-Q1"]);
    expect(lastQuarters("2026-04-01", 2)).toEqual(["2026-Q2", "2026-Q1"]);
    expect(lastQuarters("2025-12-31", 0)).toEqual([]);
    expect(quarterOf(quarterStart("2025-Q3"))).toBe("2025-Q3");
  });

  test("averages show with one decimal, from integers", () => {
    expect(tenthsText(averageTenths(17, 4)!)).toBe("4.3"); // 4.25 rounds half up
    expect(tenthsText(averageTenths(10, 2)!)).toBe("5.0");
    expect(tenthsText(averageTenths(1, 1)!)).toBe("1.0");
    expect(tenthsText(averageTenths(11, 3)!)).toBe("3.7"); // 3.666…
    expect(averageTenths(0, 0)).toBeNull();
    expect(() => tenthsText(4.3)).toThrow(RangeError);
  });
});
