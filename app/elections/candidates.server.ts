/**
 * Candidates for the owners' committee (rules.md §2; Beijing Art. 40): nominated by the community Party
 * organisation, the residents' committee, jointly by owners (signed in the app) or by themselves, each with a
 * declaration; eligibility findings are stored for the reviewers, never a decision. One transaction per
 * write, audited; a refusal writes nothing.
 */
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { candidateEndorsements, candidates, elections, owners, type NOMINATION_KINDS, type OCCUPATIONS } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { compoundFacts, fail, groupActive, ownerInForce, ownersOfUser, type Fail } from "./common.server";
import { eligibilityFindings, nominationOpen, type Finding, type PropertyCompanyRelation } from "./rules";
import { CANDIDATE_ARREARS_DAYS, candidateArrearsFen } from "~/fees/arrears.server";

export type NominationKind = (typeof NOMINATION_KINDS)[number];
export type Occupation = (typeof OCCUPATIONS)[number];

export type NominationInput = {
  ownerId: string;
  nominatedBy: NominationKind;
  occupation: Occupation;
  partyMember: boolean;
  propertyCompanyRelation: PropertyCompanyRelation;
  fullCapacityDeclared: boolean;
  /** Consent to the eligibility check; required. */
  consent: boolean;
};

/** A joint nomination needs at least this many owners' signatures before it goes to vetting. */
export const JOINT_MIN_SIGNATURES = 2;

/**
 * Nominate an owner of this compound within the nomination window. A self-nomination is made by the
 * owner's own account. Findings are computed from the declaration, the rule pack's negative list and the fee
 * ledger (arrears); data the app does not hold (judgment defaulters, illegal building, arrears in a compound
 * with no bills yet) shows as "unknown".
 */
export async function nominate(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  electionId: string,
  input: NominationInput,
  now: Date,
  opts: { id?: string } = {},
): Promise<Fail | { ok: true; id: string; findings: Finding[] }> {
  if (!input.consent) return fail("consent", "elections.errors.consentRequired");
  const facts = await compoundFacts(db, compoundId);
  if (!facts) return fail("_form", "errors.invalid");
  const owner = await ownerInForce(db, compoundId, input.ownerId, now);
  if (!owner) return fail("ownerId", "elections.errors.notOwnerHere");
  if (input.nominatedBy === "self" && owner.userId !== actor.id) return fail("nominatedBy", "elections.errors.selfNotOwner");
  // Fee arrears (app/fees): the owner's bills more than CANDIDATE_ARREARS_DAYS overdue; "unknown" while the compound has no bills.
  const arrearsFen = facts.pack.candidateNegativeList.includes("arrears") ? await candidateArrearsFen(db, compoundId, owner.id, now) : null;
  const findings = eligibilityFindings(
    {
      isOwnerHere: true, fullCapacityDeclared: input.fullCapacityDeclared, propertyCompanyRelation: input.propertyCompanyRelation,
      arrearsFen, arrearsOverdueDays: CANDIDATE_ARREARS_DAYS, judgmentDefaulter: null, illegalBuilding: null,
    },
    facts.pack.candidateNegativeList,
  );
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(elections).where(and(eq(elections.id, electionId), eq(elections.compoundId, compoundId))).for("update");
    if (!e) return fail("_form", "errors.invalid");
    if (e.status !== "nominating") return fail("_form", "elections.errors.nominationClosed");
    if (!(await groupActive(tx, e.prepGroupId))) return fail("_form", "elections.errors.prepGroupDissolved");
    const open = nominationOpen({ opensAt: e.nominationOpensAt, closesAt: e.nominationClosesAt }, now);
    if (!open.ok) return fail("_form", open.reason === "NOT_YET_OPEN" ? "elections.errors.nominationNotYetOpen" : "elections.errors.nominationClosed");
    const [dup] = await tx.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.electionId, electionId), eq(candidates.ownerId, owner.id))).limit(1);
    if (dup) return fail("ownerId", "elections.errors.alreadyNominated");
    const id = opts.id ?? newId("cnd");
    await tx.insert(candidates).values({
      id, electionId, compoundId, ownerId: owner.id, userId: owner.userId, nominatedBy: input.nominatedBy, nominatedByUser: actor.id,
      occupation: input.occupation, partyMember: input.partyMember, propertyCompanyRelation: input.propertyCompanyRelation,
      fullCapacityDeclared: input.fullCapacityDeclared, consent: true, findings, phase: "nominated", createdAt: now,
    });
    await writeAudit(tx, now, {
      actor, action: "election.nominate", target: { kind: "candidate", id }, scopePath: await nodePath(tx, compoundId),
      after: { election: electionId, owner: owner.id, nominatedBy: input.nominatedBy, occupation: input.occupation, partyMember: input.partyMember, propertyCompanyRelation: input.propertyCompanyRelation, findings: findings.map((f) => f.code) },
    });
    return { ok: true as const, id, findings };
  });
}

