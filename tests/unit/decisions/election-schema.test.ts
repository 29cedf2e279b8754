import { describe, expect, it } from "vitest";
import { BallotFormSchema, MotionFormSchema, PaperBallotSchema, ballotProblem, electionFieldValue, type ChoiceMotion } from "~/decisions/schema";
import { choiceCode, choiceProblem } from "~/decisions/record";
import { parseObject } from "~/ui/form.server";

const agenda: ChoiceMotion[] = [
  { key: "m1", kind: "question" as const, seats: null, candidates: [] },
  { key: "m2", kind: "election" as const, seats: 2, candidates: ["c1", "c2", "c3"] },
];
const check = (m: ChoiceMotion, v: string | string[]) => choiceCode({ kind: m.kind, seats: m.seats ?? 0, candidates: [...m.candidates] }, v);

describe("election choices on the ballot forms @decisions", () => {
  it("reads e_<motion> as a list: keys joined by commas, or abstain (the empty list)", () => {
    const r = parseObject(BallotFormSchema, { voter: "v", intent: "review", c_m1: "yes", e_m2: "c1,c3" });
    expect(r.ok && r.data.choices).toEqual({ m1: "yes", m2: ["c1", "c3"] });
    const a = parseObject(BallotFormSchema, { voter: "v", e_m2: "abstain" });
    expect(a.ok && a.data.choices).toEqual({ m2: [] });
    expect(parseObject(BallotFormSchema, { voter: "v", e_m2: "abstain,c1" })).toMatchObject({ ok: false, errors: { e_m2: "decisions.election.errors.abstainWithNames" } });
    expect(parseObject(BallotFormSchema, { voter: "v", e_m2: "" })).toMatchObject({ ok: false, errors: { _form: "decisions.errors.emptyBallot" } });
    expect(electionFieldValue([])).toBe("abstain");
    expect(electionFieldValue(["c2", "c1"])).toBe("c2,c1");
  });

  it("reads one box per candidate (e_<motion>.<candidate>) on the paper form", () => {
    const r = parseObject(PaperBallotSchema, { code: "ABCDE-FGHJK", "e_m2.c2": "on", "e_m2.c1": "on" });
    expect(r.ok && r.data.choices).toEqual({ m2: ["c2", "c1"] });
    const a = parseObject(PaperBallotSchema, { code: "X", "e_m2.abstain": "on" });
    expect(a.ok && a.data.choices).toEqual({ m2: [] });
  });

  it("ballotProblem uses the verifier's rule: too many, repeated, unknown, wrong type", () => {
    expect(ballotProblem(agenda, { m1: "yes", m2: ["c1", "c2"] }, check)).toBeNull();
    expect(ballotProblem(agenda, { m2: [] }, check)).toBeNull();
    expect(ballotProblem(agenda, { m2: ["c1", "c2", "c3"] }, check)).toEqual({ field: "e_m2", error: "decisions.election.errors.tooMany" });
    expect(ballotProblem(agenda, { m2: ["c1", "c1"] }, check)).toEqual({ field: "e_m2", error: "decisions.election.errors.repeated" });
    expect(ballotProblem(agenda, { m2: ["c9"] }, check)).toEqual({ field: "e_m2", error: "decisions.election.errors.unknownCandidate" });
    expect(ballotProblem(agenda, { m2: "yes" }, check)).toEqual({ field: "e_m2", error: "decisions.errors.badChoice" });
    expect(ballotProblem(agenda, { m1: ["c1"] }, check)).toEqual({ field: "_form", error: "decisions.errors.badChoice" });
    expect(ballotProblem(agenda, { m3: "yes" }, check)).toEqual({ field: "_form", error: "decisions.errors.unknownMotion" });
    expect(ballotProblem(agenda, {}, check)).toEqual({ field: "_form", error: "decisions.errors.emptyBallot" });
    // verify's detail texts are unchanged
    expect(choiceProblem({ kind: "election", seats: 2, candidates: ["c1"] }, ["c1", "c1"])).toBe("repeated candidate");
    expect(choiceProblem({ kind: "election", seats: 1, candidates: ["c1", "c2"] }, ["c1", "c2"])).toBe("more than 1 candidates");
    expect(choiceProblem({ kind: "election", seats: 1, candidates: ["c1"] }, "c1")).toBe("an election takes a list of candidate ids");
    expect(choiceProblem({ kind: "question", seats: 0, candidates: [] }, "maybe")).toBe("a question takes yes, no or abstain");
  });
});

describe("the motion form @decisions", () => {
  const base = { title: "选举业主委员会", text: "全文" };
  it("a question needs a category; an election fixes category 3 and reads its figures and names", () => {
    expect(parseObject(MotionFormSchema, { ...base, category: "4" })).toMatchObject({ ok: true, data: { kind: "question", category: 4 } });
    expect(parseObject(MotionFormSchema, { ...base })).toMatchObject({ ok: false, errors: { category: "errors.required" } });
    const e = parseObject(MotionFormSchema, { ...base, kind: "election", seats: "5", minSeats: "3", candidates: "张三\n 李四 \n\n王五\r\n" });
    expect(e).toMatchObject({ ok: true, data: { kind: "election", seats: 5, minSeats: 3, alternates: 5, candidates: [{ name: "张三" }, { name: "李四" }, { name: "王五" }] } });
    const bad = (over: Record<string, string>) => parseObject(MotionFormSchema, { ...base, kind: "election", seats: "5", minSeats: "3", alternates: "2", candidates: "甲\n乙", ...over });
    expect(bad({ seats: "0" })).toMatchObject({ ok: false, errors: { seats: "decisions.election.errors.seats" } });
    expect(bad({ minSeats: "6" })).toMatchObject({ ok: false, errors: { minSeats: "decisions.election.errors.minSeats" } });
    expect(bad({ alternates: "6" })).toMatchObject({ ok: false, errors: { alternates: "decisions.election.errors.alternates" } });
    expect(bad({ candidates: "  \n " })).toMatchObject({ ok: false, errors: { candidates: "decisions.election.errors.noCandidates" } });
    expect(bad({ candidates: "甲\n甲" })).toMatchObject({ ok: false, errors: { candidates: "decisions.election.errors.duplicateName" } });
  });
});
