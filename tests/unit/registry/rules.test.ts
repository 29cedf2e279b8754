import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaText, compareCodePoints, countsForVoting, groupVoters, parseAreaText, voterKey, type RollEntry } from "~/registry/rules";

describe("parseAreaText @registry", () => {
  it.each([
    ["85.23", 8523],
    ["85.2", 8520],
    ["85", 8500],
    [" 85.23 ", 8523],
    ["0.01", 1],
    ["1,234.56", 123456],
    ["８５．２３", 8523],
    ["85.23㎡", 8523],
    ["85.23 m²", 8523],
    ["100000.00", 10_000_000],
  ])("%j → %d", (input, value) => {
    expect(parseAreaText(input)).toEqual({ ok: true, value });
  });
  it.each([
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["85.234", "DECIMALS"],
    ["0.001", "DECIMALS"],
    ["0", "ZERO"],
    ["0.00", "ZERO"],
    ["-85.23", "NEGATIVE"],
    ["-0.01", "NEGATIVE"],
    ["abc", "FORMAT"],
    ["85,23", "FORMAT"],
    ["1,23.5", "FORMAT"],
    ["85.", "FORMAT"],
    [".5", "FORMAT"],
    ["1e3", "FORMAT"],
    ["100000.01", "TOO_LARGE"],
    ["99999999999", "TOO_LARGE"],
  ])("%j is refused: %s", (input, reason) => {
    expect(parseAreaText(input)).toEqual({ ok: false, reason });
  });
  it("areaText round-trips without floats", () => {
    for (const c of [1, 99, 100, 8523, 10_000_000]) expect(parseAreaText(areaText(c))).toEqual({ ok: true, value: c });
    expect(areaText(3_000_000_001n)).toBe("30000000.01");
  });
});

describe("voter grouping (SPC Interp. Art. 9) @registry", () => {
  it("one owner with several units is one head with the areas added", () => {
    const g = groupVoters([
      { unit: "a", area: 8523, owners: ["o1"] },
      { unit: "b", area: 9110, owners: ["o1"] },
    ]);
    expect(g.total).toEqual({ heads: 1, area: 17633n });
  });
  it("co-owners are one voter, whatever the order they are listed in", () => {
    expect(voterKey({ unit: "x", area: 1, owners: ["o-41", "o-40"] })).toBe("o-40+o-41");
    const g = groupVoters([
      { unit: "a", area: 100, owners: ["o-40", "o-41"] },
      { unit: "b", area: 200, owners: ["o-41", "o-40"] },
    ]);
    expect(g.total).toEqual({ heads: 1, area: 300n });
  });
  it("an owner of unit A alone who co-owns unit B is two voters", () => {
    const g = groupVoters([
      { unit: "a", area: 100, owners: ["o1"] },
      { unit: "b", area: 200, owners: ["o1", "o2"] },
    ]);
    expect(g.voters.map((v) => v.key)).toEqual(["o1", "o1+o2"]);
  });
  it("all developer-unsold parts are one voter, whatever their owners say", () => {
    const g = groupVoters([
      { unit: "a", area: 100, owners: [], developerUnsold: true },
      { unit: "b", area: 200, owners: ["o9"], developerUnsold: true },
      { unit: "c", area: 300, owners: ["o9"] },
    ]);
    expect(g.voters.map((v) => [v.key, v.area])).toEqual([
      ["developer", 300n],
      ["o9", 300n],
    ]);
  });
  it("rules.md V8: 100 units × 80.00 m², 10 unsold, 90 owners → 91 heads, 8,000.00 m²", () => {
    const roll: RollEntry[] = Array.from({ length: 100 }, (_, i) =>
      i < 10 ? { unit: `u${i}`, area: 8000, owners: [], developerUnsold: true } : { unit: `u${i}`, area: 8000, owners: [`o${i}`] },
    );
    const g = groupVoters(roll);
    expect(g.total).toEqual({ heads: 91, area: 800_000n });
    expect(g.byKey.get("developer")!.area).toBe(80_000n);
    expect(g.errors).toEqual([]);
  });
  it("rules.md V10: sums above 2^31 (and 2^53 across parts) stay exact", () => {
    const g = groupVoters([
      { unit: "a", area: 1_000_000_000_000_001n, owners: ["o1"] },
      { unit: "b", area: 1_999_999_999_999_999n, owners: ["o2"] },
      { unit: "c", area: 2n ** 53n, owners: ["o3"] },
    ]);
    expect(g.total.area).toBe(3_000_000_000_000_000n + 2n ** 53n);
  });
  it.each([
    [[], 1],
    [[{ unit: "a", area: 100, owners: [] }], 1],
    [[{ unit: "a", area: 0, owners: ["o1"] }], 1],
    [[{ unit: "a", area: 100, owners: ["o+1"] }], 1],
    [[{ unit: "a", area: 100, owners: ["developer"] }], 1],
    [[{ unit: "a", area: 100, owners: ["o1"] }, { unit: "a", area: 100, owners: ["o2"] }], 1],
  ] as [RollEntry[], number][])("bad roll entries are errors and count for nothing (%#)", (roll, n) => {
    const g = groupVoters(roll);
    expect(g.errors.length).toBe(n);
    expect(g.errors.every((e) => e.code === "bad-roll")).toBe(true);
    expect(g.total.heads).toBe(roll.length === 2 ? 1 : 0);
  });
  it("compares by code point, not UTF-16 unit", () => {
    // U+FF5E (fullwidth tilde) is one unit; U+1F600 is a surrogate pair starting 0xD83D < 0xFF5E.
    expect(compareCodePoints("\u{FF5E}", "\u{1F600}")).toBeLessThan(0);
    expect(["\u{1F600}", "\u{FF5E}"].sort()).toEqual(["\u{1F600}", "\u{FF5E}"]); // what the default sort would do
    expect(voterKey({ unit: "x", area: 1, owners: ["\u{1F600}", "\u{FF5E}"] })).toBe("\u{FF5E}+\u{1F600}");
  });
  it("parking counts toward voting area only where the rules of procedure say so", () => {
    expect(countsForVoting("parking", false)).toBe(false);
    expect(countsForVoting("parking", true)).toBe(true);
    expect(countsForVoting("dwelling", false)).toBe(true);
    expect(countsForVoting("shop", false)).toBe(true);
  });
});

describe("the worked decision records' rolls @registry", () => {
  const dir = path.resolve("tests/fixtures/decision-records");
  it.each(["01-meeting", "02-meeting-tampered", "03-election-tie"])("%s: totals equal verify's", (name) => {
    const record = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8"));
    const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.verify.json`), "utf8"));
    const g = groupVoters(record.roll);
    for (const m of expected.motions) expect({ heads: g.total.heads, area: Number(g.total.area) }).toEqual(m.total);
    expect(g.errors).toEqual([]);
  });
});
