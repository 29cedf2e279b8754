/**
 * Owners' petitions for an extraordinary meeting (指导规则 Art. 21): signatures collected in the app, one per
 * voter (the registry's grouping, SPC Interp. Art. 9). At 20% of area AND headcount the committee (or, where
 * there is none, the street office) is notified that it must convene, and the petition goes on the notice board.
 */
import { and, count, desc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, notifications, owners, petitions, petitionSignatures, roleGrants } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { nodePath, withinPath } from "~/platform/area.server";
import { shanghaiDay } from "~/platform/days";
import { publishNotice } from "~/notices/notices.server";
import { compoundRoll } from "~/registry/roll.server";
import { areaText, groupVoters } from "~/registry/rules";
import { rulePackOf } from "~/registry/rule-pack";
import { compounds } from "~db/schema";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { perMille, petitionReached } from "./rules";

type Person = { id: string; name: string };
type Fail = { ok: false; errors: Record<string, string> };

/** The compound's voters today and which of them this user may sign for (an owner of that voter). */
async function rollAndMine(db: Db, compoundId: string, userId: string, now: Date) {
  const [c] = await db.select({ rulePack: compounds.rulePack }).from(compounds).where(eq(compounds.id, compoundId));
  const roll = await compoundRoll(db, compoundId, shanghaiDay(now), { countParking: rulePackOf(c?.rulePack).countParking });
  const g = groupVoters(roll);
  const mineIds = new Set((await db.select({ id: owners.id }).from(owners).where(and(eq(owners.userId, userId), eq(owners.compoundId, compoundId)))).map((o) => o.id));
  const keyOfUnit = new Map(g.voters.flatMap((v) => v.units.map((u) => [u, v.key] as const)));
  const mine = [...new Set(roll.filter((e) => !e.developerUnsold && e.owners.some((o) => mineIds.has(o))).map((e) => keyOfUnit.get(e.unit)).filter(Boolean) as string[])];
  return { g, mine };
}

async function progress(db: Db, petitionId: string, g: ReturnType<typeof groupVoters>) {
  const keys = (await db.select({ k: petitionSignatures.voterKey }).from(petitionSignatures).where(eq(petitionSignatures.petitionId, petitionId))).map((r) => r.k);
  // Signatures count by today's roll: a voter who no longer owns anything counts for nothing.
  const signed = keys.map((k) => g.byKey.get(k)).filter(Boolean);
  return {
    signed: { heads: signed.length, area: signed.reduce((s, v) => s + v!.area, 0n) },
    total: { heads: g.total.heads, area: g.total.area },
  };
}

export async function createPetition(db: Db, user: Person, compoundId: string, input: { title: string; agenda: string }, now: Date): Promise<Fail | { ok: true; id: string }> {
  const { mine } = await rollAndMine(db, compoundId, user.id, now);
  if (mine.length === 0) return { ok: false, errors: { _form: "petitions.errors.notOwner" } };
  const id = newId("pet");
  await db.transaction(async (tx) => {
    await tx.insert(petitions).values({ id, compoundId, title: input.title, agenda: input.agenda, status: "collecting", createdBy: user.id, createdAt: now });
    await writeAudit(tx, now, { actor: user, action: "petition.create", target: { kind: "petition", id }, scopePath: await nodePath(tx, compoundId), after: { title: input.title } });
  });
  const signed = await signPetition(db, user, compoundId, id, now);
  if (!signed.ok) throw new Error(`the petitioner could not sign: ${JSON.stringify(signed.errors)}`);
  return { ok: true, id };
}

