/**
 * The compound's management page (rules.md §3): pure, no I/O, no clock. Amounts typed on forms become integer
 * fen or per mille here, once (style.md habit 5); the checks on a decision cited as a basis, on an early end
 * of a contract and on who may confirm a side of a handover live here beside ./rules.ts.
 */
import { yuanText } from "~/fees/words";
import type { Day } from "~/platform/days";
import { earliestDismissalEnd, MANAGER_DECISION_CATEGORY, type BasisProblem, type DecisionFacts, type ManagementModel } from "./rules";

// ————————————————————————————————————————————————————————— amounts typed on forms

export type AmountProblem = "EMPTY" | "FORMAT" | "DECIMALS" | "TOO_LARGE";

/** The largest rate or fee we accept: ¥1,000,000.00 (guards typos; an integer column holds it). */
export const MAX_FEN = 100_000_000;

/**
 * Yuan text → integer fen: "2.5", "0.35", "12", "1,200.00", full-width digits, a trailing 元. More precision than
 * the fen ("0.355") is refused, never rounded: a fee standard is exact.
 */
export function yuanToFen(input: string): { ok: true; value: number } | { ok: false; reason: AmountProblem } {
  const s = input.normalize("NFKC").trim().replace(/^¥\s*/, "").replace(/\s*元$/, "").trim();
  if (s === "") return { ok: false, reason: "EMPTY" };
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: "FORMAT" };
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, reason: "DECIMALS" };
  const whole = m[1].replace(/,/g, "");
  if (whole.length > 7) return { ok: false, reason: "TOO_LARGE" };
  const value = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (value > MAX_FEN) return { ok: false, reason: "TOO_LARGE" };
  return { ok: true, value };
}

/** Integer fen → "2.50" (for re-filling a form; no floats). */
export function fenText(fen: number): string {
  return yuanText(fen);
}

export type ShareUnit = "percent" | "permille";
export type ShareProblem = "EMPTY" | "FORMAT" | "DECIMALS" | "RANGE";

/**
 * 酬金制 share → integer per mille: a percent with at most one decimal ("8.5" % → 85 ‰) or a whole per mille
 * ("85" ‰). 0–100 % only.
 */
export function shareToPerMille(input: string, unit: ShareUnit): { ok: true; value: number } | { ok: false; reason: ShareProblem } {
  const s = input.normalize("NFKC").trim().replace(/\s*(%|‰)$/, "").trim();
  if (s === "") return { ok: false, reason: "EMPTY" };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: "FORMAT" };
  const frac = m[2] ?? "";
  if (frac.length > (unit === "percent" ? 1 : 0)) return { ok: false, reason: "DECIMALS" };
  if (m[1].length > 5) return { ok: false, reason: "RANGE" };
  const value = unit === "percent" ? Number(m[1]) * 10 + Number(frac.padEnd(1, "0")) : Number(m[1]);
  if (value > 1000) return { ok: false, reason: "RANGE" };
  return { ok: true, value };
}

/** Per mille → "8.5%" as the page shows it. */
export function perMilleText(perMille: number): string {
  return perMille % 10 === 0 ? `${perMille / 10}%` : `${Math.trunc(perMille / 10)}.${perMille % 10}%`;
}

// ————————————————————————————————————————————————————————— decisions cited as a basis

/**
 * Whether an owners' decision can carry a change of provider (engaging, renewing or dismissing it): a closed,
 * passed motion of category 4 of this compound (民法典 Art. 278 item 4). The same checks, in the same order, as
 * the decision branch of changeBasisProblem.
 */
export function decisionBasisProblem(compoundId: string, d: DecisionFacts | null): BasisProblem | null {
  if (!d) return "DECISION_NOT_FOUND";
  if (d.compoundId !== compoundId) return "DECISION_OTHER_COMPOUND";
  if (!d.closed) return "DECISION_NOT_CLOSED";
  if (d.category !== MANAGER_DECISION_CATEGORY) return "DECISION_WRONG_CATEGORY";
  if (!d.passed) return "DECISION_NOT_PASSED";
  return null;
}

/** The i18n key of a basis problem (app/i18n `governance.errors.*`). */
export function basisProblemKey(p: BasisProblem): string {
  const camel = p.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return `governance.errors.${camel}`;
}

/** The form field a basis problem belongs next to on the model-change form. */
export function basisProblemField(p: BasisProblem): "model" | "basisKind" | "motionId" | "reason" | "reviewOn" {
  switch (p) {
    case "SAME_MODEL":
      return "model";
    case "DECISION_REQUIRED":
    case "INTERIM_ONLY_QUASI_PROPERTY":
    case "INTERIM_ONLY_UNMANAGED":
      return "basisKind";
    case "REASON_REQUIRED":
      return "reason";
    case "REVIEW_DATE_REQUIRED":
      return "reviewOn";
    default:
      return "motionId";
  }
}

// ————————————————————————————————————————————————————————— the history

/**
 * A new history entry comes after every entry already recorded (the history is append-only and one entry per
 * day): its first day must be later than the latest entry's, which may itself be a scheduled future change.
 */
export function effectiveDayValid(latestFrom: Day | null, effectiveOn: Day): boolean {
  return latestFrom === null || effectiveOn > latestFrom;
}

// ————————————————————————————————————————————————————————— ending a contract early

export type TerminationProblem = "BEFORE_DECISION" | "OUTSIDE_PERIOD" | "NOTICE_TOO_SHORT";

/**
 * The last day of service when owners dismiss a provider: within the contract's period, not before the decision,
 * and not before the notice runs out (民法典 Art. 946: 60 days unless agreed otherwise) — unless the decision itself
 * sets another day (`decisionSetsDay`), which the page asks the recorder to state.
 */
export function terminationProblem(input: {
  terminatedOn: Day;
  decidedOn: Day;
  noticeDays: number;
  start: Day;
  end: Day;
  decisionSetsDay: boolean;
}): TerminationProblem | null {
  if (input.terminatedOn < input.start || input.terminatedOn > input.end) return "OUTSIDE_PERIOD";
  if (input.terminatedOn < input.decidedOn) return "BEFORE_DECISION";
  if (!input.decisionSetsDay && input.terminatedOn < earliestDismissalEnd(input.decidedOn, input.noticeDays)) return "NOTICE_TOO_SHORT";
  return null;
}

// ————————————————————————————————————————————————————————— handover

/** Who stands on each side of a handover, by the model: the company, the committee, or the community. */
export type SideKind = "company" | "committee" | "community";

export function sideKindOf(model: ManagementModel): SideKind {
  return model === "property_company" ? "company" : model === "self_governance" ? "committee" : "community";
}

/** What the confirming account holds at the compound: node roles covering it, and company grants by company. */
export type ConfirmerFacts = { committeeMember: boolean; communityOrStreet: boolean; companyIds: readonly string[] };

/**
 * Who may confirm one side's items: the company's own staff (a company grant for that company), a committee
 * member of the compound, or the community worker or street officer covering it.
 */
export function mayConfirmSide(side: { kind: SideKind; companyId: string | null }, who: ConfirmerFacts): boolean {
  switch (side.kind) {
    case "company":
      return side.companyId !== null && who.companyIds.includes(side.companyId);
    case "committee":
      return who.committeeMember;
    case "community":
      return who.communityOrStreet;
  }
}

/**
 * The default checklist: keys, documents, equipment, funds; open maintenance requests and the arrears list are
 * listed to be confirmed by hand until those capabilities exist.
 */
export const DEFAULT_HANDOVER_ITEMS = ["keys", "documents", "equipment", "funds", "open_requests", "arrears"] as const;
