import { describe, expect, it } from "vitest";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { ballots, candidates, decisionMotionCandidates, decisionMotions, decisionVoters, decisions, notices, owners } from "~db/schema";
import {
  castBallot,
  removeMotion,
  closeDecision,
  createDecision,
  findDecision,
  openVoting,
  publishDecisionNotice,
  recordText,
  storedResult,
} from "~/decisions/decisions.server";
import { addElectionMotion, openElectionDecision, type ElectionMotionInput } from "~/decisions/election-motion.server";
import { canonicalOutput, parseRecord, verifyRecord, type ElectionOut } from "~/decisions/record";
import { enterPaperBallot } from "~/decisions/paper.server";
import { ballotsPdf } from "~/decisions/pdf.server";
import { ballotsData } from "~/decisions/print.server";
import { useTestDb } from "../support/test-db";
import { pdfText } from "../support/pdf-text";

const h = useTestDb();

/** The same calendar as decisions.test.ts: noticed Monday 2026-03-02, voting 2026-03-18 … 03-27, counted until 03-28. */
const at = (s: string) => new Date(s);
const CP = "cp_hepingli1";
const committee = { id: "usr_demo06", name: "陈德明" };
const NOTICE_AT = at("2026-03-02T10:00:00+08:00");
const OPEN_AT = at("2026-03-18T09:00:00+08:00");
const CLOSE_AT = at("2026-03-29T00:00:00+08:00");
const WINDOW = { opensOn: "2026-03-18", closesOn: "2026-03-27" };

type Voter = typeof decisionVoters.$inferSelect;
const asOwner = (voterKey: string) => ({ role: "owner" as const, castById: voterKey.split("+")[0], channel: "online" as const });
const names = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `候选人${i + 1}` }));

async function electionDecision(title: string, motion: Omit<ElectionMotionInput, "title" | "text">) {
  const c = await createDecision(h.db, committee, CP, { title, form: "written", scope: "compound", ...WINDOW }, NOTICE_AT);
  if (!c.ok) throw new Error(JSON.stringify(c));
  const m = await addElectionMotion(h.db, committee, CP, c.id, { title: "选举业主委员会", text: "选举第一届业主委员会。", ...motion }, NOTICE_AT);
  if (!m.ok) throw new Error(JSON.stringify(m));
  const p = await publishDecisionNotice(h.db, committee, CP, c.id, NOTICE_AT);
  if (!p.ok) throw new Error(JSON.stringify(p));
  const o = await openVoting(h.db, committee, CP, c.id, OPEN_AT);
  if (!o.ok) throw new Error(JSON.stringify(o));
  return { id: c.id, key: m.key };
}

/** Every voter, in a fixed order (the first real unit id), so the groups below do not depend on the pseudonyms. */
async function votersOf(id: string): Promise<Voter[]> {
  const vs = await h.db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, id));
  return vs.sort((a, b) => (a.units[0] < b.units[0] ? -1 : a.units[0] > b.units[0] ? 1 : 0));
}

async function voteAll(id: string, key: string, pick: (i: number) => string[]) {
  const vs = await votersOf(id);
  const base = at("2026-03-19T08:00:00+08:00").getTime();
  const cast = new Map<string, string[]>();
  for (const [i, v] of vs.entries()) {
    const choice = pick(i);
    const r = await castBallot(h.db, committee, CP, id, { voterKey: v.voterKey, choices: { [key]: choice } }, new Date(base + i * 60_000), asOwner(v.voterKey));
    if (!r.ok) throw new Error(`${i}: ${JSON.stringify(r)}`);
    cast.set(v.voterKey, choice);
  }
  return { vs, cast };
}

/** Close, and check the stored result is verify's output over the downloaded record. */
async function closeAndVerify(id: string) {
  const c = await closeDecision(h.db, committee, CP, id, CLOSE_AT);
  if (!c.ok) throw new Error(JSON.stringify(c));
  const d = (await findDecision(h.db, CP, id))!;
  const text = (await recordText(h.db, d))!;
  const v = verifyRecord(text);
  if (v.exit === 2) throw new Error(v.message);
  expect(v.output.errors).toEqual([]);
  expect(v.exit).toBe(0);
  expect(d.resultCanonical).toBe(canonicalOutput(v.output));
  expect(storedResult(d)).toEqual(JSON.parse(canonicalOutput(v.output)));
  return { d, text, m: v.output.motions[0] as ElectionOut };
}

/** A direct recount of the yes votes per candidate from what was cast (heads and area). */
function recount(vs: Voter[], cast: Map<string, string[]>) {
  const yes = new Map<string, { heads: number; area: bigint }>();
  for (const v of vs) for (const c of cast.get(v.voterKey) ?? []) {
    const y = yes.get(c) ?? { heads: 0, area: 0n };
    y.heads += 1;
    y.area += v.area;
    yes.set(c, y);
  }
  return yes;
}

