import { describe, expect, it } from "vitest";
import { canonical, chainHash, genesisOf, verifyRecord, type ElectionOut, type QuestionOut, type TallyOutput } from "~/decisions/record";
import { motionPasses, thresholdFor, votingWindowProblem } from "~/decisions/rules";
import { groupVoters, type RollEntry } from "~/registry/rules";

/**
 * Property tests over the record verifier (decision-record.md) with generated rolls and ballots. A small
 * seeded PRNG (mulberry32) keeps every run identical; a failure names its seed.
 */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(next() * 16)]).join("");
  const shuffle = <T>(xs: readonly T[]) => {
    const a2 = [...xs];
    for (let i = a2.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a2[i], a2[j]] = [a2[j], a2[i]];
    }
    return a2;
  };
  return { next, int, pick, hex, shuffle };
}
type Rng = ReturnType<typeof prng>;

type Motion =
  | { id: string; title: string; text: string; category: number; kind: "question" }
  | { id: string; title: string; text: string; category: 3; kind: "election"; seats: number; minSeats: number; alternates: number; candidates: { id: string; name: string }[] };
type Choice = string | string[];
type Body = { castAt: string; castBy: { id: string; role: string }; channel: string; choices: Record<string, Choice>; seq: number; voter: string };
type Header = { decision: Record<string, unknown>; motions: Motion[]; roll: RollEntry[] };

const OPENS = Date.parse("2026-03-18T00:00:00+08:00");
const CLOSES = Date.parse("2026-03-27T23:59:59+08:00");
/** `castAt` as the record writes it: YYYY-MM-DDTHH:MM:SS+08:00. */
const castAtOf = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

const ORDINARY = [1, 2, 4, 5, 9];
const SPECIAL = [6, 7, 8];

/** A random roll: sole owners, couples, owners of several flats, sometimes the developer's unsold flats. */
function genRoll(r: Rng): RollEntry[] {
  const n = r.int(3, 40);
  const roll: RollEntry[] = [];
  const multi: string[][] = [];
  for (let i = 0; i < n; i++) {
    const area = r.next() < 0.05 ? r.int(1, 100) : r.int(2000, 20000);
    const unit = `u-${r.hex(12)}`;
    const x = r.next();
    if (x < 0.08) roll.push({ unit, area, owners: [], developerUnsold: true });
    else if (x < 0.2 && multi.length) roll.push({ unit, area, owners: r.pick(multi) });
    else {
      const owners = x < 0.35 ? [`o-${r.hex(12)}`, `o-${r.hex(12)}`].sort() : [`o-${r.hex(12)}`];
      if (r.next() < 0.3) multi.push(owners);
      roll.push({ unit, area, owners });
    }
  }
  return roll;
}

function genHeader(r: Rng, withElection: boolean): Header {
  const motions: Motion[] = [
    { id: "m1", title: "普通事项", text: "…", category: r.pick(ORDINARY), kind: "question" },
    { id: "m2", title: "特别事项", text: "…", category: r.pick(SPECIAL), kind: "question" },
  ];
  if (withElection) {
    const k = r.int(2, 6);
    const seats = r.int(1, k);
    motions.push({
      id: "e1", title: "选举", text: "…", category: 3, kind: "election", seats, minSeats: r.int(1, seats), alternates: r.int(0, seats),
      candidates: Array.from({ length: k }, (_, i) => ({ id: `c${i + 1}`, name: `候选人${i + 1}` })),
    });
  }
  return {
    decision: { id: "d-prop", compound: "cp-x", scope: { kind: "compound", id: "cp-x" }, title: "t", opensAt: castAtOf(OPENS), closesAt: castAtOf(CLOSES), countingClosesAt: castAtOf(CLOSES) },
    motions,
    roll: genRoll(r),
  };
}

