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

/**
 * Whether a voting window of whole days [opensOn, closesOn] fits the rule pack's bounds (Hangzhou Art. 20:
 * 5–60 days; national default). Days are calendar days, both ends counted.
 */
export function votingWindowProblem(
  opensOn: string,
  closesOn: string,
  bounds: { min: number; max: number },
): null | { code: "CLOSES_BEFORE_OPENS" } | { code: "TOO_SHORT" | "TOO_LONG"; days: number } {
  const days = Math.round((Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${opensOn}T00:00:00Z`)) / 86_400_000) + 1;
  if (days < 1) return { code: "CLOSES_BEFORE_OPENS" };
  if (days < bounds.min) return { code: "TOO_SHORT", days };
  if (days > bounds.max) return { code: "TOO_LONG", days };
  return null;
}

/**
 * An extraordinary meeting must be called on the proposal of owners with 20% or more of the area AND 20% or
 * more of the headcount (指导规则 Art. 21; "以上" includes the number itself, 民法典 Art. 1259):
 * `5·S_H ≥ T_H` and `5·S_A ≥ T_A`, over the whole compound's roll.
 */
export function petitionReached(total: Count, signed: Count): boolean {
  const t = big(total);
  const s = big(signed);
  return t.h > 0n && 5n * s.h >= t.h && 5n * s.a >= t.a;
}

/**
 * What participation still lacks for the quorum (民法典 Art. 278 ¶2: two thirds of heads AND of area): the
 * smallest P with 3·P ≥ 2·T is ⌈2T/3⌉; the shortfall is that minus what has taken part, never below 0.
 */
export function quorumShortfall(total: Count, participating: Count): { heads: bigint; area: bigint } {
  const t = big(total);
  const p = big(participating);
  const need = (x: bigint) => (2n * x + 2n) / 3n;
  const short = (n: bigint, have: bigint) => (n > have ? n - have : 0n);
  return { heads: short(need(t.h), p.h), area: short(need(t.a), p.a) };
}

/** A share in whole tenths of a percent, rounded down (for progress bars; decisions use the exact rules above). */
export function perMille(part: number | bigint, whole: number | bigint): number {
  const w = BigInt(whole);
  return w === 0n ? 0 : Number((BigInt(part) * 1000n) / w);
}
