import { describe, expect, test } from "vitest";
import {
  averageTenths,
  changeBasisProblem,
  creditCheckCharacter,
  creditCodeProblem,
  earliestDismissalEnd,
  expiryWarning,
  handoverComplete,
  modelOn,
  normaliseCreditCode,
  overlappingContract,
  periodsOverlap,
  periodValid,
  quarterOf,
  ratingValid,
  remunerationFen,
  responsibleFor,
  type ChangeBasis,
  type DecisionFacts,
  type ManagementModel,
  type ModelPeriod,
} from "~/governance/rules";

// Codes issued to real organisations (public registers); every one must validate.
const REAL_CODES = [
  "91350200776049653A", "91350500798359476R", "91350503MA31DKY80A", "91350200MA31E12PXF", "91440101MA5CJQ4N59",
  "913502000728319549", "123502001549897397", "91350503MA31DNG762", "913502115628130384", "9135021359498494XQ",
  "91350203MA31NDF85F", "91350203MA32AXT97E", "91350203MA31XXW31H", "91350206MA31LUJ437", "91350213678251743X",
];
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

describe("unified social credit code (GB 32100-2015)", () => {
  test.each(REAL_CODES)("%s is valid", (c) => expect(creditCodeProblem(c)).toBeNull());

  test.each(REAL_CODES)("%s with any other check character is refused", (c) => {
    for (const ch of CHARSET) if (ch !== c[17]) expect(creditCodeProblem(c.slice(0, 17) + ch)).toBe("CHECK_CHARACTER");
  });

  test.each(REAL_CODES)("%s with one character changed is refused (a single substitution always changes the sum mod 31)", (c) => {
    for (let i = 0; i < 17; i++) {
      for (const ch of CHARSET) {
        if (ch === c[i]) continue;
        const changed = c.slice(0, i) + ch + c.slice(i + 1);
        if (i >= 2 && i <= 7 && !/\d/.test(ch)) expect(creditCodeProblem(changed)).toBe("DIVISION");
        else expect(creditCodeProblem(changed)).toBe("CHECK_CHARACTER");
      }
    }
  });

  test("lower case, spaces and hyphens are forgiven", () => {
    expect(creditCodeProblem(" 91350200776049653a ")).toBeNull();
    expect(creditCodeProblem("9135 0200 7760 4965 3A")).toBeNull();
    expect(normaliseCreditCode("9135-0200-7760-4965-3a")).toBe("91350200776049653A");
  });

  test("length", () => {
    expect(creditCodeProblem("")).toBe("LENGTH");
    expect(creditCodeProblem("91350200776049653")).toBe("LENGTH");
    expect(creditCodeProblem("91350200776049653AA")).toBe("LENGTH");
  });

  test.each(["I", "O", "S", "V", "Z", "*", "中"])("the character %s is not in the code set", (ch) => {
    expect(creditCodeProblem("9135020077604965" + ch + "A")).toBe("CHARACTER");
  });

  test("check character: 31 − (sum mod 31), a remainder of 0 gives 0", () => {
    // All zeros: sum 0 → 31 → 0.
    expect(creditCheckCharacter("00000000000000000")).toBe("0");
    // Position 1 = 1: sum 1 → 30 → Y.
    expect(creditCheckCharacter("10000000000000000")).toBe("Y");
    // Position 2 = 1 (weight 3): sum 3 → 28 → W (the set skips I, O, S, V).
    expect(creditCheckCharacter("01000000000000000")).toBe("W");
    expect(() => creditCheckCharacter("0000")).toThrow(RangeError);
    expect(() => creditCheckCharacter("0000000000000000I")).toThrow(RangeError);
  });
});

