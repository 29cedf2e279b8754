/**
 * What the decision pages show, assembled from the context (routes stay thin: authorise → parse → call → render).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { buildings, decisionLabels, decisionVoters, files } from "~db/schema";
import { compareCodePoints, groupVoters, type RollEntry } from "~/registry/rules";
import type { RollListParams } from "./schema";
import { loadCalendar } from "~/platform/calendar.server";
import { firstMomentAfter, shanghaiDay } from "~/platform/days";
import { thresholdFor } from "./rules";
import {
  candidatesOf, draftRoll, motionsOf, myRollUnits, resultDeadline, rulePackFor, storedResult, turnout, voterOptions, listObjections, type DecisionRow,
} from "./decisions.server";

export async function decisionHub(db: Db, d: DecisionRow, viewer: { userId: string; organise: boolean }, now: Date) {
  const motions = await motionsOf(db, d.id);
  const cands = await candidatesOf(db, d.id);
  const attachments = motions.length
    ? await db
        .select({ id: files.id, ownerId: files.ownerId, displayName: files.displayName, mime: files.mime, size: files.size })
        .from(files)
        .where(and(eq(files.compoundId, d.compoundId), eq(files.ownerKind, "motion"), inArray(files.ownerId, motions.map((m) => m.id))))
    : [];
  const buildingList = viewer.organise && !d.buildingId
    ? await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.compoundId, d.compoundId)).orderBy(buildings.name)
    : [];
  const building = d.buildingId ? (await db.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, d.buildingId)))[0]?.name ?? null : null;
  const pack = await rulePackFor(db, d.compoundId);
  const earliest = d.noticedAt
    ? new Date(Math.max(d.opensAt.getTime(), firstMomentAfter(d.noticedAt, pack.noticeDays, await loadCalendar(db)).getTime()))
    : null;
  const objections = viewer.organise && (d.status === "noticed" || d.status === "draft") ? await listObjections(db, d.id) : [];
  const options = d.status === "open" || d.status === "closed" ? await voterOptions(db, d, viewer.userId, shanghaiDay(now)) : [];
  const result = storedResult(d);
  return {
    decision: {
      id: d.id, title: d.title, status: d.status, form: d.form, building, opensAt: d.opensAt.toISOString(), closesAt: d.closesAt.toISOString(),
      noticedAt: d.noticedAt?.toISOString() ?? null, noticeId: d.noticeId, resultNoticeId: d.resultNoticeId, genesis: d.genesis, chainHead: d.chainHead,
      ballots: d.ballotCount, earliest: earliest?.toISOString() ?? null, canOpen: !!earliest && now >= earliest && now <= d.closesAt,
      canClose: d.status === "open" && now > d.countingClosesAt, votingNow: d.status === "open" && now >= d.opensAt && now <= d.closesAt,
      deadline: d.status === "open" || d.status === "closed" ? (await resultDeadline(db, d)).toISOString() : null,
    },
    motions: motions.map((m) => ({
      id: m.id, key: m.key, title: m.title, text: m.text, category: m.category, threshold: thresholdFor(m.category),
      kind: m.kind, seats: m.seats, minSeats: m.minSeats, alternates: m.alternates,
      candidates: (cands.get(m.id) ?? []).map((c) => ({ key: c.key, name: c.name })),
      attachments: attachments.filter((a) => a.ownerId === m.id).map(({ ownerId: _o, ...a }) => a),
    })),
    buildings: buildingList,
    openObjections: objections.filter((o) => o.status === "open").length,
    turnout: d.status === "open" ? await turnout(db, d) : null,
    myVoters: options.map((o) => ({ units: o.units, receipt: o.receipt, role: o.role, forName: o.forName })),
    result,
  };
}

/**
 * The roll page: before voting, the draft roll from the register (the organiser sees every entry, an owner
 * their own units); after opening, the frozen roll's voters. Server-paginated and sorted.
 */
export async function rollPage(db: Db, d: DecisionRow, viewer: { userId: string; organise: boolean }, p: RollListParams, now: Date) {
  const day = shanghaiDay(now);
  const mine = new Set(await myRollUnits(db, d, viewer.userId, day));
  let rows: { key: string; units: string[]; area: number; owners: string[]; developer: boolean; voter: number | null; problem: string | null; unitIds: string[] }[];
  let total: { heads: number; area: string };
  let problems = 0;
  if (d.status === "draft" || d.status === "noticed") {
    const draft = await draftRoll(db, d, day);
    total = draft.total;
    problems = draft.problems;
    rows = draft.entries.map((e) => ({
      key: e.unitId, units: [e.label], unitIds: [e.unitId], area: e.area, owners: e.owners.map((o) => o.name), developer: e.developerUnsold, voter: e.voter, problem: e.problem,
    }));
  } else {
    const voters = await db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
    const labelRows = await db.select({ realId: decisionLabels.realId, label: decisionLabels.label }).from(decisionLabels).where(eq(decisionLabels.decisionId, d.id));
    const label = new Map(labelRows.map((l) => [l.realId, l.label]));
    total = { heads: voters.length, area: voters.reduce((s, v) => s + v.area, 0n).toString() };
    // Voter numbers as the frozen roll groups them (the same numbers as the printed roll extract).
    const header = JSON.parse(d.headerCanonical ?? "{}") as { roll?: RollEntry[] };
    const voterNo = new Map(groupVoters(header.roll ?? []).voters.map((v, i) => [v.key, i + 1]));
    rows = voters.map((v) => ({
      key: v.voterKey, units: v.units.map((u) => label.get(u) ?? u).sort(compareCodePoints), unitIds: v.units, area: Number(v.area),
      owners: v.ownerIds.map((o) => label.get(o) ?? o), developer: v.developer, voter: voterNo.get(v.voterKey) ?? null, problem: null,
    }));
  }
  const visible = viewer.organise ? rows : rows.filter((r) => r.unitIds.some((u) => mine.has(u)));
  const dir = p.dir === "asc" ? 1 : -1;
  visible.sort((a, b) => dir * (p.sort === "area" ? a.area - b.area : compareCodePoints(a.units[0] ?? "", b.units[0] ?? "")));
  const page = visible.slice((p.page - 1) * p.size, p.page * p.size);
  // Draft rows are one unit each: the units this owner may object about.
  const myUnits = d.status === "noticed" ? rows.filter((r) => mine.has(r.unitIds[0])).map((r) => ({ id: r.unitIds[0], label: r.units[0] })) : [];
  const objections = await listObjections(db, d.id, viewer.organise ? {} : { userId: viewer.userId });
  return {
    frozen: !(d.status === "draft" || d.status === "noticed"),
    rows: page.map(({ unitIds: _u, ...r }) => r),
    count: visible.length,
    total,
    problems,
    myUnits,
    objections: objections.map((o) => ({ ...o, createdAt: o.createdAt.toISOString(), answeredAt: o.answeredAt?.toISOString() ?? null })),
  };
}
