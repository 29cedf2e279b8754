import { describe, expect, it } from "vitest";
import { petitionReached } from "~/decisions/rules";

/**
 * 指导规则 Art. 21: an extraordinary meeting on the proposal of owners with 20% or more of the area AND 20% or
 * more of the headcount ("以上" includes the number itself, 民法典 Art. 1259): reached iff 5·S_H ≥ T_H and
 * 5·S_A ≥ T_A. Areas in integer 0.01 m².
 */
describe("petitionReached @decisions", () => {
  const T = { heads: 60, area: 600_000 }; // 60 voters, 6,000.00 m²

  it("exactly 20% of both reaches it", () => {
    expect(petitionReached(T, { heads: 12, area: 120_000 })).toBe(true);
    expect(petitionReached({ heads: 5, area: 5 }, { heads: 1, area: 1 })).toBe(true);
  });

  it("20% of the heads but the area short by 0.01 m² does not", () => {
    expect(petitionReached(T, { heads: 12, area: 119_999 })).toBe(false);
    expect(petitionReached(T, { heads: 60, area: 119_999 })).toBe(false);
  });

  it("20% of the area but one head short does not", () => {
    expect(petitionReached(T, { heads: 11, area: 120_000 })).toBe(false);
    expect(petitionReached(T, { heads: 11, area: 600_000 })).toBe(false);
  });

  it("totals not divisible by 5: the next whole head and 0.01 m² above a fifth", () => {
    // 61 heads: 12 is 19.67%, 13 is 21.3%; area 600,001: 120,000.2 needed → 120,001.
    const t = { heads: 61, area: 600_001 };
    expect(petitionReached(t, { heads: 12, area: 600_001 })).toBe(false);
    expect(petitionReached(t, { heads: 13, area: 120_000 })).toBe(false);
    expect(petitionReached(t, { heads: 13, area: 120_001 })).toBe(true);
  });

  it("all of them reach it; more than all (a stale total) still does", () => {
    expect(petitionReached(T, T)).toBe(true);
    expect(petitionReached(T, { heads: 70, area: 700_000 })).toBe(true);
  });

  it("totals above 2^53 are exact with bigint", () => {
    const two53 = 2n ** 53n;
    const total = { heads: 5n * two53 + 5n, area: 5n * two53 + 5n };
    // A fifth is exactly 2^53 + 1: one less (2^53, which a double cannot tell from 2^53 + 1 once multiplied) fails.
    expect(petitionReached(total, { heads: two53 + 1n, area: two53 + 1n })).toBe(true);
    expect(petitionReached(total, { heads: two53 + 1n, area: two53 })).toBe(false);
    expect(petitionReached(total, { heads: two53, area: two53 + 1n })).toBe(false);
    // Mixed number and bigint inputs. 5·2^53 + 1 is not a double: as floats, 5·2^53 ≥ it would wrongly hold.
    expect(5 * Number(two53) >= Number(5n * two53 + 1n)).toBe(true);
    expect(petitionReached({ heads: 60, area: 5n * two53 }, { heads: 12, area: two53 })).toBe(true);
    expect(petitionReached({ heads: 60, area: 5n * two53 + 1n }, { heads: 12, area: two53 })).toBe(false);
  });

  it("zero totals never reach it (an empty roll)", () => {
    expect(petitionReached({ heads: 0, area: 0 }, { heads: 0, area: 0 })).toBe(false);
    expect(petitionReached({ heads: 0n, area: 0n }, { heads: 0n, area: 0n })).toBe(false);
    expect(petitionReached({ heads: 0, area: 100 }, { heads: 0, area: 100 })).toBe(false);
  });

  it("no signatures never reach it", () => {
    expect(petitionReached(T, { heads: 0, area: 0 })).toBe(false);
    expect(petitionReached({ heads: 1, area: 1 }, { heads: 0, area: 0 })).toBe(false);
  });
});
