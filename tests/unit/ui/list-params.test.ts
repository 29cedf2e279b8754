import { describe, expect, it } from "vitest";
import { listParamsSchema, optionalText, PAGE_SIZES, searchParamsObject } from "~/ui/list-params";

const Schema = listParamsSchema(["name", "createdAt", "amount"] as const, "createdAt", "desc", { q: optionalText(10) });
const DEFAULTS = { page: 1, size: 25, sort: "createdAt", dir: "desc", format: undefined, q: undefined };

describe("listParamsSchema @platform", () => {
  it("page sizes are 10, 25, 50, 100", () => {
    expect([...PAGE_SIZES]).toEqual([10, 25, 50, 100]);
  });

  it("an empty query gives the defaults", () => {
    expect(Schema.parse({})).toEqual(DEFAULTS);
  });

  it("takes the default dir from the caller", () => {
    const Asc = listParamsSchema(["a"] as const, "a", "asc", {});
    expect(Asc.parse({ dir: "sideways" }).dir).toBe("asc");
  });

  it.each<[string, unknown, number]>([
    ["1", "1", 1],
    ["2", "2", 2],
    ["100000 (max)", "100000", 100_000],
    ["number input", 7, 7],
    ["0 → default", "0", 1],
    ["-1 → default", "-1", 1],
    ["100001 → default", "100001", 1],
    ["1.5 → default", "1.5", 1],
    ["abc → default", "abc", 1],
    ["empty → default", "", 1],
    ["NaN → default", "NaN", 1],
    ["Infinity → default", "Infinity", 1],
    ["array → default", ["2", "3"], 1],
    ["object → default", { $gt: 1 }, 1],
    ["null → default", null, 1],
  ])("page %s", (_label, page, expected) => {
    expect(Schema.parse({ page }).page).toBe(expected);
  });

  it.each<[unknown, number]>([
    ["10", 10],
    ["25", 25],
    ["50", 50],
    ["100", 100],
    [50, 50],
    ["0", 25],
    ["1", 25],
    ["20", 25],
    ["99", 25],
    ["101", 25],
    ["1000", 25],
    ["-10", 25],
    ["10.0001", 25],
    ["x", 25],
    ["", 25],
  ])("size %j → %d", (size, expected) => {
    expect(Schema.parse({ size }).size).toBe(expected);
  });

  it.each<[unknown, string]>([
    ["name", "name"],
    ["createdAt", "createdAt"],
    ["amount", "amount"],
    ["NAME", "createdAt"],
    ["password_hash", "createdAt"],
    ["name; drop table users", "createdAt"],
    ["__proto__", "createdAt"],
    ["", "createdAt"],
    [1, "createdAt"],
  ])("sort %j → %s", (sort, expected) => {
    expect(Schema.parse({ sort }).sort).toBe(expected);
  });

  it.each<[unknown, string]>([
    ["asc", "asc"],
    ["desc", "desc"],
    ["ASC", "desc"],
    ["up", "desc"],
    ["", "desc"],
  ])("dir %j → %s", (dir, expected) => {
    expect(Schema.parse({ dir }).dir).toBe(expected);
  });

  it.each<[unknown, string | undefined]>([
    ["csv", "csv"],
    ["xlsx", "xlsx"],
    ["pdf", undefined],
    ["CSV", undefined],
    [undefined, undefined],
  ])("format %j → %j", (format, expected) => {
    expect(Schema.parse({ format }).format).toBe(expected);
  });

  it.each<[unknown, string | undefined]>([
    ["张三", "张三"],
    ["  li  ", "li"],
    ["", undefined],
    ["   ", undefined],
    ["x".repeat(10), "x".repeat(10)],
    ["x".repeat(11), undefined],
    [42, undefined],
  ])("filter q %j → %j", (q, expected) => {
    expect(Schema.parse({ q }).q).toBe(expected);
  });

  it("a wholly malformed query never throws and gives the defaults", () => {
    const garbage = { page: "-3", size: "7", sort: "evil", dir: "x", format: "exe", q: "y".repeat(500) };
    expect(() => Schema.parse(garbage)).not.toThrow();
    expect(Schema.parse(garbage)).toEqual(DEFAULTS);
  });

  it("keeps good values alongside bad ones", () => {
    expect(Schema.parse({ page: "3", size: "bad", sort: "name", dir: "bad", q: " a " })).toEqual({
      ...DEFAULTS,
      page: 3,
      sort: "name",
      q: "a",
    });
  });

  it("unknown keys are stripped", () => {
    expect(Schema.parse({ admin: "1" })).not.toHaveProperty("admin");
  });
});

describe("searchParamsObject @platform", () => {
  it.each<[string, Record<string, string>]>([
    ["/x", {}],
    ["/x?page=2&size=50", { page: "2", size: "50" }],
    ["/x?q=&page=2", { page: "2" }],
    ["/x?q=%E5%BC%A0", { q: "张" }],
    ["/x?page=1&page=3", { page: "3" }],
  ])("%s → %j", (url, expected) => {
    expect(searchParamsObject(new URL(url, "http://localhost"))).toEqual(expected);
  });
});
