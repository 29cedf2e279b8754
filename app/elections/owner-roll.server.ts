/**
 * The owner roll the preparatory group publishes for checking before the first meeting (指导规则 Art. 12:
 * identity, headcount, areas). It is the registry's draft roll as the decisions context builds it (one
 * grouping of units into voters, SPC Interp. Art. 9) with names masked; the group may post its totals on the
 * notice board.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { notices } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { draftRoll, type DecisionRow } from "~/decisions/decisions.server";
import type { RollListParams } from "~/decisions/schema";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18n.server";
import { nodePath } from "~/platform/area.server";
import { shanghaiDay } from "~/platform/days";
import { publishNotice } from "~/notices/notices.server";
import { maskName } from "~/registry/claims.server";
import { areaText, compareCodePoints } from "~/registry/rules";
import { activePrepGroup, compoundFacts, fail, type Fail } from "./common.server";

/** How the roll notice names itself on the board. */
export const ROLL_NOTICE_SOURCE = "owner_roll";

/** The compound's roll today: every exclusive part that counts, by the rule pack's parking setting. */
async function rollOf(db: Db, compoundId: string, now: Date) {
  const facts = await compoundFacts(db, compoundId);
  if (!facts) return null;
  // draftRoll reads only the scope of a decision: the whole compound, parking as the rule pack says.
  const scope = { compoundId, countParking: facts.pack.countParking, buildingId: null } as DecisionRow;
  return draftRoll(db, scope, shanghaiDay(now));
}

export type OwnerRollRow = { key: string; unit: string; area: number; owners: string[]; developer: boolean; voter: number | null; problem: boolean };

/** The whole roll, masked, sorted by unit or area as asked. */
export async function ownerRollRows(db: Db, compoundId: string, p: Pick<RollListParams, "sort" | "dir">, now: Date) {
  const roll = await rollOf(db, compoundId, now);
  if (!roll) return null;
  const rows: OwnerRollRow[] = roll.entries.map((e) => ({
    key: e.unitId, unit: e.label, area: e.area, owners: e.owners.map((o) => maskName(o.name)), developer: e.developerUnsold, voter: e.voter, problem: e.problem !== null,
  }));
  const dir = p.dir === "asc" ? 1 : -1;
  rows.sort((a, b) => dir * (p.sort === "area" ? a.area - b.area || compareCodePoints(a.unit, b.unit) : compareCodePoints(a.unit, b.unit)));
  return { rows, total: roll.total, problems: roll.problems };
}

/** The roll page: one page of the masked roll, the headcount and total area, and the latest roll notice. */
export async function ownerRollPage(db: Db, compoundId: string, p: RollListParams, now: Date) {
  const r = await ownerRollRows(db, compoundId, p, now);
  if (!r) return null;
  const [last] = await db
    .select({ id: notices.id, publishAt: notices.publishAt })
    .from(notices)
    .where(and(eq(notices.compoundId, compoundId), eq(notices.sourceKind, ROLL_NOTICE_SOURCE)))
    .orderBy(desc(notices.publishAt), desc(notices.id))
    .limit(1);
  return {
    rows: r.rows.slice((p.page - 1) * p.size, p.page * p.size),
    count: r.rows.length,
    total: r.total,
    problems: r.problems,
    lastNotice: last ? { id: last.id, publishAt: last.publishAt.toISOString() } : null,
    hasActiveGroup: !!(await activePrepGroup(db, compoundId)),
  };
}

/**
 * The preparatory group posts the roll's headcount and total area on the notice board, pointing to the roll
 * page for checking (指导规则 Art. 12). One transaction with its audit row; refused without an active group.
 */
export async function publishRollNotice(db: Db, actor: AuditActor, compoundId: string, now: Date): Promise<Fail | { ok: true; noticeId: string; heads: number; area: string }> {
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  return db.transaction(async (tx) => {
    const g = await activePrepGroup(tx, compoundId);
    if (!g) return fail("_form", "elections.errors.noPrepGroup");
    const roll = await rollOf(tx, compoundId, now);
    if (!roll) return fail("_form", "errors.invalid");
    const heads = roll.total.heads;
    const area = areaText(BigInt(roll.total.area));
    const noticeId = await publishNotice(
      tx,
      actor,
      {
        compoundId,
        title: t("elections.roll.noticeTitle"),
        body: t("elections.roll.noticeBody", { heads, area, day: shanghaiDay(now), link: `/c/${compoundId}/elections/roll` }),
        sourceKind: ROLL_NOTICE_SOURCE,
        sourceId: g.id,
      },
      now,
    );
    await writeAudit(tx, now, {
      actor, action: "election.roll.publish", target: { kind: "prep_group", id: g.id }, scopePath: await nodePath(tx, compoundId),
      after: { noticeId, heads, area: roll.total.area, day: shanghaiDay(now) },
    });
    return { ok: true as const, noticeId, heads, area };
  });
}
