/**
 * Reaching two thirds (issue 6): live turnout per motion and per building, the list of voters who have not
 * voted with their door-to-door (扫楼) status, and in-app reminders that stop once a voter has voted.
 * Per-motion turnout runs the same tally code as the result (verifyRecord over the record so far).
 */
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { ballots, buildings, canvassStatus, decisionLabels, decisionVoters, notifications, owners, units } from "~db/schema";
import type { CANVASS_STATUSES } from "~db/schema/decisions";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { maskPhone } from "~/auth/mask";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { maskName } from "~/registry/claims.server";
import { compareCodePoints } from "~/registry/rules";
import { verifyRecord, type TallyOutput } from "./record";
import { recordText, type DecisionRow } from "./decisions.server";
import { quorumShortfall } from "./rules";

export type CanvassStatus = (typeof CANVASS_STATUSES)[number];

/** The tally of the ballots so far: the very code that counts the result at the close. */
export async function tallySoFar(db: Db, d: DecisionRow): Promise<TallyOutput | null> {
  const text = await recordText(db, d);
  if (!text) return null;
  const v = verifyRecord(text);
  return v.exit === 2 ? null : v.output;
}

type VoterRow = { voterKey: string; units: string[]; ownerIds: string[]; area: bigint; developer: boolean };

async function votersWithUnits(db: Db, d: DecisionRow) {
  const voters: VoterRow[] = await db
    .select({ voterKey: decisionVoters.voterKey, units: decisionVoters.units, ownerIds: decisionVoters.ownerIds, area: decisionVoters.area, developer: decisionVoters.developer })
    .from(decisionVoters)
    .where(eq(decisionVoters.decisionId, d.id));
  const unitRows = await db
    .select({ id: units.id, area: units.areaCenti, buildingId: units.buildingId, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(units.compoundId, d.compoundId));
  const cast = new Set((await db.select({ voterKey: ballots.voterKey }).from(ballots).where(eq(ballots.decisionId, d.id))).map((b) => b.voterKey));
  // Areas as frozen in the roll (the register may be corrected after opening; the count uses the frozen roll).
  const real = new Map(
    (await db.select({ p: decisionLabels.pseudonym, realId: decisionLabels.realId }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id))).map((l) => [l.p, l.realId]),
  );
  const frozenArea = new Map<string, number>();
  for (const e of (JSON.parse(d.headerCanonical ?? "{}") as { roll?: { unit: string; area: number }[] }).roll ?? []) frozenArea.set(real.get(e.unit) ?? e.unit, e.area);
  return { voters, unitById: new Map(unitRows.map((u) => [u.id, { ...u, area: frozenArea.get(u.id) ?? 0 }])), cast };
}

/**
 * Turnout per motion (from the tally) and per building: a building's heads are the voters with a unit in it,
 * its area the area of its units on the roll; a voter counts as having voted once their ballot is in.
 */
export async function turnoutDetail(db: Db, d: DecisionRow) {
  const tally = await tallySoFar(db, d);
  const { voters, unitById, cast } = await votersWithUnits(db, d);
  const per = new Map<string, { id: string; name: string; heads: number; area: bigint; votedHeads: number; votedArea: bigint }>();
  for (const v of voters) {
    const seen = new Set<string>();
    for (const u of v.units) {
      const unit = unitById.get(u);
      if (!unit) continue;
      const b = per.get(unit.buildingId) ?? { id: unit.buildingId, name: unit.building, heads: 0, area: 0n, votedHeads: 0, votedArea: 0n };
      b.area += BigInt(unit.area);
      if (cast.has(v.voterKey)) b.votedArea += BigInt(unit.area);
      if (!seen.has(unit.buildingId)) {
        b.heads += 1;
        if (cast.has(v.voterKey)) b.votedHeads += 1;
        seen.add(unit.buildingId);
      }
      per.set(unit.buildingId, b);
    }
  }
  const total = { heads: voters.length, area: voters.reduce((s, v) => s + v.area, 0n) };
  const voted = voters.filter((v) => cast.has(v.voterKey));
  return {
    total: { heads: total.heads, area: total.area.toString() },
    voted: { heads: voted.length, area: voted.reduce((s, v) => s + v.area, 0n).toString() },
    motions: (tally?.motions ?? []).map((m) => ({ id: m.id, participating: { heads: m.participating.heads, area: String(m.participating.area) }, quorum: m.quorum })),
    /** Per motion, what participation still lacks for two thirds (quorumShortfall). */
    shortfall: Object.fromEntries(
      (tally?.motions ?? []).map((m) => {
        const short = quorumShortfall(total, m.participating);
        return [m.id, { heads: Number(short.heads), area: short.area.toString() }];
      }),
    ),
    buildings: [...per.values()]
      .sort((a, b) => compareCodePoints(a.name, b.name))
      .map((b) => ({ id: b.id, name: b.name, heads: b.heads, area: b.area.toString(), votedHeads: b.votedHeads, votedArea: b.votedArea.toString() })),
  };
}

