/**
 * The registry's law, pure. Sources: SPC Interpretation on building-unit ownership (2009, amended 2020)
 * Arts. 8–9; 指导规则 (建房〔2009〕274号) Arts. 23–25; decision-record.md "Voters".
 */

export type AreaProblem = "EMPTY" | "FORMAT" | "DECIMALS" | "ZERO" | "NEGATIVE" | "TOO_LARGE";

/** Largest single exclusive part we accept: 100,000.00 m² (far above any dwelling; guards typos). */
export const MAX_UNIT_AREA_CENTI = 10_000_000;

/**
 * Area text in m² → integer 0.01 m². Accepts "85.23", "85.2", "85", thousands commas and full-width digits;
 * refuses more than two decimals (we never round an area), zero, negatives and non-numbers.
 */
export function parseAreaText(input: string): { ok: true; value: number } | { ok: false; reason: AreaProblem } {
  const s = input.normalize("NFKC").trim().replace(/\s*(m²|m2|㎡|平方米|平米)$/i, "").trim();
  if (s === "") return { ok: false, reason: "EMPTY" };
  if (/^-/.test(s)) return /^-\d/.test(s) ? { ok: false, reason: "NEGATIVE" } : { ok: false, reason: "FORMAT" };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, reason: "FORMAT" };
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, reason: "DECIMALS" };
  const whole = m[1].replace(/,/g, "");
  if (whole.length > 9) return { ok: false, reason: "TOO_LARGE" };
  const value = Number(whole) * 100 + Number(frac.padEnd(2, "0") || "0");
  if (value === 0) return { ok: false, reason: "ZERO" };
  if (value > MAX_UNIT_AREA_CENTI) return { ok: false, reason: "TOO_LARGE" };
  return { ok: true, value };
}

/** Integer 0.01 m² → "85.23" (no floats). */
export function areaText(centi: number | bigint): string {
  const v = BigInt(centi);
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

export type RollEntry = { unit: string; area: number | bigint; owners: readonly string[]; developerUnsold?: boolean };
export type Voter = { key: string; area: bigint; units: string[] };
export type RollError = { code: "bad-roll"; index: number; unit: string; detail: string };

export const DEVELOPER = "developer";

/** Compare by Unicode code point (JS's default sort compares UTF-16 code units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** A unit's voter key: its owners sorted by code point and joined with "+", or "developer" (decision-record.md). */
export function voterKey(e: RollEntry): string {
  if (e.developerUnsold) return DEVELOPER;
  return [...e.owners].sort(compareCodePoints).join("+");
}

/**
 * The one grouping of exclusive parts into voters (SPC Interp. Art. 9), used by the registry's headcount, the
 * tally and `verify`: one exclusive part is one head, but every part with the same owning party (the same
 * voter key) is one voter with the areas added; all the developer's unsold or undelivered parts are one voter.
 * Bad entries (no owners and no developer flag, a repeated unit, area 0, an owner id with "+" or equal to
 * "developer") are errors and count for nothing. Totals are exact (bigint).
 */
export function groupVoters(roll: readonly RollEntry[]): {
  voters: Voter[];
  byKey: Map<string, Voter>;
  total: { heads: number; area: bigint };
  errors: RollError[];
} {
  const errors: RollError[] = [];
  const byKey = new Map<string, Voter>();
  const seen = new Set<string>();
  if (roll.length === 0) errors.push({ code: "bad-roll", index: -1, unit: "", detail: "the roll is empty" });
  roll.forEach((e, index) => {
    const bad = (detail: string) => errors.push({ code: "bad-roll", index, unit: e.unit, detail });
    if (seen.has(e.unit)) return bad("repeated unit");
    seen.add(e.unit);
    if (BigInt(e.area) <= 0n) return bad("area must be positive");
    if (!e.developerUnsold) {
      if (e.owners.length === 0) return bad("no owners and not the developer's");
      if (e.owners.some((o) => o.includes("+") || o === DEVELOPER)) return bad("owner id contains '+' or is 'developer'");
    }
    const key = voterKey(e);
    const v = byKey.get(key) ?? { key, area: 0n, units: [] };
    v.area += BigInt(e.area);
    v.units.push(e.unit);
    byKey.set(key, v);
  });
  const voters = [...byKey.values()];
  return { voters, byKey, total: { heads: voters.length, area: voters.reduce((s, v) => s + v.area, 0n) }, errors };
}

/** Which unit kinds count toward voting area: parking only where the rules of procedure say so (指导规则 Art. 25). */
export function countsForVoting(kind: "dwelling" | "shop" | "parking", countParking: boolean): boolean {
  return kind !== "parking" || countParking;
}
