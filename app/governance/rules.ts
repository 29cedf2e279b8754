/**
 * Management models and property service (rules.md §3): pure, no I/O, no clock. Days are Shanghai calendar
 * days "YYYY-MM-DD" (app/platform/days.ts); a string compare orders them.
 */
import { addDays, type Day } from "~/platform/days";

// ————————————————————————————————————————————————————————— unified social credit code (GB 32100-2015)

/** The code's character set: digits and capitals without I, O, S, V, Z (GB 32100-2015 §4). */
const CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** Weights of positions 1–17 (3^(i−1) mod 31, §5). */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem = "LENGTH" | "CHARACTER" | "DIVISION" | "CHECK_CHARACTER";

/** The check character (position 18) for the first 17 characters: C18 = 31 − (Σ Ci × Wi mod 31), 31 → 0. */
export function creditCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("17 characters expected");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`not a code character: ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Why a unified social credit code (统一社会信用代码) is not valid, or null. Upper-cased and trimmed first
 * (people type lower case); the form is 18 characters of the code set, positions 3–8 the registering
 * authority's administrative division (digits), position 18 the check character of GB 32100-2015 §5.
 */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return "LENGTH";
  for (const ch of code) if (!CREDIT_CHARSET.includes(ch)) return "CHARACTER";
  if (!/^\d{6}$/.test(code.slice(2, 8))) return "DIVISION";
  if (creditCheckCharacter(code.slice(0, 17)) !== code[17]) return "CHECK_CHARACTER";
  return null;
}

export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/[\s-]/g, "");
}

// ————————————————————————————————————————————————————————— contract periods

/** A service contract's period: both days included. */
export type ContractPeriod = { id: string; start: Day; end: Day };

export function periodValid(p: { start: Day; end: Day }): boolean {
  return p.start <= p.end;
}

/** Two inclusive periods share a day. A contract ending on the 31st and the next starting on the 1st do not. */
export function periodsOverlap(a: { start: Day; end: Day }, b: { start: Day; end: Day }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The first existing contract (of the same compound) whose period overlaps the new one, ignoring `p.id` itself. */
export function overlappingContract<T extends ContractPeriod>(existing: readonly T[], p: ContractPeriod): T | null {
  return existing.find((c) => c.id !== p.id && periodsOverlap(c, p)) ?? null;
}

/** Days' notice for dismissing a provider unless the contract says otherwise (民法典 Art. 946). */
export const DEFAULT_DISMISSAL_NOTICE_DAYS = 60;

/**
 * The earliest last day of service when owners dismiss a provider by a decision taken on `decidedOn`,
 * with `noticeDays` of written notice (民法典 Art. 946: notice 60 days ahead unless agreed otherwise). The
 * notice day is not counted (Art. 201); this is a contractual period, not moved by rest days.
 */
export function earliestDismissalEnd(decidedOn: Day, noticeDays: number = DEFAULT_DISMISSAL_NOTICE_DAYS): Day {
  if (!Number.isInteger(noticeDays) || noticeDays < 0) throw new RangeError("notice days must be a whole number ≥ 0");
  return addDays(decidedOn, noticeDays);
}

/** Expiry warnings: a contract ending within 90 days warns, within 30 days warns urgently; an ended one has expired. */
export type ExpiryWarning = "none" | "within_90" | "within_30" | "expired";
export const EXPIRY_WARN_DAYS = 90;
export const EXPIRY_URGENT_DAYS = 30;

export function expiryWarning(end: Day, today: Day): ExpiryWarning {
  if (today > end) return "expired";
  if (addDays(today, EXPIRY_URGENT_DAYS) >= end) return "within_30";
  if (addDays(today, EXPIRY_WARN_DAYS) >= end) return "within_90";
  return "none";
}

// ————————————————————————————————————————————————————————— fee models (收费办法 Arts. 9, 12)

export type FeeModel = "lump_sum" | "remuneration";

/**
 * 酬金制: the provider's remuneration is an agreed share of the fees collected (per mille, an integer), the
 * rest is owners' money. Rounded down to the fen so owners never receive less than their share.
 */
export function remunerationFen(collectedFen: bigint, sharePerMille: number): bigint {
  if (!Number.isInteger(sharePerMille) || sharePerMille < 0 || sharePerMille > 1000) throw new RangeError("share per mille must be 0–1000");
  if (collectedFen < 0n) throw new RangeError("collected amount must be ≥ 0");
  return (collectedFen * BigInt(sharePerMille)) / 1000n;
}

// ————————————————————————————————————————————————————————— model changes and their basis

export type ManagementModel = "property_company" | "self_governance" | "quasi_property";
export const MANAGEMENT_MODELS = ["property_company", "self_governance", "quasi_property"] as const satisfies readonly ManagementModel[];

/** Decision category of hiring or dismissing a property company or other manager (民法典 Art. 278 item 4). */
export const MANAGER_DECISION_CATEGORY = 4;

export type DecisionFacts = {
  compoundId: string;
  closed: boolean;
  /** The motion cited: its category and whether it passed. */
  category: number;
  passed: boolean;
};

export type ChangeBasis =
  | { kind: "decision"; decision: DecisionFacts | null }
  | { kind: "interim_assignment"; reason: string; reviewOn: Day | null };

export type BasisProblem =
  | "SAME_MODEL"
  | "DECISION_REQUIRED"
  | "DECISION_NOT_FOUND"
  | "DECISION_OTHER_COMPOUND"
  | "DECISION_NOT_CLOSED"
  | "DECISION_WRONG_CATEGORY"
  | "DECISION_NOT_PASSED"
  | "INTERIM_ONLY_QUASI_PROPERTY"
  | "INTERIM_ONLY_UNMANAGED"
  | "REASON_REQUIRED"
  | "REVIEW_DATE_REQUIRED";

/**
 * Whether a model change has a sufficient basis (rules.md §3; 民法典 Arts. 278 item 4, 284).
 * - To or from a property company: a closed, passed category-4 decision of this compound.
 * - Otherwise either such a decision (owners may choose self-governance by decision too), or the street
 *   office's interim assignment of quasi-property service to an unmanaged compound, with a reason and a
 *   review date after the change takes effect.
 * `from` is null for a compound with no model yet (unmanaged).
 */
export function changeBasisProblem(
  change: { compoundId: string; from: ManagementModel | null; to: ManagementModel; effectiveOn: Day },
  basis: ChangeBasis,
): BasisProblem | null {
  if (change.from === change.to) return "SAME_MODEL";
  const companyInvolved = change.from === "property_company" || change.to === "property_company";
  if (basis.kind === "interim_assignment") {
    if (companyInvolved) return "DECISION_REQUIRED";
    if (change.to !== "quasi_property") return "INTERIM_ONLY_QUASI_PROPERTY";
    if (change.from !== null) return "INTERIM_ONLY_UNMANAGED";
    if (basis.reason.trim() === "") return "REASON_REQUIRED";
    if (basis.reviewOn === null || basis.reviewOn <= change.effectiveOn) return "REVIEW_DATE_REQUIRED";
    return null;
  }
  const d = basis.decision;
  if (!d) return "DECISION_NOT_FOUND";
  if (d.compoundId !== change.compoundId) return "DECISION_OTHER_COMPOUND";
  if (!d.closed) return "DECISION_NOT_CLOSED";
  if (d.category !== MANAGER_DECISION_CATEGORY) return "DECISION_WRONG_CATEGORY";
  if (!d.passed) return "DECISION_NOT_PASSED";
  return null;
}

// ————————————————————————————————————————————————————————— who is responsible

export type Duty = "billing" | "public_income" | "maintenance";
export const DUTIES = ["billing", "public_income", "maintenance"] as const satisfies readonly Duty[];

/** One entry of a compound's model history: in force from `from` (included) until the next entry's `from`. */
export type ModelPeriod = {
  model: ManagementModel;
  from: Day;
  /** Self-governance: the body that manages (owners' committee or a self-management committee 自管会). */
  selfBody?: "owners_committee" | "self_management_committee";
  /** Self-governance: who answers maintenance requests (the managing body, or the community). */
  maintenanceBy?: "body" | "community";
  /** Quasi-property: the community organisation (an area node) that serves. */
  communityNodeId?: string;
};

export type ServiceContract = { id: string; companyId: string; start: Day; end: Day };

export type Responsible =
  | { kind: "company"; companyId: string; contractId: string }
  | { kind: "owners_committee" }
  | { kind: "self_management_committee" }
  | { kind: "community"; nodeId: string | null }
  | { kind: "none"; reason: "NO_MODEL" | "NO_CONTRACT" };

/** The model entry in force on `day`: the latest entry whose `from` is on or before it. */
export function modelOn(history: readonly ModelPeriod[], day: Day): ModelPeriod | null {
  let found: ModelPeriod | null = null;
  for (const p of history) if (p.from <= day && (found === null || p.from >= found.from)) found = p;
  return found;
}

/**
 * Who bills, keeps the public-income ledger, or receives maintenance requests for a compound on `day`
 * (the one lookup every later feature uses). Under a property company it is the company whose contract
 * covers the day — on the day one contract ends it is that company, the next day the next one; with no
 * contract in force nobody is (the street office sees the gap). Self-governance: the managing body, except
 * maintenance when it is delegated to the community. Quasi-property: the community organisation.
 */
export function responsibleFor(
  compound: { history: readonly ModelPeriod[]; contracts: readonly ServiceContract[]; communityNodeId: string | null },
  duty: Duty,
  day: Day,
): Responsible {
  const m = modelOn(compound.history, day);
  if (!m) return { kind: "none", reason: "NO_MODEL" };
  switch (m.model) {
    case "property_company": {
      const c = compound.contracts.find((k) => k.start <= day && day <= k.end);
      return c ? { kind: "company", companyId: c.companyId, contractId: c.id } : { kind: "none", reason: "NO_CONTRACT" };
    }
    case "self_governance": {
      if (duty === "maintenance" && m.maintenanceBy === "community") return { kind: "community", nodeId: compound.communityNodeId };
      return { kind: m.selfBody ?? "owners_committee" };
    }
    case "quasi_property":
      return { kind: "community", nodeId: m.communityNodeId ?? compound.communityNodeId };
  }
}

// ————————————————————————————————————————————————————————— handover and ratings

/** A handover item is done when both sides confirmed it; a handover is complete when every item is done. */
export function handoverComplete(items: readonly { outgoingConfirmed: boolean; incomingConfirmed: boolean }[]): boolean {
  return items.length > 0 && items.every((i) => i.outgoingConfirmed && i.incomingConfirmed);
}

/** The quarter a day falls in, "YYYY-Qn" (ratings are one per owner account per compound per quarter). */
export function quarterOf(day: Day): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** A rating is a whole number 1–5. */
export function ratingValid(stars: number): boolean {
  return Number.isInteger(stars) && stars >= 1 && stars <= 5;
}

/** The average of ratings in tenths, rounded half up from integers (e.g. 4.25 → 43 → "4.3"); null with none. */
export function averageTenths(sum: number, count: number): number | null {
  if (count === 0) return null;
  return Math.floor((sum * 20 + count) / (2 * count));
}

// ————————————————————————————————————————————————————————— rating roll-ups (quarters)

/** The first day of a quarter "YYYY-Qn". */
export function quarterStart(quarter: string): Day {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
}

/** The quarter before "YYYY-Qn" (2026-Q1 → 2025-Q4). */
export function previousQuarter(quarter: string): string {
  const start = quarterStart(quarter);
  return quarterOf(addDays(start, -1));
}

/** The `n` quarters ending with the one `day` falls in, newest first. */
export function lastQuarters(day: Day, n: number): string[] {
  const out: string[] = [];
  for (let q = quarterOf(day); out.length < n; q = previousQuarter(q)) out.push(q);
  return out;
}

/** An average in tenths as shown, from integers (43 → "4.3", 50 → "5.0"). */
export function tenthsText(tenths: number): string {
  if (!Number.isInteger(tenths) || tenths < 0) throw new RangeError("tenths must be a whole number ≥ 0");
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
