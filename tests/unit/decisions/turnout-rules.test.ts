import { describe, expect, it } from "vitest";
import { perMille, quorumMet, quorumShortfall } from "~/decisions/rules";

describe("quorumShortfall (民法典 Art. 278 ¶2) @decisions", () => {
  it.each([
    // T_H, T_A, P_H, P_A → short heads, short area
    [300, 3_000_000, 200, 2_000_000, 0n, 0n], // exactly two thirds: nothing short
    [300, 3_000_000, 199, 2_000_000, 1n, 0n],
    [300, 3_000_000, 200, 1_999_999, 0n, 1n],
    [91, 800_000, 61, 560_000, 0n, 0n], // ⌈182/3⌉ = 61
    [91, 800_000, 60, 533_333, 1n, 1n], // ⌈1,600,000/3⌉ = 533,334
    [1, 1, 0, 0, 1n, 1n],
    [0, 0, 0, 0, 0n, 0n],
    [300, 3_000_000, 300, 3_000_000, 0n, 0n],
  ])("T %i/%i, P %i/%i → short %s heads, %s area", (th, ta, ph, pa, sh, sa) => {
    const s = quorumShortfall({ heads: th, area: ta }, { heads: ph, area: pa });
    expect(s).toEqual({ heads: sh, area: sa });
    // Adding exactly the shortfall reaches the quorum; one less on a short count does not.
    expect(quorumMet({ heads: th, area: ta }, { heads: BigInt(ph) + s.heads, area: BigInt(pa) + s.area })).toBe(true);
    if (s.heads > 0n) expect(quorumMet({ heads: th, area: ta }, { heads: BigInt(ph) + s.heads - 1n, area: BigInt(pa) + s.area })).toBe(false);
    if (s.area > 0n) expect(quorumMet({ heads: th, area: ta }, { heads: BigInt(ph) + s.heads, area: BigInt(pa) + s.area - 1n })).toBe(false);
  });

  it("is exact above 2^53 (bigint)", () => {
    const t = 3n * 2n ** 60n + 1n;
    expect(quorumShortfall({ heads: 3, area: t }, { heads: 2, area: 0n })).toEqual({ heads: 0n, area: (2n * t + 2n) / 3n });
  });
});

describe("perMille @decisions", () => {
  it.each([
    [0, 0, 0],
    [1, 5, 200],
    [199, 1000, 199],
    [1, 3, 333],
    [2, 3, 666],
    [5, 5, 1000],
  ])("%i of %i → %i‰", (p, w, out) => expect(perMille(p, w)).toBe(out));
});
