/**
 * Paper ballots (issue 6): the code printed on each pre-filled ballot, and entering a ballot as marked during
 * voting or the counting period (decision-record.md: paper ballots until countingClosesAt).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { decisionVoters, paperBallotCodes } from "~db/schema";
import { decryptField } from "~/auth/field-crypto.server";
import { pseudonym } from "./record";
import type { Choice } from "./schema";
import { castBallot, type CastResult, type DecisionRow } from "./decisions.server";

/** No 0/O, 1/I/L: a code read from paper and typed by an elderly clerk should not be misread. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 10;

/** A random ballot code (31^10 ≈ 8·10^14 possibilities; not sequential, so one cannot be guessed from another). */
export function newPaperCode(): string {
  const out: string[] = [];
  const buf = new Uint8Array(1);
  while (out.length < CODE_LENGTH) {
    crypto.getRandomValues(buf);
    // Rejection sampling keeps every symbol equally likely (248 = 8·31).
    if (buf[0] < 248) out.push(ALPHABET[buf[0] % ALPHABET.length]);
  }
  return out.join("");
}

/** The code as typed: case, spaces and dashes do not matter. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** Printed in groups for reading aloud: ABCDE-FGHJK. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Every voter of an opened decision gets one code (made on first print, then the same forever). voterKey → code. */
export async function ensurePaperCodes(db: Db, d: DecisionRow): Promise<Map<string, string>> {
  const have = await db.select({ code: paperBallotCodes.code, voterKey: paperBallotCodes.voterKey }).from(paperBallotCodes).where(eq(paperBallotCodes.decisionId, d.id));
  const byVoter = new Map(have.map((r) => [r.voterKey, r.code]));
  if (!d.headerCanonical) return byVoter;
  const voters = await db.select({ voterKey: decisionVoters.voterKey }).from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
  const missing = voters.filter((v) => !byVoter.has(v.voterKey)).map((v) => ({ code: newPaperCode(), decisionId: d.id, compoundId: d.compoundId, voterKey: v.voterKey, createdAt: new Date() }));
  for (let i = 0; i < missing.length; i += 500) await db.insert(paperBallotCodes).values(missing.slice(i, i + 500)).onConflictDoNothing();
  if (missing.length === 0) return byVoter;
  const all = await db.select({ code: paperBallotCodes.code, voterKey: paperBallotCodes.voterKey }).from(paperBallotCodes).where(eq(paperBallotCodes.decisionId, d.id));
  return new Map(all.map((r) => [r.voterKey, r.code]));
}

/** The voter a typed code names, in this decision only (a code of another decision or compound finds nothing). */
export async function voterByCode(db: Db, d: DecisionRow, typed: string): Promise<string | null> {
  const [r] = await db
    .select({ voterKey: paperBallotCodes.voterKey })
    .from(paperBallotCodes)
    .where(and(eq(paperBallotCodes.code, normaliseCode(typed)), eq(paperBallotCodes.decisionId, d.id), eq(paperBallotCodes.compoundId, d.compoundId)));
  return r?.voterKey ?? null;
}

/**
 * Enter a paper ballot as marked: castBy the clerk, channel paper. The same one-ballot-per-voter rule refuses
 * a paper ballot for someone who voted online, and the reverse; accepted until the counting period ends.
 */
export async function enterPaperBallot(
  db: Db, clerk: { id: string; name: string }, d: DecisionRow, voterKey: string, choices: Record<string, Choice>, now: Date,
): Promise<CastResult> {
  const secret = decryptField(d.secretEnc);
  return castBallot(db, clerk, d.compoundId, d.id, { voterKey, choices }, now, {
    role: "clerk", castById: d.openBallots ? clerk.id : pseudonym(secret, "p", clerk.id), channel: "paper",
  });
}