/** Sign for every voter this user owns (usually one); a second signature for the same voter is refused. */
export async function signPetition(db: Db, user: Person, compoundId: string, petitionId: string, now: Date): Promise<Fail | { ok: true; reached: boolean }> {
  const { g, mine } = await rollAndMine(db, compoundId, user.id, now);
  if (mine.length === 0) return { ok: false, errors: { _form: "petitions.errors.notOwner" } };
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(petitions).where(and(eq(petitions.id, petitionId), eq(petitions.compoundId, compoundId))).for("update");
    if (!p) return { ok: false as const, errors: { _form: "errors.invalid" } };
    if (p.status === "withdrawn") return { ok: false as const, errors: { _form: "petitions.errors.closed" } };
    const have = new Set((await tx.select({ k: petitionSignatures.voterKey }).from(petitionSignatures).where(and(eq(petitionSignatures.petitionId, p.id), inArray(petitionSignatures.voterKey, mine)))).map((r) => r.k));
    const fresh = mine.filter((k) => !have.has(k));
    if (fresh.length === 0) return { ok: false as const, errors: { _form: "petitions.errors.alreadySigned" } };
    await tx.insert(petitionSignatures).values(fresh.map((voterKey) => ({ petitionId: p.id, compoundId, voterKey, userId: user.id, signedAt: now })));
    await writeAudit(tx, now, { actor: user, action: "petition.sign", target: { kind: "petition", id: p.id }, scopePath: await nodePath(tx, compoundId), after: { voters: fresh.length } });
    const pr = await progress(tx, p.id, g);
    const reached = petitionReached(pr.total, pr.signed);
    if (reached && p.status === "collecting") {
      const noticeId = await publishNotice(tx, user, {
        compoundId, title: t("petitions.noticeTitle", { title: p.title }),
        body: t("petitions.noticeBody", { agenda: p.agenda, heads: pr.signed.heads, totalHeads: pr.total.heads, area: areaText(pr.signed.area), totalArea: areaText(pr.total.area) }),
        sourceKind: "petition", sourceId: p.id,
      }, now);
      await tx.update(petitions).set({ status: "reached", reachedAt: now, noticeId }).where(eq(petitions.id, p.id));
      // Who must convene: the committee; where there is none, the street office over the compound.
      const path = (await nodePath(tx, compoundId))!;
      const active = and(lte(roleGrants.validFrom, now), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now)));
      let to = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(and(eq(roleGrants.nodeId, compoundId), eq(roleGrants.role, "committee_member"), active));
      if (to.length === 0) {
        const streets = (await tx.select({ id: areaNodes.id, path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.kind, "street"))).filter((s) => path.startsWith(s.path)).map((s) => s.id);
        to = streets.length ? await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(and(inArray(roleGrants.nodeId, streets), eq(roleGrants.role, "street_officer"), active)) : [];
      }
      const users = [...new Set(to.map((r) => r.userId))];
      if (users.length) {
        await tx.insert(notifications).values(users.map((userId) => ({
          id: newId("ntf"), userId, compoundId, kind: "petition_reached", sourceKind: "petition", sourceId: p.id,
          title: t("petitions.alertTitle", { title: p.title }), body: t("petitions.alertBody"), link: `/c/${compoundId}/petitions/${p.id}`, createdAt: now,
        })));
      }
      await writeAudit(tx, now, { actor: user, action: "petition.reached", target: { kind: "petition", id: p.id }, scopePath: path, after: { heads: pr.signed.heads, area: pr.signed.area.toString(), notified: users.length } });
    }
    return { ok: true as const, reached };
  });
}

export async function listPetitions(db: Db, compoundId: string) {
  const rows = await db
    .select({ id: petitions.id, title: petitions.title, status: petitions.status, createdAt: petitions.createdAt, reachedAt: petitions.reachedAt, signatures: count(petitionSignatures.voterKey) })
    .from(petitions)
    .leftJoin(petitionSignatures, eq(petitionSignatures.petitionId, petitions.id))
    .where(eq(petitions.compoundId, compoundId))
    .groupBy(petitions.id)
    .orderBy(desc(petitions.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, signatures: Number(r.signatures) }));
}

/** A petition with its progress against the 20% thresholds, and whether this user can still sign. */
export async function petitionPage(db: Db, compoundId: string, petitionId: string, userId: string, now: Date) {
  const [p] = await db.select().from(petitions).where(and(eq(petitions.id, petitionId), eq(petitions.compoundId, compoundId)));
  if (!p) return null;
  const { g, mine } = await rollAndMine(db, compoundId, userId, now);
  const pr = await progress(db, p.id, g);
  const signedMine = mine.length
    ? (await db.select({ k: petitionSignatures.voterKey }).from(petitionSignatures).where(and(eq(petitionSignatures.petitionId, p.id), inArray(petitionSignatures.voterKey, mine)))).length
    : 0;
  return {
    petition: { id: p.id, title: p.title, agenda: p.agenda, status: p.status, createdAt: p.createdAt.toISOString(), reachedAt: p.reachedAt?.toISOString() ?? null, noticeId: p.noticeId },
    signed: { heads: pr.signed.heads, area: pr.signed.area.toString() },
    total: { heads: pr.total.heads, area: pr.total.area.toString() },
    reached: petitionReached(pr.total, pr.signed),
    /** Progress toward the 20% marks, in ‰ (for the bars only; the threshold is petitionReached). */
    perMille: { heads: perMille(pr.signed.heads, pr.total.heads), area: perMille(pr.signed.area, pr.total.area) },
    canSign: p.status !== "withdrawn" && mine.length > signedMine,
    isOwner: mine.length > 0,
    signedByMe: signedMine > 0,
  };
}

