import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonical, canonicalOutput, sha256Hex, verifyRecord, type ElectionOut, type TallyOutput } from "~/decisions/record";

const DIR = join(process.cwd(), "tests/fixtures/decision-records");
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const text = (name: string) => readFileSync(join(DIR, name), "utf8");
type Rec = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- records are edited freely in tests
const load = (name: string): Rec => JSON.parse(text(name));
const utf8 = (s: string) => new TextEncoder().encode(s);
const encode = (rec: Rec) => utf8(JSON.stringify(rec, null, 2));

/** The output with every error's free-text `detail` removed (the README says comparisons ignore it). */
function withoutDetail(o: unknown): unknown {
  const out = structuredClone(o) as TallyOutput;
  for (const e of out.errors) delete (e as { detail?: string }).detail;
  return out;
}

/** Recomputes the genesis and every ballot's prev/hash, as an honest server would (decision-record.md "Hash chain"). */
function rechain(rec: Rec): Rec {
  let prev = sha256Hex(`gongzhi.decision-record/1\n${canonical({ decision: rec.decision, motions: rec.motions, roll: rec.roll })}`);
  for (const b of rec.ballots) {
    delete b.prev;
    delete b.hash;
    b.prev = prev;
    b.hash = sha256Hex(prev + canonical(Object.fromEntries(Object.entries(b).filter(([k]) => k !== "prev"))));
    prev = b.hash;
  }
  return rec;
}

function verified(rec: Rec) {
  const r = verifyRecord(encode(rec));
  if (r.exit === 2) throw new Error(`unexpected exit 2: ${r.message}`);
  return r;
}
const codes = (o: TallyOutput) => o.errors.map((e) => [e.code, e.ballot ?? null, e.motion ?? null]);

describe("worked decision records @decisions", () => {
  it.each([
    ["01-meeting", 0],
    ["02-meeting-tampered", 1],
    ["03-election-tie", 0],
  ] as const)("%s verifies to its .verify.json with exit %i", (name, exit) => {
    const r = verifyRecord(bytes(`${name}.json`));
    expect(r.exit).toBe(exit);
    if (r.exit === 2) return;
    expect(withoutDetail(r.output)).toEqual(withoutDetail(load(`${name}.verify.json`)));
    expect(r.output.ok).toBe(exit === 0);
  });

  it("prints the worked examples' canonical text byte for byte", () => {
    for (const name of ["01-meeting", "03-election-tie"]) {
      const r = verifyRecord(bytes(`${name}.json`));
      if (r.exit === 2) throw new Error(r.message);
      expect(`${canonicalOutput(r.output)}\n`).toBe(text(`${name}.verify.json`));
    }
  });

  it("accepts the text and a parsed value as well as bytes", () => {
    const a = verifyRecord(text("01-meeting.json"));
    const b = verifyRecord(load("01-meeting.json"));
    expect(a).toEqual(verifyRecord(bytes("01-meeting.json")));
    expect(b).toEqual(a);
  });

  it("a rechained copy of 01-meeting is identical (the test's rechain matches the format)", () => {
    expect(encode(rechain(load("01-meeting.json")))).toEqual(encode(load("01-meeting.json")));
  });
});

describe("structural errors exit 2 @decisions", () => {
  const original = text("01-meeting.json");
  const cases: [string, Uint8Array][] = [
    ["duplicate key", utf8(original.replace('{\n  "format"', '{\n  "format": "gongzhi.decision-record/1",\n  "format"'))],
    ["duplicate key deep inside", utf8(original.replace('"area": 8523,', '"area": 8523, "area": 8523,'))],
    ["a float", utf8(original.replace('"area": 8523', '"area": 85.23'))],
    ["an integer written as a float", utf8(original.replace('"area": 8523', '"area": 8523.0'))],
    ["an exponent", utf8(original.replace('"area": 8523', '"area": 8.523e3'))],
    ["a negative number", utf8(original.replace('"area": 8523', '"area": -8523'))],
    ["a number of 2^53", utf8(original.replace('"area": 8523', '"area": 9007199254740992'))],
    ["castAt with Z", utf8(original.replace('"2025-05-02T09:14:03+08:00"', '"2025-05-02T01:14:03Z"'))],
    ["missing motions", encode((({ motions: _m, ...rest }) => rest)(load("01-meeting.json")))],
    ["empty motions", encode({ ...load("01-meeting.json"), motions: [] })],
    ["unknown format", utf8(original.replace('"gongzhi.decision-record/1"', '"gongzhi.decision-record/2"'))],
    ["not UTF-8", new Uint8Array([...utf8(original.slice(0, 40)), 0xff, 0xfe, ...utf8(original.slice(40))])],
    ["not JSON", utf8(original.slice(0, -3))],
    ["an election of category 4", encode({ ...load("03-election-tie.json"), motions: [{ ...load("03-election-tie.json").motions[0], category: 4 }] })],
    ["seq as a string", utf8(original.replace('"seq": 1,', '"seq": "1",'))],
    ["a roll entry without owners", utf8(original.replace(/"owners": \[\s*"o-2ac812995780"\s*\]/, '"owners": "o-2ac812995780"'))],
  ];
  it.each(cases)("%s", (_name, input) => {
    const r = verifyRecord(input);
    expect(r.exit).toBe(2);
    if (r.exit === 2) expect(r.message).toMatch(/\S/);
  });

  it("the unedited file is not exit 2 (the cases above each change one thing)", () => {
    expect(verifyRecord(utf8(original)).exit).toBe(0);
  });
});