/** An owner signs a joint nomination (once per owner; the candidate cannot sign their own). */
export async function endorse(db: Db, actor: { id: string; name: string }, compoundId: string, candidateId: string, now: Date): Promise<Fail | { ok: true; signatures: number }> {
  const mine = await ownersOfUser(db, compoundId, actor.id, now);
  if (mine.length === 0) return fail("_form", "elections.errors.notOwnerHere");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(candidates).where(and(eq(candidates.id, candidateId), eq(candidates.compoundId, compoundId))).for("update");
    if (!c) return fail("_form", "errors.invalid");
    if (c.nominatedBy !== "owners_joint") return fail("_form", "elections.errors.notJointNomination");
    if (c.phase !== "nominated") return fail("_form", "elections.errors.alreadySubmitted");
    const [e] = await tx.select().from(elections).where(eq(elections.id, c.electionId));
    if (!(await groupActive(tx, e.prepGroupId))) return fail("_form", "elections.errors.prepGroupDissolved");
    if (!nominationOpen({ opensAt: e.nominationOpensAt, closesAt: e.nominationClosesAt }, now).ok) return fail("_form", "elections.errors.nominationClosed");
    const signer = mine.find((o) => o.id !== c.ownerId);
    if (!signer) return fail("_form", "elections.errors.cannotSignOwn");
    const [dup] = await tx.select({ id: candidateEndorsements.id }).from(candidateEndorsements).where(and(eq(candidateEndorsements.candidateId, candidateId), eq(candidateEndorsements.ownerId, signer.id))).limit(1);
    if (dup) return fail("_form", "elections.errors.alreadySigned");
    await tx.insert(candidateEndorsements).values({ id: newId("end"), candidateId, compoundId, ownerId: signer.id, userId: actor.id, signedAt: now });
    const [{ n }] = await tx.select({ n: count() }).from(candidateEndorsements).where(eq(candidateEndorsements.candidateId, candidateId));
    await writeAudit(tx, now, { actor, action: "election.endorse", target: { kind: "candidate", id: candidateId }, scopePath: await nodePath(tx, compoundId), after: { owner: signer.id, signatures: Number(n) } });
    return { ok: true as const, signatures: Number(n) };
  });
}

/** The election's candidates with their names, oldest first. */
export async function candidatesOf(db: Db, compoundId: string, electionId: string) {
  return db
    .select({ candidate: candidates, name: owners.name })
    .from(candidates)
    .innerJoin(owners, eq(owners.id, candidates.ownerId))
    .where(and(eq(candidates.compoundId, compoundId), eq(candidates.electionId, electionId)))
    .orderBy(asc(candidates.createdAt), asc(candidates.id));
}

export async function signaturesOf(db: Db, candidateId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(candidateEndorsements).where(eq(candidateEndorsements.candidateId, candidateId));
  return Number(n);
}

export type { AuditActor };