/** Voters who have not voted yet, for the canvasser: units, masked names and phones, door-to-door status. */
export async function nonVoters(db: Db, d: DecisionRow, opts: { buildingId?: string; status?: CanvassStatus } = {}) {
  const { voters, unitById, cast } = await votersWithUnits(db, d);
  const labels = new Map(
    (await db.select({ realId: decisionLabels.realId, label: decisionLabels.label }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id))).map((l) => [l.realId, l.label]),
  );
  const ownerIds = [...new Set(voters.flatMap((v) => v.ownerIds))];
  const ownerRows = ownerIds.length ? await db.select({ id: owners.id, name: owners.name, phone: owners.phone }).from(owners).where(inArray(owners.id, ownerIds)) : [];
  const ownerById = new Map(ownerRows.map((o) => [o.id, o]));
  const status = new Map(
    (await db.select().from(canvassStatus).where(eq(canvassStatus.decisionId, d.id))).map((c) => [c.voterKey, c]),
  );
  const rows = voters
    .filter((v) => !cast.has(v.voterKey))
    .filter((v) => !opts.buildingId || v.units.some((u) => unitById.get(u)?.buildingId === opts.buildingId))
    .map((v) => {
      const s = status.get(v.voterKey);
      return {
        voterKey: v.voterKey,
        units: v.units.map((u) => labels.get(u) ?? u).sort(compareCodePoints),
        buildings: [...new Set(v.units.map((u) => unitById.get(u)?.building).filter(Boolean))] as string[],
        area: v.area.toString(),
        owners: v.developer ? [] : v.ownerIds.map((o) => maskName(ownerById.get(o)?.name ?? "")),
        phones: v.ownerIds.map((o) => maskPhone(ownerById.get(o)?.phone)).filter(Boolean),
        developer: v.developer,
        status: (s?.status ?? "not_visited") as CanvassStatus,
        note: s?.note ?? "",
      };
    })
    .filter((r) => !opts.status || r.status === opts.status);
  rows.sort((a, b) => compareCodePoints(a.units[0] ?? "", b.units[0] ?? ""));
  return rows;
}

export async function setCanvass(db: Db, actor: AuditActor, d: DecisionRow, input: { voterKey: string; status: CanvassStatus; note?: string }, now: Date): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  return db.transaction(async (tx) => {
    const [v] = await tx.select({ k: decisionVoters.voterKey }).from(decisionVoters).where(and(eq(decisionVoters.decisionId, d.id), eq(decisionVoters.voterKey, input.voterKey)));
    if (!v) return { ok: false as const, errors: { _form: "decisions.errors.notOnRoll" } };
    const row = { decisionId: d.id, compoundId: d.compoundId, voterKey: input.voterKey, status: input.status, note: input.note ?? null, updatedBy: actor?.id ?? null, updatedAt: now };
    await tx.insert(canvassStatus).values(row).onConflictDoUpdate({ target: [canvassStatus.decisionId, canvassStatus.voterKey], set: { status: row.status, note: row.note, updatedBy: row.updatedBy, updatedAt: now } });
    await writeAudit(tx, now, { actor, action: "decision.canvass", target: { kind: "decision", id: d.id }, scopePath: await nodePath(tx, d.compoundId), after: { voterKey: input.voterKey, status: input.status } });
    return { ok: true as const };
  });
}

/** The users behind voters: the owners with an account (and none for the developer). voterKey → userIds. */
async function usersOfVoters(db: Db, voters: VoterRow[]) {
  const ownerIds = [...new Set(voters.flatMap((v) => v.ownerIds))];
  const rows = ownerIds.length ? await db.select({ id: owners.id, userId: owners.userId }).from(owners).where(inArray(owners.id, ownerIds)) : [];
  const userOf = new Map(rows.filter((r) => r.userId).map((r) => [r.id, r.userId!]));
  return new Map(voters.map((v) => [v.voterKey, [...new Set(v.ownerIds.map((o) => userOf.get(o)).filter(Boolean) as string[])]]));
}

/**
 * In-app reminders to the voters who have not voted (one per user per decision and day); casting a ballot
 * marks that voter's reminders read (castBallot), so they stop.
 */
export async function sendReminders(db: Db, actor: AuditActor, d: DecisionRow, now: Date): Promise<{ ok: true; sent: number } | { ok: false; error: string }> {
  // Only while online voting is possible: no "please vote" during the counting period or after.
  if (d.status !== "open" || now < d.opensAt || now > d.closesAt) return { ok: false, error: "decisions.errors.closed" };
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const { voters, cast } = await votersWithUnits(tx, d);
    const waiting = voters.filter((v) => !cast.has(v.voterKey));
    const users = await usersOfVoters(tx, waiting);
    const today = new Date(now.getTime() - 24 * 3600_000);
    const recent = new Set(
      (await tx.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, "vote_reminder"), eq(notifications.sourceId, d.id), gt(notifications.createdAt, today)))).map((r) => r.userId),
    );
    const rows = [...new Set([...users.values()].flat())]
      .filter((u) => !recent.has(u))
      .map((userId) => ({
        id: newId("ntf"), userId, compoundId: d.compoundId, kind: "vote_reminder", sourceKind: "decision", sourceId: d.id,
        title: t("turnout.reminderTitle", { title: d.title }), body: t("turnout.reminderBody"), link: `/c/${d.compoundId}/decisions/${d.id}/vote`, createdAt: now,
      }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(notifications).values(rows.slice(i, i + 500));
    await writeAudit(tx, now, { actor, action: "decision.remind", target: { kind: "decision", id: d.id }, scopePath: await nodePath(tx, d.compoundId), after: { sent: rows.length } });
    return { ok: true as const, sent: rows.length };
  });
}

/** A user's unread messages (reminders for closed decisions or already-cast ballots are already marked read). */
export async function myNotifications(db: Db, userId: string, compoundId?: string) {
  return db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt, kind: notifications.kind })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), compoundId ? eq(notifications.compoundId, compoundId) : undefined))
    .orderBy(sql`${notifications.createdAt} desc`)
    .limit(20);
}

export async function markNotificationRead(db: Db, userId: string, id: string, now: Date) {
  await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
}
