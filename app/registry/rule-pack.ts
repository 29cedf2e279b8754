import { z } from "zod";

/**
 * A compound's rule pack: the local settings of rules.md ("Local settings"). The national rule is the
 * default; a compound stores only what differs. Parsing never fails: an unknown or malformed key falls back
 * to the default, so a bad setting can never stop a vote.
 */
export const RulePackSchema = z.object({
  /** Parking spaces count toward voting area (指导规则 Art. 25; default: not). */
  countParking: z.boolean().catch(false),
  /** Voting window bounds in days (Hangzhou Art. 20: 5–60). */
  votingDaysMin: z.number().int().min(1).max(365).catch(5),
  votingDaysMax: z.number().int().min(1).max(365).catch(60),
  /** Notice period before voting opens, in days (物业管理条例 Art. 14: 15). */
  noticeDays: z.number().int().min(15).max(60).catch(15),
  /** Counting period after the close for paper ballots handed in before it, in hours (0 = none). */
  countingHours: z.number().int().min(0).max(168).catch(24),
  /** Days to publish a result (Beijing Art. 37: 3). */
  resultDays: z.number().int().min(1).max(30).catch(3),
  /** Ballots posted with real ids instead of pseudonyms (decision-record.md "Privacy"). */
  openBallots: z.boolean().catch(false),
});

export type RulePack = z.infer<typeof RulePackSchema>;

export function rulePackOf(stored: unknown): RulePack {
  const o = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  const p = RulePackSchema.parse(o);
  return p.votingDaysMin <= p.votingDaysMax ? p : { ...p, votingDaysMin: 5, votingDaysMax: 60 };
}