/** Random choices of one voter: each motion answered with probability `answer`, yes with probability `yesBias`. */
function genChoices(r: Rng, motions: Motion[], answer: number, yesBias: number): Record<string, Choice> {
  const c: Record<string, Choice> = {};
  for (const m of motions) {
    if (r.next() >= answer) continue;
    if (m.kind === "question") c[m.id] = r.next() < yesBias ? "yes" : r.pick(["no", "abstain"]);
    else c[m.id] = r.shuffle(m.candidates.map((x) => x.id)).slice(0, r.int(0, m.seats));
  }
  if (Object.keys(c).length === 0) c.m1 = "yes";
  return c;
}

/** Bodies of ballots in order, seq = position, cast by the voter key's first owner. */
function bodies(votes: { voter: string; choices: Record<string, Choice> }[], r: Rng): Body[] {
  const times = votes.map(() => r.int(OPENS / 1000, CLOSES / 1000) * 1000).sort((a, b) => a - b);
  return votes.map((v, i) => ({
    castAt: castAtOf(times[i]), castBy: { id: v.voter.split("+")[0], role: "owner" }, channel: "online", choices: v.choices, seq: i + 1, voter: v.voter,
  }));
}

/** The record's text as an honest server builds it: genesis over the canonical header, each ballot chained. */
function buildRecord(header: Header, bs: Body[]): string {
  let prev = genesisOf(canonical(header));
  const ballots = bs.map((b) => {
    const hash = chainHash(prev, canonical(b));
    const out = { ...b, prev, hash };
    prev = hash;
    return out;
  });
  return JSON.stringify({ format: "gongzhi.decision-record/1", ...header, ballots });
}

function tally(text: string): TallyOutput {
  const v = verifyRecord(text);
  if (v.exit === 2) throw new Error(`exit 2: ${v.message}`);
  return v.output;
}

/** A random valid decision: header, the voters, and the ballots of a random share of them. */
function genDecision(seed: number, withElection = true) {
  const r = prng(seed);
  const header = genHeader(r, withElection);
  const g = groupVoters(header.roll);
  expect(g.errors).toEqual([]);
  const turnout = r.pick([0.4, 0.67, 0.8, 0.95, 1]);
  const answer = r.pick([0.8, 1]);
  const yesBias = r.pick([0.3, 0.5, 0.7, 0.85, 1]);
  const voting = r.shuffle(g.voters).filter(() => r.next() < turnout);
  const votes = voting.map((v) => ({ voter: v.key, choices: genChoices(r, header.motions, answer, yesBias) }));
  return { r, header, g, votes, bs: bodies(votes, r) };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => 1000 + i);
type Acc = { heads: number; area: number };

describe("generated records verify and tally as a direct recount says @decisions", () => {
  it("an honestly built record verifies with no errors, and every figure equals a recount", () => {
    for (const seed of SEEDS) {
      const { header, g, votes, bs } = genDecision(seed);
      const out = tally(buildRecord(header, bs));
      expect(out.errors, `seed ${seed}`).toEqual([]);
      expect(out.ok).toBe(true);
      expect(out.genesis).toBe(genesisOf(canonical(header)));
      const area = new Map(g.voters.map((v) => [v.key, Number(v.area)]));
      const total = { heads: g.total.heads, area: Number(g.total.area) };
      const add = (a: Acc, voter: string) => {
        a.heads += 1;
        a.area += area.get(voter)!;
      };
      const z = (): Acc => ({ heads: 0, area: 0 });
      for (const m of header.motions) {
        const got = out.motions.find((x) => x.id === m.id)!;
        expect(got.total).toEqual(total);
        const part = z();
        const abstain = z();
        if (m.kind === "question") {
          const yes = z();
          const no = z();
          for (const v of votes) {
            const c = v.choices[m.id];
            if (c === undefined) continue;
            add(part, v.voter);
            add(c === "yes" ? yes : c === "no" ? no : abstain, v.voter);
          }
          const q = got as QuestionOut;
          expect({ yes: q.yes, no: q.no, abstain: q.abstain, participating: q.participating }, `seed ${seed} ${m.id}`).toEqual({ yes, no, abstain, participating: part });
          expect(q.threshold).toBe(thresholdFor(m.category));
          expect(q.passed).toBe(motionPasses(q.threshold, total, part, yes));
        } else {
          const yes = new Map(m.candidates.map((c) => [c.id, z()]));
          for (const v of votes) {
            const c = v.choices[m.id] as string[] | undefined;
            if (c === undefined) continue;
            add(part, v.voter);
            if (c.length === 0) add(abstain, v.voter);
            for (const id of c) add(yes.get(id)!, v.voter);
          }
          const e = got as ElectionOut;
          expect(e.participating).toEqual(part);
          expect(e.abstain).toEqual(abstain);
          expect(e.candidates.map((c) => [c.id, c.yes])).toEqual([...yes]);
          expect(e.elected.length).toBeLessThanOrEqual(m.seats);
          expect(e.alternates.length).toBeLessThanOrEqual(m.alternates);
        }
      }
    }
  });
});

