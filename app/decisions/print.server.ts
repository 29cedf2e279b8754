/**
 * What the printed documents show (issue 6): the notice, the roll extract per building and the pre-filled paper
 * ballots, gathered from the context as plain data for ./pdf.server.ts. Owners' names are masked on paper that
 * goes up on a notice board or under a door.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client.server";
import { areaNodes, ballots, buildings, decisionLabels, decisionVoters, units } from "~db/schema";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18n.server";
import { shanghaiDay } from "~/platform/days";
import { maskName } from "~/registry/claims.server";
import { groupVoters, voterKey, type RollEntry } from "~/registry/rules";
import { candidatesOf, draftRoll, motionsOf, type DecisionRow } from "./decisions.server";
import { ensurePaperCodes } from "./paper.server";

/** `?building=<id>`: print one building's part (absent or empty: all buildings in scope). */
export const PrintQuerySchema = z.object({
  building: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional()
    .transform((v) => v || undefined),
});

export type PrintMotion = { title: string; text: string; category: number };

export type NoticeData = {
  compound: string; title: string; status: DecisionRow["status"]; form: DecisionRow["form"]; building: string | null;
  opensAt: Date; closesAt: Date; noticedAt: Date | null; motions: PrintMotion[];
};

/** One exclusive part on the roll; `area` in 0.01 m², `owners` already masked, `voter` null for a problem entry. */
export type RollRow = { unit: string; area: number; owners: string[]; developer: boolean; voter: number | null };
export type RollData = {
  compound: string; title: string; frozen: boolean; day: string;
  buildings: { id: string; name: string; rows: RollRow[] }[];
  /** The whole roll's voters and area, whatever the building filter (the denominator of every count). */
  total: { heads: number; area: string };
};

/** One paper ballot: the voter's unit labels, area in 0.01 m², masked owner names and the ballot code. */
export type BallotVoter = { units: string[]; area: number; ownersMasked: string; code: string };
export type BallotsData = {
  decision: { compound: string; title: string; closesAt: Date };
  /** An election lists its candidates' names and how many may be chosen (decision-record.md). */
  motions: { title: string; kind: "question" | "election"; seats: number | null; candidates: string[] }[];
  voters: BallotVoter[];
};

/** "1号楼" before "10号楼", "2-101" before "10-101". */
const natural = (a: string, b: string) => a.localeCompare(b, "zh-CN", { numeric: true });

async function compoundName(db: Db, compoundId: string): Promise<string> {
  const [n] = await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, compoundId)).limit(1);
  return n?.name ?? compoundId;
}

/** A building of this compound, or null (another compound's building is not found). */
export async function findBuilding(db: Db, compoundId: string, id: string) {
  const [b] = await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(and(eq(buildings.id, id), eq(buildings.compoundId, compoundId))).limit(1);
  return b ?? null;
}