const sorted = (xs: string[]) => [...xs].sort();

describe("election motions @decisions", () => {
  it("an election motion is drafted with its figures and candidates; the header states it as decision-record.md shows", async () => {
    const bad = (over: Partial<ElectionMotionInput>) =>
      addElectionMotion(h.db, committee, CP, "dec_none", { title: "选举", text: "全文", seats: 5, minSeats: 3, alternates: 2, candidates: names(7), ...over }, NOTICE_AT);
    expect(await bad({ seats: 0 })).toEqual({ ok: false, errors: { seats: "decisions.election.errors.seats" } });
    expect(await bad({ minSeats: 6 })).toEqual({ ok: false, errors: { minSeats: "decisions.election.errors.minSeats" } });
    expect(await bad({ alternates: 6 })).toEqual({ ok: false, errors: { alternates: "decisions.election.errors.alternates" } });
    expect(await bad({ candidates: [] })).toEqual({ ok: false, errors: { candidates: "decisions.election.errors.noCandidates" } });
    expect(await bad({ candidates: [{ name: "甲" }, { name: "甲" }] })).toEqual({ ok: false, errors: { candidates: "decisions.election.errors.duplicateName" } });

    const c = await createDecision(h.db, committee, CP, { title: "首届业委会选举", form: "written", scope: "compound", ...WINDOW }, NOTICE_AT);
    if (!c.ok) throw new Error("create");
    const m = await addElectionMotion(h.db, committee, CP, c.id, { title: "选举业主委员会", text: "选举首届业主委员会。", seats: 5, minSeats: 3, candidates: names(3) }, NOTICE_AT);
    if (!m.ok) throw new Error(JSON.stringify(m));
    // An election motion can be removed from the draft, its candidates with it.
    const gone = await addElectionMotion(h.db, committee, CP, c.id, { title: "作废", text: "作废", seats: 1, minSeats: 1, candidates: names(2) }, NOTICE_AT);
    if (!gone.ok) throw new Error(JSON.stringify(gone));
    expect(gone.key).toBe("m2");
    expect(await removeMotion(h.db, committee, CP, c.id, gone.motionId, NOTICE_AT)).toEqual({ ok: true, withdrawn: false });
    expect(await h.db.select().from(decisionMotionCandidates).where(eq(decisionMotionCandidates.motionId, gone.motionId))).toEqual([]);
    const [row] = await h.db.select().from(decisionMotions).where(eq(decisionMotions.id, m.motionId));
    // alternates default to seats
    expect(row).toMatchObject({ key: "m1", kind: "election", category: 3, seats: 5, minSeats: 3, alternates: 5 });
    const cands = await h.db.select().from(decisionMotionCandidates).where(eq(decisionMotionCandidates.motionId, m.motionId)).orderBy(asc(decisionMotionCandidates.position));
    expect(cands.map((x) => [x.key, x.name])).toEqual([["c1", "候选人1"], ["c2", "候选人2"], ["c3", "候选人3"]]);
    const n = await publishDecisionNotice(h.db, committee, CP, c.id, NOTICE_AT);
    if (!n.ok) throw new Error(JSON.stringify(n));
    // The notice names the candidates and the figures.
    const [notice] = await h.db.select({ body: notices.body }).from(notices).where(eq(notices.id, n.noticeId));
    for (const w of ["候选人1", "候选人2", "候选人3", "委员 5 名，当选不少于 3 名方可组成，候补至多 5 名"]) expect(notice.body).toContain(w);
    expect((await openVoting(h.db, committee, CP, c.id, OPEN_AT)).ok).toBe(true);
    const d = (await findDecision(h.db, CP, c.id))!;
    expect(JSON.parse(d.headerCanonical!).motions).toEqual([
      { id: "m1", title: "选举业主委员会", text: "选举首届业主委员会。", category: 3, kind: "election", seats: 5, minSeats: 3, alternates: 5,
        candidates: [{ id: "c1", name: "候选人1" }, { id: "c2", name: "候选人2" }, { id: "c3", name: "候选人3" }] },
    ]);
    const parsed = parseRecord((await recordText(h.db, d))!);
    expect(parsed.ok).toBe(true);
  });

  it("refuses more names than seats, a repeated name and an unknown candidate, writing nothing", async () => {
    const { id, key } = await electionDecision("拒收", { seats: 2, minSeats: 1, alternates: 1, candidates: names(4) });
    const [v] = await votersOf(id);
    const state = async () => {
      const d = (await findDecision(h.db, CP, id))!;
      const [{ n }] = await h.db.select({ n: count() }).from(ballots).where(eq(ballots.decisionId, id));
      return { n: Number(n), head: d.chainHead, count: d.ballotCount };
    };
    const before = await state();
    const cast = (choice: unknown) => castBallot(h.db, committee, CP, id, { voterKey: v.voterKey, choices: { [key]: choice as string[] } }, OPEN_AT, asOwner(v.voterKey));
    expect(await cast(["c1", "c2", "c3"])).toEqual({ ok: false, error: "decisions.election.errors.tooMany", field: `e_${key}` });
    expect(await cast(["c1", "c1"])).toEqual({ ok: false, error: "decisions.election.errors.repeated", field: `e_${key}` });
    expect(await cast(["c1", "c9"])).toEqual({ ok: false, error: "decisions.election.errors.unknownCandidate", field: `e_${key}` });
    expect(await cast("yes")).toEqual({ ok: false, error: "decisions.errors.badChoice", field: `e_${key}` });
    expect(await state()).toEqual(before);
    // An empty list is an abstention, and is accepted.
    expect((await cast([])).ok).toBe(true);
    expect((await state()).n).toBe(before.n + 1);
  });

  it("formed with alternates: 7 candidates, 5 seats, up to 2 alternates", async () => {
    const { id, key } = await electionDecision("选举（组成）", { seats: 5, minSeats: 3, alternates: 2, candidates: names(7) });
    // Per 20 voters: c1…c5 14 each (70%), c6 12 (60%), c7 11 (55%).
    const five = ["c1", "c2", "c3", "c4", "c5"];
    const { vs, cast } = await voteAll(id, key, (i) => {
      const r = i % 20;
      if (r < 10) return ["c6", "c7", five[r % 5], five[(r + 1) % 5], five[(r + 2) % 5]];
      if (r === 10) return ["c6", "c7"];
      if (r === 11) return ["c6"];
      return five;
    });
    const { m } = await closeAndVerify(id);
    const yes = recount(vs, cast);
    expect(m.kind).toBe("election");
    expect(m.participating.heads).toBe(vs.length);
    expect(m.quorum).toBe(true);
    for (const c of m.candidates) {
      const y = yes.get(c.id)!;
      expect(c.yes).toEqual({ heads: y.heads, area: Number(y.area) });
    }
    expect(m.candidates.every((c) => c.reached)).toBe(true);
    expect(sorted(m.elected)).toEqual(five);
    expect(m.alternates).toEqual(["c6", "c7"]);
    expect(m.tie).toEqual([]);
    expect(m.formed).toBe(true);
    expect(m.passed).toBe(true);
    // The elected are in ranking order: yes heads, then area, descending.
    const rank = (c: string) => yes.get(c)!;
    for (let i = 1; i < m.elected.length; i++) {
      const [a, b] = [rank(m.elected[i - 1]), rank(m.elected[i])];
      expect(a.heads > b.heads || (a.heads === b.heads && a.area >= b.area)).toBe(true);
    }
  });

  it("not formed: too few candidates reach the ordinary threshold", async () => {
    const { id, key } = await electionDecision("选举（未组成）", { seats: 5, minSeats: 3, alternates: 2, candidates: names(5) });
    const { vs } = await voteAll(id, key, (i) => (i % 10 < 8 ? ["c1", "c2"] : i % 10 === 8 ? ["c3"] : []));
    const { m } = await closeAndVerify(id);
    expect(m.abstain.heads).toBe(vs.filter((_, i) => i % 10 === 9).length);
    expect(m.candidates.map((c) => [c.id, c.reached])).toEqual([["c1", true], ["c2", true], ["c3", false], ["c4", false], ["c5", false]]);
    expect(sorted(m.elected)).toEqual(["c1", "c2"]);
    expect(m.alternates).toEqual([]);
    expect(m.formed).toBe(false);
    expect(m.passed).toBe(false);
  });

  it("a tie at the last seat: the tied go into tie, the committee is not formed", async () => {
    const { id, key } = await electionDecision("选举（票数相同）", { seats: 3, minSeats: 3, alternates: 2, candidates: names(4) });
    // Per 10 voters: c1 and c2 7 each, c3 and c4 6 each, chosen by exactly the same voters (equal heads and area).
    await voteAll(id, key, (i) => (i % 10 < 3 ? ["c1", "c3", "c4"] : i % 10 < 6 ? ["c2", "c3", "c4"] : ["c1", "c2"]));
    const { m } = await closeAndVerify(id);
    expect(m.candidates.find((c) => c.id === "c3")!.yes).toEqual(m.candidates.find((c) => c.id === "c4")!.yes);
    expect(m.candidates.every((c) => c.reached)).toBe(true);
    expect(sorted(m.elected)).toEqual(["c1", "c2"]);
    expect(m.tie).toEqual(["c3", "c4"]);
    expect(m.alternates).toEqual([]);
    expect(m.formed).toBe(false);
    expect(m.passed).toBe(false);
  });
});