describe("adding a yes ballot never turns a pass into a fail @decisions", () => {
  it("holds for the ordinary and the special threshold (and leaves motions it does not answer unchanged)", () => {
    const seen = { ordinary: { passBefore: 0, failToPass: 0 }, special: { passBefore: 0, failToPass: 0 } };
    for (const seed of SEEDS) {
      const { r, header, g, votes, bs } = genDecision(seed, false);
      const voted = new Set(votes.map((v) => v.voter));
      const rest = g.voters.filter((v) => !voted.has(v.key));
      if (rest.length === 0) continue;
      const before = tally(buildRecord(header, bs));
      // One more voter, who had not voted, votes yes on a non-empty random subset of the questions.
      const newcomer = r.pick(rest).key;
      const answered = header.motions.filter(() => r.next() < 0.7).map((m) => m.id);
      if (answered.length === 0) answered.push(r.pick(header.motions).id);
      const extra: Body = {
        castAt: castAtOf(CLOSES), castBy: { id: newcomer.split("+")[0], role: "owner" }, channel: "online",
        choices: Object.fromEntries(answered.map((id) => [id, "yes"])), seq: bs.length + 1, voter: newcomer,
      };
      const after = tally(buildRecord(header, [...bs, extra]));
      expect(after.ok, `seed ${seed}`).toBe(true);
      for (const [i, m] of before.motions.entries()) {
        const b = m as QuestionOut;
        const a = after.motions[i] as QuestionOut;
        if (b.passed) {
          seen[b.threshold].passBefore++;
          expect(a.passed, `seed ${seed}: ${m.id} (${b.threshold}) passed before the extra yes`).toBe(true);
        } else if (a.passed) seen[b.threshold].failToPass++;
        if (!answered.includes(m.id)) expect(a, `seed ${seed} ${m.id}`).toEqual(b);
        else {
          expect(a.yes.heads).toBe(b.yes.heads + 1);
          expect(a.participating.heads).toBe(b.participating.heads + 1);
          expect(a.quorum || !b.quorum).toBe(true);
        }
      }
    }
    // The property was exercised: passes existed for both thresholds, and some fails became passes.
    expect(seen.ordinary.passBefore).toBeGreaterThan(20);
    expect(seen.special.passBefore).toBeGreaterThan(10);
    expect(seen.ordinary.failToPass + seen.special.failToPass).toBeGreaterThan(0);
  });

  it("holds exhaustively near the boundaries (integer counts, both thresholds)", () => {
    // T fixed; every P, Y (heads) with areas proportional plus a skew; then add one yes of area a.
    for (const threshold of ["ordinary", "special"] as const) {
      for (let tH = 1; tH <= 12; tH++) {
        for (let pH = 0; pH < tH; pH++) {
          for (let yH = 0; yH <= pH; yH++) {
            for (const [pA, yA] of [[pH * 100, yH * 100], [pH * 100 + 7, yH * 100 + 7], [pH * 100, Math.max(0, yH * 100 - 3)]]) {
              const total = { heads: tH, area: tH * 100 + 50 };
              for (const a of [1, 100, 1000]) {
                if (motionPasses(threshold, total, { heads: pH, area: pA }, { heads: yH, area: yA })) {
                  expect(motionPasses(threshold, total, { heads: pH + 1, area: pA + a }, { heads: yH + 1, area: yA + a })).toBe(true);
                }
              }
            }
          }
        }
      }
    }
  });
});

