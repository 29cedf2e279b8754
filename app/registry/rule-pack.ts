import { z } from "zod";

/** The local candidate disqualifications a rule pack can switch on (app/elections/rules.ts eligibilityFindings). */
export const NEGATIVE_CHECKS = ["arrears", "property_company", "judgment_defaulter", "illegal_building"] as const;
export type NegativeCheck = (typeof NEGATIVE_CHECKS)[number];

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
  /** Smallest committee where the compound has at most `smallCommitteeMaxHouseholds` households (指导规则
   *  Art. 31: 5; (local) Beijing, Hangzhou: 3). The national default 5 means no exception. */
  smallCommitteeMinSeats: z.union([z.literal(3), z.literal(5)]).catch(5),
  smallCommitteeMaxHouseholds: z.number().int().min(1).max(100_000).catch(100),
  /** Candidate list shown on the notice board for at least this many days (Hangzhou Art. 26: 7). */
  candidateShowDays: z.number().int().min(1).max(60).catch(7),
  /** …and published at least this many days before voting opens (Hangzhou Art. 26; 指导规则 Art. 12: 15). */
  candidateLeadDays: z.number().int().min(15).max(90).catch(15),
  /** Which local disqualifications apply to candidates (rules.md §2; national: none). Unknown entries drop. */
  candidateNegativeList: z
    .array(z.unknown())
    .transform((a) => NEGATIVE_CHECKS.filter((c) => a.includes(c)))
    .catch([]),
  /** Committee decisions and the chair's election need "全体委员半数以上" (指导规则 Art. 38 with 民法典 Art. 1259:
   *  at least half, ⌈N/2⌉) or, locally (Beijing Art. 45, Hangzhou Art. 29), "过半数" (more than half, ⌊N/2⌋+1). */
  committeeMajority: z.enum(["half_or_more", "more_than_half"]).catch("half_or_more"),
  /** Re-election starts this many months before the term ends (rules.md §2: 3; local up to 6). */
  reElectionLeadMonths: z.number().int().min(3).max(6).catch(3),
  /** Party-member share target in whole percent, reported as a figure and never a gate (local policy). */
  partyShareTargetPercent: z.number().int().min(0).max(100).nullable().catch(null),
});

export type RulePack = z.infer<typeof RulePackSchema>;

export function rulePackOf(stored: unknown): RulePack {
  const o = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  const p = RulePackSchema.parse(o);
  return p.votingDaysMin <= p.votingDaysMax ? p : { ...p, votingDaysMin: 5, votingDaysMax: 60 };
}
