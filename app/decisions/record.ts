/**
 * The decision-record verifier, pure (decision-record.md, format `gongzhi.decision-record/1`). Recomputes
 * the genesis, the ballot hash chain and every motion's tally from the record alone, and lists what is
 * wrong. Thresholds: 民法典 Art. 278 (./rules.ts); voters: SPC Interp. Art. 9 (the registry's one grouping
 * function, ~/registry/rules.ts). Hashes: SHA-256 over RFC 8785 canonical JSON.
 */
import { createHash, createHmac } from "node:crypto";
import canonicalize from "canonicalize";
import { DEVELOPER, compareCodePoints, groupVoters, voterKey, type RollEntry, type Voter } from "~/registry/rules";
import { approved, quorumMet, thresholdFor, type Threshold } from "./rules";

export const RECORD_FORMAT = "gongzhi.decision-record/1";
export const TALLY_FORMAT = "gongzhi.tally/1";

export type VerifyResult = { exit: 0 | 1; output: TallyOutput } | { exit: 2; message: string };

/** Areas are exact: a number where it is a safe integer, else a bigint (printed as its digits). */
export type CountOut = { area: number | bigint; heads: number };
export type ErrorOut = { code: string; ballot?: number; motion?: string; detail: string };
export type QuestionOut = {
  abstain: CountOut; category: number; id: string; kind: "question"; no: CountOut; participating: CountOut;
  passed: boolean; quorum: boolean; threshold: Threshold; total: CountOut; yes: CountOut;
};
export type ElectionOut = {
  abstain: CountOut; alternates: string[]; candidates: { id: string; reached: boolean; yes: CountOut }[];
  category: number; elected: string[]; formed: boolean; id: string; kind: "election"; participating: CountOut;
  passed: boolean; quorum: boolean; threshold: Threshold; tie: string[]; total: CountOut;
};
export type TallyOutput = {
  chainHead: string; errors: ErrorOut[]; format: typeof TALLY_FORMAT; genesis: string;
  motions: (QuestionOut | ElectionOut)[]; ok: boolean;
};

// ---------------------------------------------------------------------------------------------------------
// Canonical JSON (RFC 8785) and hashing