describe("contract periods", () => {
  const a = { id: "a", start: "2025-01-01", end: "2025-12-31" };
  test("a period ending the day before the next begins does not overlap", () => {
    expect(periodsOverlap(a, { start: "2026-01-01", end: "2026-12-31" })).toBe(false);
    expect(periodsOverlap({ start: "2024-01-01", end: "2024-12-31" }, a)).toBe(false);
  });
  test("sharing one day overlaps, at either end", () => {
    expect(periodsOverlap(a, { start: "2025-12-31", end: "2026-12-31" })).toBe(true);
    expect(periodsOverlap(a, { start: "2024-01-01", end: "2025-01-01" })).toBe(true);
  });
  test("containment overlaps both ways", () => {
    expect(periodsOverlap(a, { start: "2025-03-01", end: "2025-03-01" })).toBe(true);
    expect(periodsOverlap({ start: "2024-01-01", end: "2027-01-01" }, a)).toBe(true);
  });
  test("overlappingContract ignores the contract itself and finds the first clash", () => {
    const b = { id: "b", start: "2026-01-01", end: "2026-12-31" };
    expect(overlappingContract([a, b], { id: "a", start: "2025-01-01", end: "2025-12-31" })).toBeNull();
    expect(overlappingContract([a, b], { id: "new", start: "2025-06-01", end: "2026-05-31" })).toBe(a);
    expect(overlappingContract([a, b], { id: "new", start: "2027-01-01", end: "2027-12-31" })).toBeNull();
    expect(overlappingContract([], { id: "new", start: "2027-01-01", end: "2027-12-31" })).toBeNull();
  });
  test("a period must not end before it starts (one day is fine)", () => {
    expect(periodValid({ start: "2025-01-02", end: "2025-01-01" })).toBe(false);
    expect(periodValid({ start: "2025-01-01", end: "2025-01-01" })).toBe(true);
  });
});

describe("notice and expiry", () => {
  test("60 days' notice by default: the notice day is not counted", () => {
    expect(earliestDismissalEnd("2026-03-01")).toBe("2026-04-30");
    expect(earliestDismissalEnd("2026-03-01", 30)).toBe("2026-03-31");
    expect(earliestDismissalEnd("2026-03-01", 0)).toBe("2026-03-01");
    expect(() => earliestDismissalEnd("2026-03-01", -1)).toThrow(RangeError);
    expect(() => earliestDismissalEnd("2026-03-01", 1.5)).toThrow(RangeError);
  });
  test("warnings at 90 and 30 days, inclusive", () => {
    const end = "2026-06-30";
    expect(expiryWarning(end, "2026-03-31")).toBe("none"); // 91 days ahead
    expect(expiryWarning(end, "2026-04-01")).toBe("within_90"); // 90 days ahead
    expect(expiryWarning(end, "2026-05-30")).toBe("within_90"); // 31
    expect(expiryWarning(end, "2026-05-31")).toBe("within_30"); // 30
    expect(expiryWarning(end, "2026-06-30")).toBe("within_30"); // the last day
    expect(expiryWarning(end, "2026-07-01")).toBe("expired");
  });
});

describe("remuneration (酬金制)", () => {
  test("the provider's share is rounded down to the fen", () => {
    expect(remunerationFen(100_000n, 100)).toBe(10_000n);
    expect(remunerationFen(12_345n, 85)).toBe(1_049n); // 1,049.325 → 1,049
    expect(remunerationFen(0n, 1000)).toBe(0n);
    expect(remunerationFen(999n, 1000)).toBe(999n);
    expect(remunerationFen(999n, 0)).toBe(0n);
  });
  test("bad shares and amounts throw", () => {
    expect(() => remunerationFen(1n, 1001)).toThrow(RangeError);
    expect(() => remunerationFen(1n, -1)).toThrow(RangeError);
    expect(() => remunerationFen(1n, 10.5)).toThrow(RangeError);
    expect(() => remunerationFen(-1n, 10)).toThrow(RangeError);
  });
});

