/**
 * The law of owners' joint decisions, pure. Source: 民法典 Art. 278 (thresholds), Art. 1259 ("以上" includes
 * the number itself); rules.md §1. Never floats: integers cross-multiplied as bigint, since total area in
 * 0.01 m² can exceed 2^31 (and sums 2^53) for a large scope.
 */

/** A headcount and an area (integer 0.01 m²). */
export type Count = { heads: number | bigint; area: number | bigint };

export type Threshold = "special" | "ordinary";

const big = (c: Count) => ({ h: BigInt(c.heads), a: BigInt(c.area) });

/**
 * Quorum (民法典 Art. 278 ¶2): owners holding two thirds or more of the area AND two thirds or more of the
 * headcount take part: `3·P_H ≥ 2·T_H` and `3·P_A ≥ 2·T_A` ("三分之二以上" includes exactly 2/3, Art. 1259).
 */
export function quorumMet(total: Count, participating: Count): boolean {
  const t = big(total);
  const p = big(participating);
  return 3n * p.h >= 2n * t.h && 3n * p.a >= 2n * t.a;
}

/**
 * Which threshold a matter takes (民法典 Art. 278 ¶2): items 6–8 (raising the maintenance fund,
 * rebuilding, changing the use of or doing business with common parts) are special; all others ordinary.
 */
export function thresholdFor(category: number): Threshold {
  return category >= 6 && category <= 8 ? "special" : "ordinary";
}

/**
 * Whether the yes votes meet the threshold against the participants, on both headcount and area
 * (民法典 Art. 278 ¶2): special — three quarters or more, `4·Y ≥ 3·P`; ordinary — more than half,
 * `2·Y > P` (exactly half fails). The quorum is tested separately (quorumMet).
 */
export function approved(threshold: Threshold, participating: Count, yes: Count): boolean {
  const p = big(participating);
  const y = big(yes);
  if (threshold === "special") return 4n * y.h >= 3n * p.h && 4n * y.a >= 3n * p.a;
  return 2n * y.h > p.h && 2n * y.a > p.a;
}

/** A motion passes when the quorum holds and its yes votes meet its threshold (民法典 Art. 278 ¶2). */
export function motionPasses(threshold: Threshold, total: Count, participating: Count, yes: Count): boolean {
  return quorumMet(total, participating) && approved(threshold, participating, yes);
}