/** RFC 8785 canonical text of a parsed record value (numbers are safe integers, so JCS number form is exact). */
export function canonical(x: unknown): string {
  let s: string | undefined;
  try {
    s = canonicalize(x);
  } catch (e) {
    // e.g. a lone surrogate (RFC 8785 §3.2.2.2): such a record cannot be hashed, hence not verified.
    throw new Structural(`cannot canonicalize: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (s === undefined) throw new Structural("value has no JSON form");
  return s;
}

/** Canonical text of a verify output: RFC 8785, with a bigint written as its exact decimal digits. */
export function canonicalOutput(x: unknown): string {
  if (typeof x === "bigint") return x.toString();
  if (Array.isArray(x)) return `[${x.map(canonicalOutput).join(",")}]`;
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    // RFC 8785 §3.2.3: keys sorted by UTF-16 code units (JS's default sort).
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${canonical(k)}:${canonicalOutput(o[k])}`).join(",")}}`;
  }
  return canonical(x);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The genesis over the frozen header text canonical({decision, motions, roll}) (decision-record.md "Hash chain"). */
export function genesisOf(headerCanonical: string): string {
  return sha256Hex(`${RECORD_FORMAT}\n${headerCanonical}`);
}

/** A ballot's hash: sha256_hex(prev + canonical(the ballot without "prev" and "hash")). */
export function chainHash(prev: string, bodyCanonical: string): string {
  return sha256Hex(prev + bodyCanonical);
}

/** A voter's receipt: the first 16 hex characters of their ballot's hash. */
export function receiptOf(hash: string): string {
  return hash.slice(0, 16);
}

/** A per-decision pseudonym: prefix, "-", the first 12 hex of HMAC-SHA256(secret, real id) (decision-record.md "Privacy"). */
export function pseudonym(secret: string, prefix: "u" | "o" | "p", realId: string): string {
  return `${prefix}-${createHmac("sha256", secret).update(realId, "utf8").digest("hex").slice(0, 12)}`;
}

/**
 * The record's text, rebuilt from the stored texts exactly as they were hashed (never by re-serialising
 * typed columns): the frozen header and each ballot's canonical body, with its prev and hash added.
 */
export function assembleRecord(headerCanonical: string, ballots: readonly { canonical: string; prev: string; hash: string }[]): string {
  if (!headerCanonical.startsWith("{") || !headerCanonical.endsWith("}")) throw new Error("header is not a JSON object text");
  const parts = ballots.map((b) => {
    if (!b.canonical.startsWith("{") || !b.canonical.endsWith("}") || b.canonical === "{}") throw new Error("ballot is not a JSON object text");
    return `${b.canonical.slice(0, -1)},"hash":${JSON.stringify(b.hash)},"prev":${JSON.stringify(b.prev)}}`;
  });
  return `{"ballots":[${parts.join(",")}],${headerCanonical.slice(1, -1)},"format":"${RECORD_FORMAT}"}`;
}

// ---------------------------------------------------------------------------------------------------------
// Strict JSON: sees duplicate keys and checks every number (decision-record.md: "a non-negative integer below 2^53")

class Structural extends Error {}
const fail = (msg: string): never => {
  throw new Structural(msg);
};

const MAX_EXCLUSIVE = 2n ** 53n;

/** Parses JSON text (RFC 8259) refusing duplicate keys and any number that is not a non-negative integer below 2^53. */
export function parseStrictJson(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const where = () => `at offset ${i}`;
  const value = (depth: number): unknown => {
    if (depth > 512) fail("JSON nested too deeply");
    ws();
    const c = text[i];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    for (const [lit, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    return fail(`not JSON: unexpected ${c === undefined ? "end of text" : JSON.stringify(c)} ${where()}`);
  };
  const object = (depth: number) => {
    i++; // {
    const o: Record<string, unknown> = {};
    const seen = new Set<string>();
    ws();
    if (text[i] === "}") {
      i++;
      return o;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`not JSON: expected a key ${where()}`);
      const k = string();
      if (seen.has(k)) fail(`duplicate key ${JSON.stringify(k)} ${where()}`);
      seen.add(k);
      ws();
      if (text[i] !== ":") fail(`not JSON: expected ':' ${where()}`);
      i++;
      const v = value(depth + 1);
      // defineProperty, so that a key "__proto__" is an ordinary member
      Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return o;
      }
      fail(`not JSON: expected ',' or '}' ${where()}`);
    }
  };
  const array = (depth: number) => {
    i++; // [
    const a: unknown[] = [];
    ws();
    if (text[i] === "]") {
      i++;
      return a;
    }
    for (;;) {
      a.push(value(depth + 1));
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return a;
      }
      fail(`not JSON: expected ',' or ']' ${where()}`);
    }
  };
  const string = (): string => {
    i++; // "
    let out = "";
    let start = i;
    for (;;) {
      if (i >= text.length) fail("not JSON: unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail(`not JSON: control character in a string ${where()}`);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail(`not JSON: bad escape ${where()}`);
      start = i;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail(`not JSON: bad number ${where()}`);
    const raw = m[0];
    if (!/^(?:0|[1-9]\d*)$/.test(raw)) fail(`number ${raw} is not a non-negative integer ${where()}`);
    if (BigInt(raw) >= MAX_EXCLUSIVE) fail(`number ${raw} is not below 2^53 ${where()}`);
    i += raw.length;
    return Number(raw);
  };
  const v = value(0);
  ws();
  if (i !== text.length) fail(`not JSON: text after the value ${where()}`);
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// Structure (exit 2)

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** `castAt` is written exactly `YYYY-MM-DDTHH:MM:SS+08:00` (decision-record.md "Ballots"). */
export const CAST_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

type Motion = {
  id: string; category: number; kind: "question" | "election";
  seats: number; minSeats: number; alternates: number; candidates: string[];
};
type Ballot = { seq: number; voter: string; channel: unknown; castAt: string; choices: Obj; prev: string; hash: string; raw: Obj };
type Record1 = {
  decision: Obj; opensAt: number; closesAt: number; countingClosesAt: number;
  motions: Motion[]; rawMotions: unknown[]; roll: RollEntry[]; rawRoll: unknown[]; ballots: Ballot[];
};

function time(x: string, what: string): number {
  const t = Date.parse(x);
  if (Number.isNaN(t)) fail(`${what} is not a date-time`);
  return t;
}

/** Every check whose failure is exit 2, per decision-record.md "What `npm run verify -- FILE` prints". */
function structure(root: unknown): Record1 {
  if (!isObj(root)) fail("the record is not a JSON object");
  const r = root as Obj;
  if (r.format !== RECORD_FORMAT) fail(`unknown format ${JSON.stringify(r.format ?? null)}`);

  const d = r.decision;
  if (!isObj(d)) fail("decision must be an object");
  const dec = d as Obj;
  for (const k of ["id", "opensAt", "closesAt"]) if (typeof dec[k] !== "string") fail(`decision.${k} must be a string`);
  if (dec.countingClosesAt !== undefined && typeof dec.countingClosesAt !== "string") fail("decision.countingClosesAt must be a string");
  const opensAt = time(dec.opensAt as string, "decision.opensAt");
  const closesAt = time(dec.closesAt as string, "decision.closesAt");
  const countingClosesAt = dec.countingClosesAt === undefined ? closesAt : time(dec.countingClosesAt as string, "decision.countingClosesAt");

  if (!Array.isArray(r.motions) || r.motions.length === 0) fail("motions must be a non-empty array");
  const motionIds = new Set<string>();
  const motions = (r.motions as unknown[]).map((m, n): Motion => {
    const at = `motions[${n}]`;
    if (!isObj(m)) fail(`${at} must be an object`);
    const mo = m as Obj;
    if (typeof mo.id !== "string") fail(`${at}.id must be a string`);
    const id = mo.id as string;
    if (motionIds.has(id)) fail(`${at}.id ${JSON.stringify(id)} is repeated`);
    motionIds.add(id);
    if (!isInt(mo.category) || mo.category < 1 || mo.category > 9) fail(`${at}.category must be 1–9`);
    const category = mo.category as number;
    if (mo.kind === "question") return { id, category, kind: "question", seats: 0, minSeats: 0, alternates: 0, candidates: [] };
    if (mo.kind !== "election") fail(`${at}.kind must be "question" or "election"`);
    if (category !== 3) fail(`${at}: an election has category 3`);
    if (!isInt(mo.seats) || mo.seats < 1) fail(`${at}.seats must be an integer ≥ 1`);
    const seats = mo.seats as number;
    if (!isInt(mo.minSeats) || mo.minSeats < 1 || mo.minSeats > seats) fail(`${at}.minSeats must be from 1 to seats`);
    if (mo.alternates !== undefined && !isInt(mo.alternates)) fail(`${at}.alternates must be an integer`);
    // "alternates is the most alternates it may produce (default and maximum: seats)"
    const alternates = Math.min(mo.alternates === undefined ? seats : (mo.alternates as number), seats);
    if (!Array.isArray(mo.candidates) || mo.candidates.length === 0) fail(`${at}.candidates must be a non-empty array`);
    const cids = new Set<string>();
    const candidates = (mo.candidates as unknown[]).map((c, k) => {
      if (!isObj(c) || typeof (c as Obj).id !== "string") fail(`${at}.candidates[${k}] must be an object with a string id`);
      const cid = (c as Obj).id as string;
      if (cids.has(cid)) fail(`${at}.candidates[${k}].id ${JSON.stringify(cid)} is repeated`);
      cids.add(cid);
      return cid;
    });
    return { id, category, kind: "election", seats, minSeats: mo.minSeats as number, alternates, candidates };
  });

  if (!Array.isArray(r.roll)) fail("roll must be an array");
  const roll = (r.roll as unknown[]).map((e, n): RollEntry => {
    const at = `roll[${n}]`;
    if (!isObj(e)) fail(`${at} must be an object`);
    const u = e as Obj;
    if (typeof u.unit !== "string") fail(`${at}.unit must be a string`);
    if (!isInt(u.area)) fail(`${at}.area must be an integer`);
    if (!Array.isArray(u.owners) || !u.owners.every((o) => typeof o === "string")) fail(`${at}.owners must be an array of strings`);
    return { unit: u.unit as string, area: u.area as number, owners: u.owners as string[], developerUnsold: u.developerUnsold === true };
  });

  if (!Array.isArray(r.ballots)) fail("ballots must be an array");
  const ballots = (r.ballots as unknown[]).map((b, n): Ballot => {
    const at = `ballots[${n}]`;
    if (!isObj(b)) fail(`${at} must be an object`);
    const o = b as Obj;
    if (!isInt(o.seq)) fail(`${at}.seq must be an integer`);
    for (const k of ["voter", "prev", "hash", "castAt"]) if (typeof o[k] !== "string") fail(`${at}.${k} must be a string`);
    if (!isObj(o.choices)) fail(`${at}.choices must be an object`);
    if (!CAST_AT.test(o.castAt as string)) fail(`${at}.castAt must be written YYYY-MM-DDTHH:MM:SS+08:00`);
    time(o.castAt as string, `${at}.castAt`);
    return {
      seq: o.seq as number, voter: o.voter as string, channel: o.channel, castAt: o.castAt as string,
      choices: o.choices as Obj, prev: o.prev as string, hash: o.hash as string, raw: o,
    };
  });

  return { decision: dec, opensAt, closesAt, countingClosesAt, motions, rawMotions: r.motions as unknown[], roll, rawRoll: r.roll as unknown[], ballots };
}

// ---------------------------------------------------------------------------------------------------------
// Verification

type Acc = { heads: number; area: bigint };
const zero = (): Acc => ({ heads: 0, area: 0n });
const add = (a: Acc, v: Voter) => {
  a.heads += 1;
  a.area += v.area;
};
const out = (a: Acc): CountOut => ({
  area: a.area <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(a.area) : a.area,
  heads: a.heads,
});

export type ChoiceCode = "type" | "unknown" | "repeated" | "tooMany";

/** Which rule a choice breaks for its motion, or null when it is valid (one parser for verify, online and paper). */
export function choiceCode(m: Pick<Motion, "kind" | "seats" | "candidates">, v: unknown): ChoiceCode | null {
  if (m.kind === "question") return v === "yes" || v === "no" || v === "abstain" ? null : "type";
  if (!Array.isArray(v) || !v.every((c) => typeof c === "string")) return "type";
  if (v.some((c) => !m.candidates.includes(c))) return "unknown";
  if (new Set(v).size !== v.length) return "repeated";
  if (v.length > m.seats) return "tooMany";
  return null;
}

/** Why a choice is not valid for its motion, or null when it is (decision-record.md "Ballots"). */
export function choiceProblem(m: Pick<Motion, "kind" | "seats" | "candidates">, v: unknown): string | null {
  const c = choiceCode(m, v);
  if (c === null) return null;
  if (m.kind === "question") return "a question takes yes, no or abstain";
  if (c === "type") return Array.isArray(v) ? "candidate ids are strings" : "an election takes a list of candidate ids";
  if (c === "unknown") return "unknown candidate";
  if (c === "repeated") return "repeated candidate";
  return `more than ${m.seats} candidates`;
}

/**
 * Verifies a decision record. Input: the file's bytes (Uint8Array), its text (string), or an already parsed
 * value (then duplicate keys cannot be seen). Exit 2 for a structural error, else the tally with exit 0 when
 * `ok`, 1 when not.
 */
export function verifyRecord(json: unknown): VerifyResult {
  try {
    let parsed: unknown;
    if (json instanceof Uint8Array) {
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(json);
      } catch {
        return { exit: 2, message: "the file is not UTF-8" };
      }
      parsed = parseStrictJson(text);
    } else if (typeof json === "string") {
      parsed = parseStrictJson(json);
    } else {
      // A parsed value: re-check its numbers the same way by round-tripping through the strict parser.
      let text: string | undefined;
      try {
        text = JSON.stringify(json);
      } catch {
        return { exit: 2, message: "the value is not JSON" };
      }
      if (text === undefined) return { exit: 2, message: "the value is not JSON" };
      parsed = parseStrictJson(text);
    }
    const rec = structure(parsed);
    return verifyStructured(rec);
  } catch (e) {
    if (e instanceof Structural) return { exit: 2, message: e.message };
    throw e;
  }
}

/** Says why a ballot's voter is not a roll key, naming the common slip (owners in another order). */
function unknownVoterDetail(voter: string, roll: readonly RollEntry[]): string {
  const sorted = voterKey({ unit: "", area: 0, owners: voter.split("+") });
  const known = new Set(roll.map((e) => voterKey(e)));
  if (voter !== DEVELOPER && sorted !== voter && known.has(sorted)) return `voter ${JSON.stringify(voter)}: owners not in code-point order (the key is ${JSON.stringify(sorted)})`;
  return `no voter ${JSON.stringify(voter)} on the roll`;
}

function verifyStructured(rec: Record1): { exit: 0 | 1; output: TallyOutput } {
  // Voters: the registry's one grouping function (SPC Interp. Art. 9).
  const group = groupVoters(rec.roll);
  const genesis = genesisOf(canonical({ decision: rec.decision, motions: rec.rawMotions, roll: rec.rawRoll }));
  const chainHead = rec.ballots.length === 0 ? genesis : rec.ballots[rec.ballots.length - 1].hash;
  const { errors, valid } = classify(rec, group, genesis);
  const motions = countMotions(rec, group, valid);
  const ok = errors.length === 0;
  return { exit: ok ? 0 : 1, output: { chainHead, errors, format: TALLY_FORMAT, genesis, motions, ok } };
}

/** A record parsed and checked for structure (exit-2 problems throw), for callers that tally without re-verifying. */
export type ParsedRecord = Record1;

/** Parses a record's text strictly (as verify does); null with the message when it is not this format. */
export function parseRecord(text: string): { ok: true; record: ParsedRecord } | { ok: false; message: string } {
  try {
    return { ok: true, record: structure(parseStrictJson(text)) };
  } catch (e) {
    if (e instanceof Structural) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * The tally alone: voters grouped, ballots that count chosen and every motion counted, exactly as verify counts
 * them, but without recomputing the hash chain (verify does that). Pure; no I/O.
 */
export function tallyParsed(rec: ParsedRecord): (QuestionOut | ElectionOut)[] {
  const group = groupVoters(rec.roll);
  return countMotions(rec, group, classify(rec, group, null).valid);
}

type Valid = { voter: Voter; ballot: Ballot; bad: Set<string> };

/**
 * Every error of the roll and the ballots in the order decision-record.md gives, and the ballots that count.
 * With `genesis` null the chain is not checked (the tally alone).
 */
function classify(rec: Record1, group: ReturnType<typeof groupVoters>, genesis: string | null): { errors: ErrorOut[]; valid: Valid[] } {
  const errors: ErrorOut[] = [];
  for (const e of group.errors) {
    errors.push({ code: "bad-roll", detail: e.index < 0 ? e.detail : `roll[${e.index}] ${JSON.stringify(e.unit)}: ${e.detail}` });
  }
  const motionById = new Map(rec.motions.map((m) => [m.id, m]));
  const counted = new Set<string>();
  // per ballot: its voter when it counts, and the motions whose entry is bad
  const valid: Valid[] = [];

  rec.ballots.forEach((b, n) => {
    const ballot = n + 1;
    if (b.seq !== ballot) errors.push({ code: "seq", ballot, detail: `seq ${b.seq}, position ${ballot}` });

    if (genesis !== null) {
      const expectedPrev = n === 0 ? genesis : rec.ballots[n - 1].hash;
      const { prev: _p, hash: _h, ...body } = b.raw;
      const computed = chainHash(b.prev, canonical(body));
      if (b.prev !== expectedPrev) errors.push({ code: "chain", ballot, detail: "prev is not the previous hash" });
      else if (b.hash !== computed) errors.push({ code: "chain", ballot, detail: "hash does not match the ballot" });
    }

    const t = Date.parse(b.castAt);
    const end = b.channel === "paper" ? rec.countingClosesAt : rec.closesAt;
    if (t < rec.opensAt || t > end) errors.push({ code: "late", ballot, detail: `castAt ${b.castAt} outside the ${b.channel === "paper" ? "paper" : "voting"} window` });

    const voter = group.byKey.get(b.voter);
    let counts = false;
    if (!voter) errors.push({ code: "unknown-voter", ballot, detail: unknownVoterDetail(b.voter, rec.roll) });
    else if (counted.has(b.voter)) errors.push({ code: "duplicate-voter", ballot, detail: `voter ${JSON.stringify(b.voter)} already voted` });
    else {
      counted.add(b.voter);
      counts = true;
    }

    const bad = new Set<string>();
    const unknown = Object.keys(b.choices).filter((k) => !motionById.has(k)).sort(compareCodePoints);
    for (const k of unknown) errors.push({ code: "bad-choice", ballot, motion: k, detail: "unknown motion" });
    for (const m of rec.motions) {
      if (!Object.prototype.hasOwnProperty.call(b.choices, m.id)) continue;
      const p = choiceProblem(m, b.choices[m.id]);
      if (p) {
        bad.add(m.id);
        errors.push({ code: "bad-choice", ballot, motion: m.id, detail: p });
      }
    }
    if (counts && voter) valid.push({ voter, ballot: b, bad });
  });
  return { errors, valid };
}

/** Every motion's tally over the ballots that count (decision-record.md "What verify prints"). */
function countMotions(rec: Record1, group: ReturnType<typeof groupVoters>, valid: Valid[]): (QuestionOut | ElectionOut)[] {
  const total: Acc = { heads: group.total.heads, area: group.total.area };
  const motions = rec.motions.map((m): QuestionOut | ElectionOut => {
    const threshold = thresholdFor(m.category);
    const participating = zero();
    const abstain = zero();
    const entries = valid.filter((v) => Object.prototype.hasOwnProperty.call(v.ballot.choices, m.id) && !v.bad.has(m.id));
    for (const { voter } of entries) add(participating, voter);
    const quorum = quorumMet(total, participating);

    if (m.kind === "question") {
      const yes = zero();
      const no = zero();
      for (const { voter, ballot } of entries) {
        const c = ballot.choices[m.id];
        add(c === "yes" ? yes : c === "no" ? no : abstain, voter);
      }
      return {
        abstain: out(abstain), category: m.category, id: m.id, kind: "question", no: out(no),
        participating: out(participating), passed: quorum && approved(threshold, participating, yes), quorum,
        threshold, total: out(total), yes: out(yes),
      };
    }

    const yes = new Map(m.candidates.map((c) => [c, zero()]));
    for (const { voter, ballot } of entries) {
      const list = ballot.choices[m.id] as string[];
      if (list.length === 0) add(abstain, voter);
      for (const c of list) add(yes.get(c)!, voter);
    }
    // A candidate is reached with the quorum and the ordinary threshold against this motion's participants.
    const reached = new Set(m.candidates.filter((c) => quorum && approved("ordinary", participating, yes.get(c)!)));
    const same = (a: Acc, b: Acc) => a.heads === b.heads && a.area === b.area;
    const ranking = [...reached].sort((a, b) => {
      const x = yes.get(a)!;
      const y = yes.get(b)!;
      if (x.heads !== y.heads) return y.heads - x.heads;
      if (x.area !== y.area) return y.area > x.area ? 1 : -1;
      return compareCodePoints(a, b);
    });
    let elected: string[];
    let tie: string[] = [];
    if (ranking.length > m.seats && same(yes.get(ranking[m.seats - 1])!, yes.get(ranking[m.seats])!)) {
      const at = yes.get(ranking[m.seats])!;
      tie = ranking.filter((c) => same(yes.get(c)!, at));
      elected = ranking.slice(0, ranking.indexOf(tie[0]));
    } else {
      elected = ranking.slice(0, m.seats);
    }
    const taken = new Set([...elected, ...tie]);
    const alternates = ranking.filter((c) => !taken.has(c)).slice(0, m.alternates);
    const formed = elected.length >= m.minSeats && 2 * elected.length > m.seats;
    return {
      abstain: out(abstain), alternates,
      candidates: m.candidates.map((c) => ({ id: c, reached: reached.has(c), yes: out(yes.get(c)!) })),
      category: m.category, elected, formed, id: m.id, kind: "election", participating: out(participating),
      passed: formed, quorum, threshold, tie, total: out(total),
    };
  });

  return motions;
}