describe("model change basis (民法典 Arts. 278 item 4, 284)", () => {
  const CP = "cp_1";
  const good: DecisionFacts = { compoundId: CP, closed: true, category: 4, passed: true };
  const byDecision = (d: Partial<DecisionFacts> | null): ChangeBasis => ({ kind: "decision", decision: d === null ? null : { ...good, ...d } });
  const change = (from: ManagementModel | null, to: ManagementModel) => ({ compoundId: CP, from, to, effectiveOn: "2026-04-01" });
  const interim = (reason = "小区无人管理，街道先行托管", reviewOn: string | null = "2026-10-01"): ChangeBasis => ({ kind: "interim_assignment", reason, reviewOn });

  test("a closed, passed category-4 decision of this compound is a basis for any change", () => {
    const models: (ManagementModel | null)[] = [null, "property_company", "self_governance", "quasi_property"];
    for (const from of models) for (const to of ["property_company", "self_governance", "quasi_property"] as const) {
      if (from === to) continue;
      expect(changeBasisProblem(change(from, to), byDecision({}))).toBeNull();
    }
  });
  test("the decision must exist, be this compound's, closed, category 4 and passed — checked in that order", () => {
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision(null))).toBe("DECISION_NOT_FOUND");
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision({ compoundId: "cp_2", closed: false }))).toBe("DECISION_OTHER_COMPOUND");
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision({ closed: false, category: 3 }))).toBe("DECISION_NOT_CLOSED");
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision({ category: 3, passed: false }))).toBe("DECISION_WRONG_CATEGORY");
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision({ category: 6 }))).toBe("DECISION_WRONG_CATEGORY");
    expect(changeBasisProblem(change("self_governance", "property_company"), byDecision({ passed: false }))).toBe("DECISION_NOT_PASSED");
  });
  test("to or from a property company needs a decision, never an interim assignment", () => {
    expect(changeBasisProblem(change(null, "property_company"), interim())).toBe("DECISION_REQUIRED");
    expect(changeBasisProblem(change("property_company", "quasi_property"), interim())).toBe("DECISION_REQUIRED");
  });
  test("an interim assignment gives quasi-property service to an unmanaged compound only, with a reason and a later review date", () => {
    expect(changeBasisProblem(change(null, "quasi_property"), interim())).toBeNull();
    expect(changeBasisProblem(change(null, "self_governance"), interim())).toBe("INTERIM_ONLY_QUASI_PROPERTY");
    expect(changeBasisProblem(change("self_governance", "quasi_property"), interim())).toBe("INTERIM_ONLY_UNMANAGED");
    expect(changeBasisProblem(change(null, "quasi_property"), interim("  "))).toBe("REASON_REQUIRED");
    expect(changeBasisProblem(change(null, "quasi_property"), interim(undefined, null))).toBe("REVIEW_DATE_REQUIRED");
    expect(changeBasisProblem(change(null, "quasi_property"), interim(undefined, "2026-04-01"))).toBe("REVIEW_DATE_REQUIRED");
    expect(changeBasisProblem(change(null, "quasi_property"), interim(undefined, "2026-04-02"))).toBeNull();
  });
  test("a change to the same model is refused", () => {
    expect(changeBasisProblem(change("quasi_property", "quasi_property"), byDecision({}))).toBe("SAME_MODEL");
  });
});