describe("errors in the record @decisions", () => {
  it("a tampered ballot gives exactly one chain error, on itself", () => {
    const rec = load("01-meeting.json");
    rec.ballots[2].choices.m1 = "yes"; // ballot 3 changed after the fact
    const r = verified(rec);
    expect(r.exit).toBe(1);
    expect(codes(r.output)).toEqual([["chain", 3, null]]);
    expect(r.output.ok).toBe(false);
  });

  it("a broken link (prev) is a chain error on that ballot only", () => {
    const rec = load("01-meeting.json");
    rec.ballots[3].prev = rec.ballots[0].hash;
    expect(codes(verified(rec).output)).toEqual([["chain", 4, null]]);
  });

  it("an empty roll is one bad-roll error", () => {
    const rec = rechain({ ...load("01-meeting.json"), roll: [], ballots: [] });
    const r = verified(rec);
    expect(r.exit).toBe(1);
    expect(codes(r.output)).toEqual([["bad-roll", null, null]]);
    expect(r.output.motions[0]).toMatchObject({ total: { heads: 0, area: 0 }, passed: false });
  });

  it("bad roll entries are errors in roll order and count for nothing", () => {
    const rec = load("01-meeting.json");
    rec.roll.push({ unit: "u-8cccb8cfe217", area: 100, owners: ["o-x"] }, { unit: "u-zero", area: 0, owners: ["o-y"] }, { unit: "u-none", area: 100, owners: [] });
    const r = verified(rechain(rec));
    expect(codes(r.output)).toEqual([["bad-roll", null, null], ["bad-roll", null, null], ["bad-roll", null, null]]);
    expect(r.output.motions[0].total).toEqual({ heads: 8, area: 86208 });
  });

  it("a late online ballot is a late error and still counted", () => {
    const rec = load("01-meeting.json");
    rec.ballots[0].castAt = "2025-05-20T18:00:01+08:00"; // one second after closesAt
    const r = verified(rechain(rec));
    expect(codes(r.output)).toEqual([["late", 1, null]]);
    expect(r.output.motions[0]).toMatchObject({ yes: { heads: 4, area: 49763 } });
  });

  it("online at exactly closesAt and paper within the counting period are on time; paper after it is late", () => {
    const rec = load("01-meeting.json");
    rec.ballots[0].castAt = "2025-05-20T18:00:00+08:00";
    expect(verified(rechain(rec)).output.errors).toEqual([]);
    rec.ballots[5].castAt = "2025-05-21T18:00:01+08:00"; // the paper ballot
    expect(codes(verified(rechain(rec)).output)).toEqual([["late", 6, null]]);
    rec.ballots[5].castAt = "2025-04-30T23:59:59+08:00"; // before opensAt
    expect(codes(verified(rechain(rec)).output)).toEqual([["late", 6, null]]);
  });

  it("orders seq, chain, late, voter and bad-choice errors per ballot, and leaves out what does not count", () => {
    const rec = rechain(load("01-meeting.json"));
    // ballot 7: the same voter again, late, with an unknown motion and a bad value
    rec.ballots.push({ ...structuredClone(rec.ballots[0]), seq: 9, castAt: "2025-06-01T00:00:00+08:00", choices: { zz: "yes", aa: "no", m1: "yes", m2: "maybe" } });
    // ballot 8: owners in another order (unknown voter), a repeated candidate-like wrong type
    rec.ballots.push({ ...structuredClone(rec.ballots[1]), seq: 8, voter: "o-4ba739741e69+o-0a6c80a260e8", choices: { m1: ["yes"] } });
    // ballot 9: a voter who had not voted, with one bad entry (m2) and one good (m1)
    rec.ballots.push({ ...structuredClone(rec.ballots[1]), seq: 9, voter: "o-27756f050e14", channel: "paper", castAt: "2025-05-21T09:00:00+08:00", choices: { m1: "no", m2: 1 } });
    rechain(rec);
    rec.ballots[6].seq = 9; // rechain keeps seq; make ballot 7's wrong
    rec.ballots[6].hash = "0".repeat(64); // and break its hash (ballot 8's prev then no longer matches: one chain each)
    const r = verified(rec);
    expect(codes(r.output)).toEqual([
      ["seq", 7, null], ["chain", 7, null], ["late", 7, null], ["duplicate-voter", 7, null],
      ["bad-choice", 7, "aa"], ["bad-choice", 7, "zz"], ["bad-choice", 7, "m2"],
      ["chain", 8, null], ["unknown-voter", 8, null], ["bad-choice", 8, "m1"],
      ["bad-choice", 9, "m2"],
    ]);
    // ballot 9 counts for m1 only (+1 no, +12075 area); ballots 7 and 8 do not count
    expect(r.output.motions[0]).toMatchObject({ no: { heads: 2, area: 19725 }, participating: { heads: 7, area: 75968 } });
    expect(r.output.motions[1]).toMatchObject({ participating: { heads: 5, area: 57413 } });
  });

  it("election: too many, repeated and unknown candidates are bad choices; an empty list abstains", () => {
    const rec = load("03-election-tie.json");
    rec.ballots[0].choices.e1 = ["c1", "c2", "c3", "c4", "c5", "c6"];
    rec.ballots[1].choices.e1 = ["c1", "c1"];
    rec.ballots[2].choices.e1 = ["c9"];
    rec.ballots[3].choices.e1 = [];
    const r = verified(rechain(rec));
    expect(codes(r.output)).toEqual([["bad-choice", 1, "e1"], ["bad-choice", 2, "e1"], ["bad-choice", 3, "e1"]]);
    expect(r.output.motions[0]).toMatchObject({ abstain: { heads: 1, area: 9000 }, participating: { heads: 6 } });
  });

  it("election without a tie elects the first seats and cuts alternates at the motion's number", () => {
    const rec = load("03-election-tie.json");
    rec.ballots[8].choices.e1 = ["c3", "c4", "c5"]; // c6 drops to 4 heads (not reached): c5 (5, 460.00 m²) beats c7 (5, 430.00 m²)
    const r = verified(rechain(rec));
    expect(r.output.motions[0]).toMatchObject({
      elected: ["c1", "c2", "c3", "c4", "c5"], tie: [], alternates: ["c7"], formed: true, passed: true,
    });
    expect((r.output.motions[0] as ElectionOut).candidates.find((c) => c.id === "c6")).toMatchObject({ reached: false, yes: { heads: 4 } });
  });
});

describe("exact sums @decisions", () => {
  it("a total area above 2^53 stays exact and prints as its digits", () => {
    const rec = load("01-meeting.json");
    const max = Number.MAX_SAFE_INTEGER; // 2^53 - 1, the largest number a record may hold
    rec.roll = [
      { unit: "u-a", area: max, owners: ["o-a"] },
      { unit: "u-b", area: max, owners: ["o-b"] },
      { unit: "u-c", area: max, owners: ["o-c"] },
    ];
    rec.ballots = [];
    const r = verified(rechain(rec));
    const want = 3n * BigInt(max);
    expect(r.output.motions[0].total).toEqual({ heads: 3, area: want });
    expect(canonicalOutput(r.output)).toContain(`"total":{"area":${want},"heads":3}`);
  });
});

describe("the verify CLI @decisions", () => {
  it("prints the canonical text of 01-meeting and exits 0", () => {
    const r = spawnSync("npx", ["tsx", "scripts/verify.ts", "tests/fixtures/decision-records/01-meeting.json"], {
      cwd: process.cwd(), encoding: "utf8", timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(text("01-meeting.verify.json"));
    expect(r.status).toBe(0);
  }, 60_000);
});