describe("the order of ballots does not change the tally @decisions", () => {
  it("permuting and re-chaining the ballots leaves every motion's result unchanged", () => {
    let chainsDiffered = 0;
    for (const seed of SEEDS) {
      const { r, header, bs } = genDecision(seed);
      const before = tally(buildRecord(header, bs));
      // Same ballots in another order: seq renumbered, castAt kept sorted, chain rebuilt.
      const perm = r.shuffle(bs);
      const castAts = bs.map((b) => b.castAt);
      const rechained = perm.map((b, i) => ({ ...b, seq: i + 1, castAt: castAts[i] }));
      const after = tally(buildRecord(header, rechained));
      expect(after.ok, `seed ${seed}`).toBe(true);
      expect(after.motions, `seed ${seed}`).toEqual(before.motions);
      expect(after.genesis).toBe(before.genesis);
      if (after.chainHead !== before.chainHead) chainsDiffered++;
    }
    expect(chainsDiffered).toBeGreaterThan(SEEDS.length / 2);
  });
});

describe("voting window bounds (Hangzhou Art. 20: 5–60 days, both ends counted) @decisions", () => {
  const B = { min: 5, max: 60 };
  const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it("exactly 5 and exactly 60 days are fine; 4 and 61 are not", () => {
    expect(votingWindowProblem("2026-03-18", "2026-03-22", B)).toBeNull();
    expect(votingWindowProblem("2026-03-18", "2026-03-21", B)).toEqual({ code: "TOO_SHORT", days: 4 });
    expect(votingWindowProblem("2026-03-18", "2026-05-16", B)).toBeNull();
    expect(votingWindowProblem("2026-03-18", "2026-05-17", B)).toEqual({ code: "TOO_LONG", days: 61 });
    expect(votingWindowProblem("2026-03-18", "2026-03-18", B)).toEqual({ code: "TOO_SHORT", days: 1 });
    expect(votingWindowProblem("2026-03-18", "2026-03-17", B)).toEqual({ code: "CLOSES_BEFORE_OPENS" });
    // across a leap day and a year end
    expect(votingWindowProblem("2028-02-26", "2028-03-01", B)).toBeNull();
    expect(votingWindowProblem("2028-02-27", "2028-03-01", B)).toEqual({ code: "TOO_SHORT", days: 4 });
    expect(votingWindowProblem("2025-12-01", "2026-01-29", B)).toBeNull();
    expect(votingWindowProblem("2025-12-01", "2026-01-30", B)).toEqual({ code: "TOO_LONG", days: 61 });
  });

  it("for random days and lengths, the verdict follows the length in days", () => {
    const r = prng(7);
    for (let i = 0; i < 2000; i++) {
      const opens = plus("2024-01-01", r.int(0, 365 * 4));
      const len = r.int(-3, 80); // days counted with both ends; ≤ 0 means the close is before the opening
      const closes = plus(opens, len - 1);
      const got = votingWindowProblem(opens, closes, B);
      if (len < 1) expect(got, `${opens}…${closes}`).toEqual({ code: "CLOSES_BEFORE_OPENS" });
      else if (len < 5) expect(got, `${opens}…${closes}`).toEqual({ code: "TOO_SHORT", days: len });
      else if (len > 60) expect(got, `${opens}…${closes}`).toEqual({ code: "TOO_LONG", days: len });
      else expect(got, `${opens}…${closes}`).toBeNull();
    }
  });
});
