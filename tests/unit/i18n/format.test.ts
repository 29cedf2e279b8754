import { describe, expect, it } from "vitest";
import { formatArea, formatDate, formatDateTime, formatMoney, shanghaiIso, TIME_ZONE } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

describe("formatMoney @platform", () => {
  it.each<[bigint | number, Locale, string]>([
    [0, "zh-CN", "¥0.00"],
    [0n, "en", "¥0.00"],
    [-0, "zh-CN", "¥0.00"],
    [1, "zh-CN", "¥0.01"],
    [5, "zh-CN", "¥0.05"],
    [5n, "en", "¥0.05"],
    [10, "zh-CN", "¥0.10"],
    [99, "zh-CN", "¥0.99"],
    [100, "zh-CN", "¥1.00"],
    [12785, "zh-CN", "¥127.85"],
    [12785n, "en", "¥127.85"],
    [99999, "zh-CN", "¥999.99"],
    [100000, "zh-CN", "¥1,000.00"],
    [123450, "en", "¥1,234.50"],
    [123456789, "zh-CN", "¥1,234,567.89"],
    [123456789, "en", "¥1,234,567.89"],
    [-5, "zh-CN", "-¥0.05"],
    [-12785n, "en", "-¥127.85"],
    [-123456789, "zh-CN", "-¥1,234,567.89"],
    [Number.MAX_SAFE_INTEGER, "zh-CN", "¥90,071,992,547,409.91"],
    // Above 2^53: bigint keeps every fen.
    [9007199254740993n, "zh-CN", "¥90,071,992,547,409.93"],
    [123456789012345678901n, "en", "¥1,234,567,890,123,456,789.01"],
    [-123456789012345678999n, "zh-CN", "-¥1,234,567,890,123,456,789.99"],
  ])("%s fen (%s) → %s", (fen, locale, expected) => {
    expect(formatMoney(fen, locale)).toBe(expected);
  });

  it.each([0.5, 1.25, Number.NaN, Number.POSITIVE_INFINITY])("refuses a non-integer number %s rather than rounding", (v) => {
    expect(() => formatMoney(v, "zh-CN")).toThrow(RangeError);
  });
});

describe("formatArea @platform", () => {
  it.each<[bigint | number, Locale, string]>([
    [8523, "zh-CN", "85.23 m²"],
    [8523n, "en", "85.23 m²"],
    [0, "zh-CN", "0.00 m²"],
    [1, "zh-CN", "0.01 m²"],
    [50, "en", "0.50 m²"],
    [100, "zh-CN", "1.00 m²"],
    [12345678, "zh-CN", "123,456.78 m²"],
    [12345678, "en", "123,456.78 m²"],
    [-8523, "zh-CN", "-85.23 m²"],
    [9007199254740993n, "en", "90,071,992,547,409.93 m²"],
  ])("%s (%s) → %s", (centi, locale, expected) => {
    expect(formatArea(centi, locale)).toBe(expected);
  });
});

describe("formatDateTime and formatDate in Asia/Shanghai @platform", () => {
  it("the display time zone is Asia/Shanghai", () => {
    expect(TIME_ZONE).toBe("Asia/Shanghai");
  });

  it.each<[string | Date, Locale, string]>([
    ["2025-03-03T16:30:00Z", "zh-CN", "2025/03/04 00:30"],
    ["2025-03-03T16:30:00Z", "en", "04/03/2025, 00:30"],
    [new Date("2025-03-03T16:30:00Z"), "zh-CN", "2025/03/04 00:30"],
    ["2025-03-03T15:59:00Z", "zh-CN", "2025/03/03 23:59"],
    ["2025-03-03T16:00:00Z", "zh-CN", "2025/03/04 00:00"],
    ["2024-12-31T16:00:00Z", "en", "01/01/2025, 00:00"],
    ["2024-12-31T15:59:59Z", "en", "31/12/2024, 23:59"],
    ["2025-05-02T09:14:03+08:00", "zh-CN", "2025/05/02 09:14"],
    ["2025-05-02T13:05:00Z", "zh-CN", "2025/05/02 21:05"],
  ])("formatDateTime(%s, %s) → %s", (d, locale, expected) => {
    expect(formatDateTime(d, locale)).toBe(expected);
  });

  it.each<[string | Date, Locale, string]>([
    ["2025-03-03T16:30:00Z", "zh-CN", "2025/03/04"],
    ["2025-03-03T16:30:00Z", "en", "04/03/2025"],
    ["2025-03-03T15:59:59Z", "zh-CN", "2025/03/03"],
    ["2025-03-03T16:00:00Z", "en", "04/03/2025"],
    [new Date("2024-02-28T16:00:00Z"), "zh-CN", "2024/02/29"],
  ])("formatDate(%s, %s) → %s", (d, locale, expected) => {
    expect(formatDate(d, locale)).toBe(expected);
  });

  it("does not depend on the process time zone", () => {
    // Whatever TZ the tests run in, the Shanghai day must be the one shown.
    const d = new Date("2025-03-03T16:30:00Z");
    expect(formatDate(d, "zh-CN")).toBe("2025/03/04");
    expect(d.getUTCDate()).toBe(3);
  });
});

describe("shanghaiIso @platform", () => {
  it.each<[string, string]>([
    ["2025-05-02T01:14:03Z", "2025-05-02T09:14:03+08:00"],
    ["2025-03-03T16:30:00Z", "2025-03-04T00:30:00+08:00"],
    ["2024-12-31T16:00:00Z", "2025-01-01T00:00:00+08:00"],
    ["2024-12-31T15:59:59.999Z", "2024-12-31T23:59:59+08:00"],
    ["2024-02-28T16:00:00Z", "2024-02-29T00:00:00+08:00"],
    ["1970-01-01T00:00:00Z", "1970-01-01T08:00:00+08:00"],
  ])("%s → %s", (input, expected) => {
    expect(shanghaiIso(new Date(input))).toBe(expected);
  });

  it.each(["2025-05-02T01:14:03Z", "2024-12-31T16:00:00Z", "2025-07-15T23:59:59Z"])("round-trips %s to the same instant", (input) => {
    const d = new Date(input);
    expect(new Date(shanghaiIso(d)).getTime()).toBe(d.getTime());
  });
});
