import { describe, expect, it } from "vitest";
import zh from "~/i18n/locales/zh-CN";
import {
  basisProblemField,
  basisProblemKey,
  decisionBasisProblem,
  effectiveDayValid,
  fenText,
  mayConfirmSide,
  perMilleText,
  shareToPerMille,
  sideKindOf,
  terminationProblem,
  yuanToFen,
} from "~/governance/management-rules";
import type { BasisProblem } from "~/governance/rules";
import { ContractSchema } from "~/governance/contract-schema";
import { ModelChangeSchema } from "~/governance/model-schema";

const lookup = (key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], zh);

describe("yuanToFen @models", () => {
  it.each([
    ["0.35", 35],
    ["2.5", 250],
    ["12", 1200],
    ["1,200.00", 120000],
    ["０.３５", 35],
    ["1.5元", 150],
    ["¥3.20", 320],
    ["0", 0],
    ["3.", 300],
    ["1000000", 100_000_000],
  ])("%s yuan → %i fen", (text, fen) => {
    expect(yuanToFen(text)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ["", "EMPTY"],
    ["  ", "EMPTY"],
    ["0.355", "DECIMALS"],
    ["abc", "FORMAT"],
    ["-1", "FORMAT"],
    ["1,20", "FORMAT"],
    ["1000000.01", "TOO_LARGE"],
    ["99999999", "TOO_LARGE"],
  ])("%j is refused: %s", (text, reason) => {
    expect(yuanToFen(text)).toEqual({ ok: false, reason });
  });

  it.each([
    [35, "0.35"],
    [0, "0.00"],
    [120000, "1200.00"],
  ])("fenText(%i) = %s", (fen, text) => {
    expect(fenText(fen)).toBe(text);
  });
});

describe("shareToPerMille @models", () => {
  it.each([
    ["8.5", "percent", 85],
    ["10", "percent", 100],
    ["100", "percent", 1000],
    ["0", "percent", 0],
    ["85", "permille", 85],
    ["8.5%", "percent", 85],
    ["1000", "permille", 1000],
  ] as const)("%s (%s) → %i ‰", (text, unit, value) => {
    expect(shareToPerMille(text, unit)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "percent", "EMPTY"],
    ["8.55", "percent", "DECIMALS"],
    ["8.5", "permille", "DECIMALS"],
    ["100.1", "percent", "RANGE"],
    ["1001", "permille", "RANGE"],
    ["x", "percent", "FORMAT"],
  ] as const)("%j (%s) is refused: %s", (text, unit, reason) => {
    expect(shareToPerMille(text, unit)).toEqual({ ok: false, reason });
  });

  it.each([
    [85, "8.5%"],
    [100, "10%"],
    [1000, "100%"],
    [5, "0.5%"],
  ])("perMilleText(%i) = %s", (v, text) => {
    expect(perMilleText(v)).toBe(text);
  });
});

describe("decision basis of a contract or a dismissal @models", () => {
  const good = { compoundId: "cp1", closed: true, category: 4, passed: true };
  it.each<[string, Parameters<typeof decisionBasisProblem>[1], BasisProblem | null]>([
    ["a closed, passed item-4 motion of the compound", good, null],
    ["none", null, "DECISION_NOT_FOUND"],
    ["another compound's", { ...good, compoundId: "cp2" }, "DECISION_OTHER_COMPOUND"],
    ["still open", { ...good, closed: false }, "DECISION_NOT_CLOSED"],
    ["category 5", { ...good, category: 5 }, "DECISION_WRONG_CATEGORY"],
    ["failed", { ...good, passed: false }, "DECISION_NOT_PASSED"],
  ])("%s → %s", (_, facts, problem) => {
    expect(decisionBasisProblem("cp1", facts)).toBe(problem);
  });
});

describe("basis problems on the form @models", () => {
  const all: BasisProblem[] = [
    "SAME_MODEL", "DECISION_REQUIRED", "DECISION_NOT_FOUND", "DECISION_OTHER_COMPOUND", "DECISION_NOT_CLOSED", "DECISION_WRONG_CATEGORY",
    "DECISION_NOT_PASSED", "INTERIM_ONLY_QUASI_PROPERTY", "INTERIM_ONLY_UNMANAGED", "REASON_REQUIRED", "REVIEW_DATE_REQUIRED",
  ];
  it.each(all)("%s has a message in governance.errors", (p) => {
    expect(typeof lookup(basisProblemKey(p))).toBe("string");
  });
  it.each<[BasisProblem, string]>([
    ["SAME_MODEL", "model"],
    ["DECISION_REQUIRED", "basisKind"],
    ["INTERIM_ONLY_UNMANAGED", "basisKind"],
    ["DECISION_NOT_PASSED", "motionId"],
    ["DECISION_NOT_FOUND", "motionId"],
    ["REASON_REQUIRED", "reason"],
    ["REVIEW_DATE_REQUIRED", "reviewOn"],
  ])("%s shows next to %s", (p, field) => {
    expect(basisProblemField(p)).toBe(field);
  });
});

describe("effective day of a new history entry @models", () => {
  it.each([
    [null, "2026-01-01", true],
    ["2026-01-01", "2026-01-02", true],
    ["2026-01-01", "2026-01-01", false],
    ["2026-06-01", "2026-03-01", false],
  ])("latest %s, new %s → %s", (latest, day, ok) => {
    expect(effectiveDayValid(latest, day)).toBe(ok);
  });
});

describe("ending a contract early (民法典 Art. 946) @models", () => {
  const base = { decidedOn: "2026-03-01", noticeDays: 60, start: "2025-01-01", end: "2027-12-31", decisionSetsDay: false };
  it.each<[string, string, string | null, boolean]>([
    ["the 60th day after the decision", "2026-04-30", null, false],
    ["one day short of the notice", "2026-04-29", "NOTICE_TOO_SHORT", false],
    ["early, but the decision sets the day", "2026-03-10", null, true],
    ["before the decision, even if it sets the day", "2026-02-28", "BEFORE_DECISION", true],
    ["after the contract's end", "2028-01-01", "OUTSIDE_PERIOD", false],
    ["the contract's last day", "2027-12-31", null, false],
  ])("%s (%s) → %s", (_, terminatedOn, problem, setsDay) => {
    expect(terminationProblem({ ...base, terminatedOn, decisionSetsDay: setsDay })).toBe(problem);
  });
  it("a contract's own notice period counts", () => {
    expect(terminationProblem({ ...base, noticeDays: 90, terminatedOn: "2026-04-30" })).toBe("NOTICE_TOO_SHORT");
    expect(terminationProblem({ ...base, noticeDays: 90, terminatedOn: "2026-05-30" })).toBe(null);
  });
});

describe("who confirms a side of a handover @models", () => {
  const none = { committeeMember: false, communityOrStreet: false, companyIds: [] as string[] };
  it.each([
    ["property_company", "company"],
    ["self_governance", "committee"],
    ["quasi_property", "community"],
  ] as const)("%s → %s side", (m, kind) => {
    expect(sideKindOf(m)).toBe(kind);
  });
  it("the company side: only staff of that company", () => {
    expect(mayConfirmSide({ kind: "company", companyId: "co1" }, { ...none, companyIds: ["co1"] })).toBe(true);
    expect(mayConfirmSide({ kind: "company", companyId: "co1" }, { ...none, companyIds: ["co2"], committeeMember: true, communityOrStreet: true })).toBe(false);
    expect(mayConfirmSide({ kind: "company", companyId: null }, { ...none, companyIds: ["co1"] })).toBe(false);
  });
  it("the committee side: a committee member; the community side: a community worker or street officer", () => {
    expect(mayConfirmSide({ kind: "committee", companyId: null }, { ...none, committeeMember: true })).toBe(true);
    expect(mayConfirmSide({ kind: "committee", companyId: null }, { ...none, communityOrStreet: true })).toBe(false);
    expect(mayConfirmSide({ kind: "community", companyId: null }, { ...none, communityOrStreet: true })).toBe(true);
    expect(mayConfirmSide({ kind: "community", companyId: null }, { ...none, committeeMember: true })).toBe(false);
  });
});

describe("form schemas @models", () => {
  it("a self-governance change needs its body, money holder and maintenance", () => {
    const r = ModelChangeSchema.safeParse({ model: "self_governance", effectiveOn: "2026-03-01", basisKind: "decision", motionId: "m" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["maintenanceBy", "moneyHolder", "selfBody"]);
  });
  it("a quasi-property fee in yuan becomes fen; empty is none", () => {
    const base = { model: "quasi_property", effectiveOn: "2026-03-01", basisKind: "interim_assignment", communityNodeId: "com" };
    expect(ModelChangeSchema.parse({ ...base, quasiFee: "0.35" }).quasiFee).toBe(35);
    expect(ModelChangeSchema.parse({ ...base, quasiFee: "" }).quasiFee).toBe(null);
    const r = ModelChangeSchema.safeParse({ ...base, quasiFee: "0.355" });
    expect(r.success ? null : r.error.issues[0].message).toBe("governance.management.errors.amountDecimals");
  });
  it("a contract: share to per mille, rates to fen with their basis, the notice defaults to 60 days", () => {
    const v = ContractSchema.parse({
      companyId: "co1", startDay: "2026-01-01", endDay: "2026-12-31", feeModel: "remuneration", share: "8.5", shareUnit: "percent",
      rate_dwelling_property: "1.20", rate_parking_parking: "150", rate_shop_other: "",
    });
    expect(v.remunerationPerMille).toBe(85);
    expect(v.noticeDays).toBe(60);
    expect(v.rates).toEqual([
      { unitKind: "dwelling", item: "property", basis: "per_m2_month", rateFen: 120 },
      { unitKind: "parking", item: "parking", basis: "per_unit_month", rateFen: 15000 },
    ]);
  });
  it("a contract: an inverted period and a missing share are refused next to their fields", () => {
    const r = ContractSchema.safeParse({ companyId: "co1", startDay: "2026-12-31", endDay: "2026-01-01", feeModel: "remuneration", share: "" });
    const errs = r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    expect(errs).toEqual({ endDay: "governance.errors.periodInverted", share: "governance.contracts.errors.shareRequired" });
  });
  it("a lump-sum contract ignores a share", () => {
    expect(ContractSchema.parse({ companyId: "co1", startDay: "2026-01-01", endDay: "2026-12-31", feeModel: "lump_sum", share: "x" }).remunerationPerMille).toBe(null);
  });
});