async function unitPlaces(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return new Map<string, { buildingId: string; building: string; number: string }>();
  const rows = await db
    .select({ id: units.id, number: units.number, buildingId: buildings.id, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(inArray(units.id, unitIds));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function noticeData(db: Db, d: DecisionRow): Promise<NoticeData> {
  const motions = await motionsOf(db, d.id);
  const building = d.buildingId ? (await findBuilding(db, d.compoundId, d.buildingId))?.name ?? null : null;
  return {
    compound: await compoundName(db, d.compoundId), title: d.title, status: d.status, form: d.form, building,
    opensAt: d.opensAt, closesAt: d.closesAt, noticedAt: d.noticedAt,
    motions: motions.map((m) => ({ title: m.title, text: m.text, category: m.category })),
  };
}

/**
 * The roll as it stands, one row per exclusive part, grouped by building: before voting the draft roll from the
 * register today; after opening the frozen roll (the header's entries, named through the labels). Voter numbers
 * are the roll page's. Null when `buildingId` is not a building of this compound.
 */
export async function rollExtractData(db: Db, d: DecisionRow, opts: { buildingId?: string; now: Date }): Promise<RollData | null> {
  if (opts.buildingId && !(await findBuilding(db, d.compoundId, opts.buildingId))) return null;
  const day = shanghaiDay(opts.now);
  const frozen = !!d.headerCanonical;
  let rows: (RollRow & { unitId: string })[];
  let total: RollData["total"];
  if (!frozen) {
    const draft = await draftRoll(db, d, day);
    total = draft.total;
    rows = draft.entries.map((e) => ({
      unitId: e.unitId, unit: e.label, area: e.area, owners: e.owners.map((o) => maskName(o.name)), developer: e.developerUnsold, voter: e.voter,
    }));
  } else {
    const roll = (JSON.parse(d.headerCanonical!) as { roll: RollEntry[] }).roll;
    const g = groupVoters(roll);
    const voterNo = new Map(g.voters.map((v, i) => [v.key, i + 1]));
    const labelRows = await db.select({ p: decisionLabels.pseudonym, realId: decisionLabels.realId, label: decisionLabels.label }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id));
    const label = new Map(labelRows.map((l) => [l.p, l]));
    total = { heads: g.total.heads, area: g.total.area.toString() };
    rows = roll.map((e) => ({
      unitId: label.get(e.unit)?.realId ?? e.unit, unit: label.get(e.unit)?.label ?? e.unit, area: Number(e.area),
      owners: e.owners.map((o) => maskName(label.get(o)?.label ?? o)), developer: !!e.developerUnsold, voter: voterNo.get(voterKey(e)) ?? null,
    }));
  }
  const place = await unitPlaces(db, rows.map((r) => r.unitId));
  const byBuilding = new Map<string, { id: string; name: string; rows: RollRow[] }>();
  for (const { unitId, ...r } of rows) {
    const p = place.get(unitId);
    if (!p || (opts.buildingId && p.buildingId !== opts.buildingId)) continue;
    const b = byBuilding.get(p.buildingId) ?? { id: p.buildingId, name: p.building, rows: [] };
    b.rows.push(r);
    byBuilding.set(p.buildingId, b);
  }
  const groups = [...byBuilding.values()].sort((a, b) => natural(a.name, b.name));
  for (const b of groups) b.rows.sort((x, y) => natural(x.unit, y.unit));
  // A building asked for by name but with nothing in scope still gets its (empty) section.
  if (opts.buildingId && groups.length === 0) {
    const b = (await findBuilding(db, d.compoundId, opts.buildingId))!;
    groups.push({ id: b.id, name: b.name, rows: [] });
  }
  return { compound: await compoundName(db, d.compoundId), title: d.title, frozen, day, buildings: groups, total };
}

/**
 * Pre-filled paper ballots for an open decision: one per voter of the frozen roll who has not voted yet (online or
 * on paper), in unit order, with the voter's code (made on first print). Null unless voting is open, or when
 * `buildingId` is not a building of this compound; with a building, the voters with a unit in it.
 */
export async function ballotsData(db: Db, d: DecisionRow, opts: { buildingId?: string } = {}): Promise<BallotsData | null> {
  if (d.status !== "open" || !d.headerCanonical) return null;
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  if (opts.buildingId && !(await findBuilding(db, d.compoundId, opts.buildingId))) return null;
  const voters = await db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
  const cast = new Set((await db.select({ voterKey: ballots.voterKey }).from(ballots).where(eq(ballots.decisionId, d.id))).map((b) => b.voterKey));
  const labelRows = await db.select({ realId: decisionLabels.realId, label: decisionLabels.label }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id));
  const label = new Map(labelRows.map((l) => [l.realId, l.label]));
  const waiting = voters.filter((v) => !cast.has(v.voterKey));
  const place = opts.buildingId ? await unitPlaces(db, waiting.flatMap((v) => v.units)) : null;
  const inScope = place ? waiting.filter((v) => v.units.some((u) => place.get(u)?.buildingId === opts.buildingId)) : waiting;
  const codes = await ensurePaperCodes(db, d);
  const out = inScope.map((v) => {
    const code = codes.get(v.voterKey);
    if (!code) throw new Error(`no paper ballot code for a voter of ${d.id}`);
    return {
      units: v.units.map((u) => label.get(u) ?? u).sort(natural),
      area: Number(v.area),
      ownersMasked: v.developer ? t("decisions.developer") : v.ownerIds.map((o) => maskName(label.get(o) ?? o)).join("、"),
      code,
    };
  });
  out.sort((a, b) => natural(a.units[0] ?? "", b.units[0] ?? ""));
  const motions = await motionsOf(db, d.id);
  const cands = await candidatesOf(db, d.id);
  return {
    decision: { compound: await compoundName(db, d.compoundId), title: d.title, closesAt: d.closesAt },
    motions: motions.map((m) => ({ title: m.title, kind: m.kind, seats: m.seats, candidates: (cands.get(m.id) ?? []).map((c) => c.name) })),
    voters: out,
  };
}
