import { describe, expect, it } from "vitest";
import { approved, motionPasses, quorumMet, thresholdFor } from "~/decisions/rules";

// rules.md §1 test vectors; areas in m² stored ×100 (integer 0.01 m²).
type Row = [name: string, tH: number, tA: bigint, pH: number, pA: bigint, yH: number, yA: bigint, quorum: boolean, ordinary: boolean, special: boolean];
const V: Row[] = [
  ["V1", 200, 2_000_000n, 134, 1_340_000n, 68, 680_000n, true, true, false],
  ["V2", 300, 3_000_000n, 200, 2_000_000n, 101, 1_010_000n, true, true, false],
  ["V3", 300, 3_000_000n, 199, 2_000_000n, 150, 1_500_000n, false, false, false],
  ["V4", 300, 3_000_000n, 200, 2_000_000n, 100, 1_000_000n, true, false, false],
  ["V5", 300, 3_000_000n, 200, 2_000_000n, 150, 1_500_000n, true, true, true],
  ["V6", 300, 3_000_000n, 200, 2_000_000n, 149, 1_500_000n, true, true, false],
  ["V7", 200, 2_000_000n, 150, 1_600_000n, 70, 900_000n, true, false, false],
  // 100 units × 80.00 m²: 10 unsold to the developer (one voter) + 90 owners → 91 heads, 800,000.00 m² ×100.
  ["V8", 91, 800_000n, 61, 560_000n, 40, 392_000n, true, true, false],
  ["V9", 30, 90_000n, 20, 59_999n, 20, 59_999n, false, false, false],
  ["V10", 3, 3_000_000_001n, 2, 2_000_000_001n, 2, 2_000_000_001n, true, true, true],
];

describe("Civil Code Art. 278 thresholds @decisions", () => {
  it.each(V)("%s", (_name, tH, tA, pH, pA, yH, yA, quorum, ordinary, special) => {
    const total = { heads: tH, area: tA };
    const part = { heads: pH, area: pA };
    const yes = { heads: yH, area: yA };
    expect(quorumMet(total, part)).toBe(quorum);
    expect(motionPasses("ordinary", total, part, yes)).toBe(ordinary);
    expect(motionPasses("special", total, part, yes)).toBe(special);
    // number inputs give the same answers where they are exact
    if (tA <= BigInt(Number.MAX_SAFE_INTEGER)) {
      expect(quorumMet({ heads: tH, area: Number(tA) }, { heads: pH, area: Number(pA) })).toBe(quorum);
    }
  });

  it("V8 builds its totals from 100 units of 80.00 m²", () => {
    const unit = 8_000n;
    expect({ heads: 1 + 90, area: 100n * unit }).toEqual({ heads: 91, area: 800_000n });
    expect({ heads: 1 + 60, area: 70n * unit }).toEqual({ heads: 61, area: 560_000n });
    expect({ heads: 1 + 39, area: 49n * unit }).toEqual({ heads: 40, area: 392_000n });
  });

  it("V10 sums exceed 2^31 in 0.01 m²", () => {
    expect(3_000_000_001n > 2n ** 31n).toBe(true);
  });
});

describe("thresholdFor @decisions", () => {
  it.each([
    [1, "ordinary"], [2, "ordinary"], [3, "ordinary"], [4, "ordinary"], [5, "ordinary"],
    [6, "special"], [7, "special"], [8, "special"], [9, "ordinary"],
  ] as const)("category %i → %s", (c, t) => {
    expect(thresholdFor(c)).toBe(t);
  });
});

describe("approved at the boundaries @decisions", () => {
  it.each([
    ["ordinary", 10, 10, 5, 6, false], // heads exactly half
    ["ordinary", 10, 10, 6, 5, false], // area exactly half
    ["ordinary", 10, 10, 6, 6, true],
    ["special", 4, 4, 3, 3, true], // exactly 3/4
    ["special", 4, 4, 3, 2, false],
    ["ordinary", 0, 0, 0, 0, false], // no participants: nothing approved
  ] as const)("%s P=(%i,%i) Y=(%i,%i) → %s", (t, pH, pA, yH, yA, want) => {
    expect(approved(t, { heads: pH, area: pA }, { heads: yH, area: yA })).toBe(want);
  });
});