describe("paper ballots for an election @decisions", () => {
  it("the printed ballot lists the candidates with a box each and the limit; a paper ballot is entered by the same rule", async () => {
    const { id, key } = await electionDecision("纸质选票", { seats: 2, minSeats: 1, alternates: 1, candidates: names(3) });
    const d = (await findDecision(h.db, CP, id))!;
    const data = (await ballotsData(h.db, d))!;
    expect(data.motions).toEqual([{ title: "选举业主委员会", kind: "election", seats: 2, candidates: ["候选人1", "候选人2", "候选人3"] }]);
    const { pages } = await pdfText(await ballotsPdf(data));
    const page = pages[0].replace(/\s+/g, "");
    for (const w of ["候选人1", "候选人2", "候选人3", "至多选2名", "弃权"]) expect(page).toContain(w);

    const [a, b] = await votersOf(id);
    const clerk = { id: "usr_demo06", name: "陈德明" };
    const when = at("2026-03-20T10:00:00+08:00");
    expect(await enterPaperBallot(h.db, clerk, d, a.voterKey, { [key]: ["c1", "c2", "c3"] }, when)).toEqual({ ok: false, error: "decisions.election.errors.tooMany", field: `e_${key}` });
    expect((await enterPaperBallot(h.db, clerk, d, a.voterKey, { [key]: ["c3", "c1"] }, when)).ok).toBe(true);
    expect((await enterPaperBallot(h.db, clerk, d, b.voterKey, { [key]: [] }, when)).ok).toBe(true);
    const v = verifyRecord((await recordText(h.db, (await findDecision(h.db, CP, id))!))!);
    if (v.exit === 2) throw new Error(v.message);
    expect(v.output.errors).toEqual([]);
    const m = v.output.motions[0] as ElectionOut;
    expect(m.participating.heads).toBe(2);
    expect(m.abstain.heads).toBe(1);
    expect(m.candidates.map((c) => c.yes.heads)).toEqual([1, 0, 1]);
  });
});