describe("responsibleFor", () => {
  const history: ModelPeriod[] = [
    { model: "quasi_property", from: "2023-01-01", communityNodeId: "com_a" },
    { model: "property_company", from: "2024-07-01" },
    { model: "self_governance", from: "2026-07-01", selfBody: "self_management_committee", maintenanceBy: "community" },
  ];
  const contracts = [
    { id: "k1", companyId: "co_1", start: "2024-07-01", end: "2025-06-30" },
    { id: "k2", companyId: "co_2", start: "2025-07-01", end: "2026-03-31" },
    // 2026-04-01 … 2026-06-30: no contract (the gap the street office must see).
  ];
  const compound = { history, contracts, communityNodeId: "com_home" };

  test("before any model: nobody", () => {
    expect(responsibleFor(compound, "billing", "2022-12-31")).toEqual({ kind: "none", reason: "NO_MODEL" });
    expect(modelOn(history, "2022-12-31")).toBeNull();
  });
  test("quasi-property: the community organisation named for the period", () => {
    for (const duty of ["billing", "public_income", "maintenance"] as const) expect(responsibleFor(compound, duty, "2024-06-30")).toEqual({ kind: "community", nodeId: "com_a" });
  });
  test("the day a contract ends is the old company's; the next day the next company's", () => {
    expect(responsibleFor(compound, "billing", "2024-07-01")).toEqual({ kind: "company", companyId: "co_1", contractId: "k1" });
    expect(responsibleFor(compound, "billing", "2025-06-30")).toEqual({ kind: "company", companyId: "co_1", contractId: "k1" });
    expect(responsibleFor(compound, "billing", "2025-07-01")).toEqual({ kind: "company", companyId: "co_2", contractId: "k2" });
    expect(responsibleFor(compound, "maintenance", "2026-03-31")).toEqual({ kind: "company", companyId: "co_2", contractId: "k2" });
  });
  test("a property-company period without a contract in force: nobody, and why", () => {
    expect(responsibleFor(compound, "public_income", "2026-04-01")).toEqual({ kind: "none", reason: "NO_CONTRACT" });
    expect(responsibleFor(compound, "billing", "2026-06-30")).toEqual({ kind: "none", reason: "NO_CONTRACT" });
  });
  test("self-governance from its first day: the managing body, maintenance delegated to the community", () => {
    expect(responsibleFor(compound, "billing", "2026-07-01")).toEqual({ kind: "self_management_committee" });
    expect(responsibleFor(compound, "public_income", "2026-07-01")).toEqual({ kind: "self_management_committee" });
    expect(responsibleFor(compound, "maintenance", "2026-07-01")).toEqual({ kind: "community", nodeId: "com_home" });
  });
  test("self-governance defaults to the owners' committee answering everything", () => {
    const c = { history: [{ model: "self_governance" as const, from: "2025-01-01" }], contracts: [], communityNodeId: null };
    for (const duty of ["billing", "public_income", "maintenance"] as const) expect(responsibleFor(c, duty, "2025-01-01")).toEqual({ kind: "owners_committee" });
  });
  test("quasi-property without its own node falls back to the compound's community", () => {
    const c = { history: [{ model: "quasi_property" as const, from: "2025-01-01" }], contracts: [], communityNodeId: "com_home" };
    expect(responsibleFor(c, "billing", "2025-01-01")).toEqual({ kind: "community", nodeId: "com_home" });
  });
  test("history order does not matter: the latest entry on or before the day wins", () => {
    expect(modelOn([...history].reverse(), "2025-01-01")?.model).toBe("property_company");
    expect(modelOn(history, "2026-06-30")?.model).toBe("property_company");
    expect(modelOn(history, "2026-07-01")?.model).toBe("self_governance");
  });
});

describe("handover, ratings", () => {
  test("a handover is complete only when every item is confirmed by both sides", () => {
    expect(handoverComplete([])).toBe(false);
    expect(handoverComplete([{ outgoingConfirmed: true, incomingConfirmed: true }])).toBe(true);
    expect(handoverComplete([{ outgoingConfirmed: true, incomingConfirmed: true }, { outgoingConfirmed: true, incomingConfirmed: false }])).toBe(false);
    expect(handoverComplete([{ outgoingConfirmed: false, incomingConfirmed: true }])).toBe(false);
  });
  test("quarters", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf("2026-09-30")).toBe("2026-Q3");
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
  });
  test("ratings are whole stars 1–5", () => {
    for (const s of [1, 2, 3, 4, 5]) expect(ratingValid(s)).toBe(true);
    for (const s of [0, 6, 4.5, -1, Number.NaN]) expect(ratingValid(s)).toBe(false);
  });
  test("the average in tenths, half up, from integers", () => {
    expect(averageTenths(0, 0)).toBeNull();
    expect(averageTenths(17, 4)).toBe(43); // 4.25 → 4.3
    expect(averageTenths(13, 4)).toBe(33); // 3.25 → 3.3
    expect(averageTenths(10, 3)).toBe(33); // 3.333… → 3.3
    expect(averageTenths(11, 3)).toBe(37); // 3.666… → 3.7
    expect(averageTenths(5, 1)).toBe(50);
    expect(averageTenths(1, 1)).toBe(10);
  });
});