describe("openElectionDecision @decisions", () => {
  it("drafts a decision with one election motion from the published list of 青年路小区 (cleared candidates, in order)", async () => {
    const cleared = await h.db
      .select({ id: candidates.id, ownerId: candidates.ownerId, name: owners.name })
      .from(candidates)
      .innerJoin(owners, eq(owners.id, candidates.ownerId))
      .where(and(eq(candidates.electionId, "elc_demo_qn"), inArray(candidates.phase, ["cleared", "cleared_on_appeal"])))
      .orderBy(asc(candidates.createdAt), asc(candidates.id));
    expect(cleared.length).toBe(6);
    const r = await openElectionDecision(h.db, committee, "cp_qingnian", "elc_demo_qn", { title: "青年路小区首届业委会选举", form: "written", ...WINDOW }, NOTICE_AT);
    if (!r.ok) throw new Error(JSON.stringify(r));
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, r.id));
    expect(d).toMatchObject({ compoundId: "cp_qingnian", status: "draft", scopeKind: "compound", title: "青年路小区首届业委会选举" });
    const [m] = await h.db.select().from(decisionMotions).where(eq(decisionMotions.decisionId, r.id));
    expect(m).toMatchObject({ id: r.motionId, key: "m1", kind: "election", category: 3, seats: 5, minSeats: 3, alternates: 2 });
    const cs = await h.db.select().from(decisionMotionCandidates).where(eq(decisionMotionCandidates.motionId, m.id)).orderBy(asc(decisionMotionCandidates.position));
    expect(cs.map((c) => [c.key, c.name, c.candidateId, c.ownerId])).toEqual(cleared.map((c, i) => [`c${i + 1}`, c.name, c.id, c.ownerId]));
    expect(cs.map((c) => c.candidateId)).not.toContain("cnd_demo_qn_7");

    // Another compound's election is not found; nothing is written.
    const [{ n }] = await h.db.select({ n: count() }).from(decisions);
    expect(await openElectionDecision(h.db, committee, CP, "elc_demo_qn", { title: "x", form: "written", ...WINDOW }, NOTICE_AT)).toEqual({ ok: false, errors: { _form: "errors.invalid" } });
    // An election whose list is not published yet is refused.
    expect(await openElectionDecision(h.db, committee, "cp_hepingli2", "elc_demo_hpl2", { title: "x", form: "written", ...WINDOW }, NOTICE_AT)).toEqual({ ok: false, errors: { _form: "decisions.election.errors.notPublished" } });
    expect((await h.db.select({ n: count() }).from(decisions))[0].n).toBe(n);
  });
});
