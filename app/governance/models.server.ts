/**
 * A compound's management model and its dated history (rules.md §3): the management page, the change form and
 * recording a change with its basis. The law is in ./rules.ts (changeBasisProblem, modelOn); who is responsible
 * on a day is read through ./lookup.server.ts. Each write is one transaction with its audit rows.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, compounds, decisionMotions, decisions, managementPeriods, propertyCompanies, serviceContracts, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { storedResult } from "~/decisions/decisions.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { shanghaiDay, type Day } from "~/platform/days";
import type { FieldErrors } from "~/ui/form.server";
import { responsibleForCompound } from "./lookup.server";
import { changeBasisProblem, DUTIES, expiryWarning, MANAGER_DECISION_CATEGORY, modelOn, type ChangeBasis, type DecisionFacts, type Duty, type ExpiryWarning, type Responsible } from "./rules";
import { basisProblemField, basisProblemKey, effectiveDayValid } from "./management-rules";
import { createHandover, compoundHandovers } from "./handover.server";
import type { ModelChangeInput } from "./model-schema";

type Fail = { ok: false; errors: FieldErrors };
const fail = (field: string, key: string): Fail => ({ ok: false, errors: { [field]: key } });

// ————————————————————————————————————————————————————————— decisions as a basis

/** A closed decision's category-4 motion, as the forms offer it. */
export type DecisionChoice = { motionId: string; decisionId: string; decisionTitle: string; motionTitle: string; passed: boolean; decidedOn: Day | null };

/** Whether a motion passed, by the stored tally of its closed decision (never recomputed here). */
function motionPassed(d: typeof decisions.$inferSelect, motionKey: string): boolean {
  const m = storedResult(d)?.motions.find((x) => x.id === motionKey);
  return m?.passed === true;
}

/** The motions of category 4 (hiring or dismissing a manager) of this compound's closed decisions, newest first. */
export async function managerDecisionChoices(db: Db, compoundId: string): Promise<DecisionChoice[]> {
  const rows = await db
    .select({ d: decisions, motionId: decisionMotions.id, key: decisionMotions.key, motionTitle: decisionMotions.title })
    .from(decisionMotions)
    .innerJoin(decisions, eq(decisions.id, decisionMotions.decisionId))
    .where(and(eq(decisions.compoundId, compoundId), eq(decisions.status, "closed"), eq(decisionMotions.category, MANAGER_DECISION_CATEGORY)))
    .orderBy(desc(decisions.closedAt), asc(decisionMotions.position));
  return rows.map((r) => ({
    motionId: r.motionId,
    decisionId: r.d.id,
    decisionTitle: r.d.title,
    motionTitle: r.motionTitle,
    passed: motionPassed(r.d, r.key),
    decidedOn: r.d.closedAt ? shanghaiDay(r.d.closedAt) : null,
  }));
}

/**
 * The facts changeBasisProblem needs about the motion cited (whatever compound it belongs to, so citing another
 * compound's decision is refused as such), and the day it was decided. Null when there is no such motion.
 */
export async function decisionFactsOf(db: Db, motionId: string | undefined): Promise<{ facts: DecisionFacts; decisionId: string; motionId: string; decidedOn: Day | null } | null> {
  if (!motionId) return null;
  const [r] = await db
    .select({ d: decisions, key: decisionMotions.key, category: decisionMotions.category })
    .from(decisionMotions)
    .innerJoin(decisions, eq(decisions.id, decisionMotions.decisionId))
    .where(eq(decisionMotions.id, motionId));
  if (!r) return null;
  const closed = r.d.status === "closed";
  return {
    facts: { compoundId: r.d.compoundId, closed, category: r.category, passed: closed && motionPassed(r.d, r.key) },
    decisionId: r.d.id,
    motionId,
    decidedOn: r.d.closedAt ? shanghaiDay(r.d.closedAt) : null,
  };
}

// ————————————————————————————————————————————————————————— reading

type PeriodRow = typeof managementPeriods.$inferSelect;

async function periodsOf(db: Db, compoundId: string): Promise<PeriodRow[]> {
  return db.select().from(managementPeriods).where(eq(managementPeriods.compoundId, compoundId)).orderBy(asc(managementPeriods.fromDay));
}

async function nodeNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  return new Map((await db.select({ id: areaNodes.id, name: areaNodes.name }).from(areaNodes).where(inArray(areaNodes.id, want))).map((r) => [r.id, r.name]));
}

export type ResponsibleView = { duty: Duty; kind: Responsible["kind"]; name: string | null; reason: string | null; contractId: string | null };

/** Who is responsible today for each duty, with the company's or community's name (through responsibleForCompound). */
async function responsibleToday(db: Db, compoundId: string, today: Day): Promise<ResponsibleView[]> {
  const rs = await Promise.all(DUTIES.map((duty) => responsibleForCompound(db, compoundId, duty, today)));
  const companyIds = rs.flatMap((r) => (r.kind === "company" ? [r.companyId] : []));
  const companies = new Map(
    (companyIds.length ? await db.select({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies).where(inArray(propertyCompanies.id, companyIds)) : []).map((c) => [c.id, c.name]),
  );
  const nodes = await nodeNames(db, rs.map((r) => (r.kind === "community" ? r.nodeId : null)));
  return rs.map((r, i) => ({
    duty: DUTIES[i],
    kind: r.kind,
    name: r.kind === "company" ? (companies.get(r.companyId) ?? null) : r.kind === "community" ? (r.nodeId ? (nodes.get(r.nodeId) ?? null) : null) : null,
    reason: r.kind === "none" ? r.reason : null,
    contractId: r.kind === "company" ? r.contractId : null,
  }));
}

export type ContractStatus = "upcoming" | "in_force" | "ended";

/** A contract's standing on a day: not started, in force (to its last day of service), or ended. */
export function contractStatus(c: { startDay: Day; endDay: Day; terminatedOn: Day | null }, today: Day): { status: ContractStatus; lastDay: Day; warning: ExpiryWarning } {
  const lastDay = c.terminatedOn ?? c.endDay;
  const status: ContractStatus = today < c.startDay ? "upcoming" : today > lastDay ? "ended" : "in_force";
  return { status, lastDay, warning: status === "upcoming" ? "none" : expiryWarning(lastDay, today) };
}

/**
 * The management page: the model in force today with its details, the dated history with each entry's basis
 * (scheduled entries flagged), who is responsible today for each duty, the contracts and the handovers.
 */
export async function managementPage(db: Db, compoundId: string, today: Day) {
  const periods = await periodsOf(db, compoundId);
  const decisionIds = periods.map((p) => p.decisionId).filter((x): x is string => !!x);
  const motionIds = periods.map((p) => p.motionId).filter((x): x is string => !!x);
  const recorders = periods.map((p) => p.recordedBy).filter((x): x is string => !!x);
  const [decisionRows, motionRows, recorderRows, nodes, [compound], contracts, handoverList, responsible] = await Promise.all([
    decisionIds.length ? db.select({ id: decisions.id, title: decisions.title }).from(decisions).where(inArray(decisions.id, decisionIds)) : [],
    motionIds.length ? db.select({ id: decisionMotions.id, title: decisionMotions.title }).from(decisionMotions).where(inArray(decisionMotions.id, motionIds)) : [],
    recorders.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, recorders)) : [],
    nodeNames(db, periods.map((p) => p.communityNodeId)),
    db.select({ parentId: areaNodes.parentId }).from(areaNodes).where(eq(areaNodes.id, compoundId)),
    db
      .select({ c: serviceContracts, companyName: propertyCompanies.name })
      .from(serviceContracts)
      .innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
      .where(eq(serviceContracts.compoundId, compoundId))
      .orderBy(desc(serviceContracts.startDay)),
    compoundHandovers(db, compoundId),
    responsibleToday(db, compoundId, today),
  ]);
  const dTitle = new Map(decisionRows.map((d) => [d.id, d.title]));
  const mTitle = new Map(motionRows.map((m) => [m.id, m.title]));
  const rName = new Map(recorderRows.map((u) => [u.id, u.name]));
  const parentName = compound?.parentId ? ((await nodeNames(db, [compound.parentId])).get(compound.parentId) ?? null) : null;
  const current = modelOn(periods.map((p) => ({ model: p.model, from: p.fromDay, id: p.id })), today) as { id: string } | null;
  const entry = (p: PeriodRow) => ({
    id: p.id,
    model: p.model,
    fromDay: p.fromDay,
    scheduled: p.fromDay > today,
    current: p.id === current?.id,
    basisKind: p.basisKind,
    decision: p.decisionId ? { id: p.decisionId, title: dTitle.get(p.decisionId) ?? "", motion: p.motionId ? (mTitle.get(p.motionId) ?? "") : "" } : null,
    reason: p.reason,
    reviewOn: p.reviewOn,
    selfBody: p.selfBody,
    moneyHolder: p.moneyHolder,
    maintenanceBy: p.maintenanceBy,
    community: p.model === "quasi_property" ? (p.communityNodeId ? (nodes.get(p.communityNodeId) ?? null) : parentName) : null,
    quasiFeeFen: p.quasiFeeFen,
    recordedBy: p.recordedBy ? (rName.get(p.recordedBy) ?? null) : null,
  });
  const history = periods.map(entry).reverse();
  return {
    current: history.find((h) => h.current) ?? null,
    history,
    responsible,
    contracts: contracts.map(({ c, companyName }) => ({
      id: c.id,
      companyName,
      startDay: c.startDay,
      endDay: c.endDay,
      terminatedOn: c.terminatedOn,
      feeModel: c.feeModel,
      remunerationPerMille: c.remunerationPerMille,
      noticeDays: c.noticeDays,
      ...contractStatus(c, today),
    })),
    handovers: handoverList,
  };
}

/** What the change form needs: the latest entry (a new one must come after it), decisions, communities of the street. */
export async function changeFormPage(db: Db, compoundId: string, today: Day) {
  const periods = await periodsOf(db, compoundId);
  const latest = periods.at(-1) ?? null;
  const current = modelOn(periods.map((p) => ({ model: p.model, from: p.fromDay })), today);
  const [node] = await db.select({ parentId: areaNodes.parentId }).from(areaNodes).where(eq(areaNodes.id, compoundId));
  const [community] = node?.parentId ? await db.select({ id: areaNodes.id, parentId: areaNodes.parentId }).from(areaNodes).where(eq(areaNodes.id, node.parentId)) : [];
  const communities = community?.parentId
    ? await db.select({ id: areaNodes.id, name: areaNodes.name }).from(areaNodes).where(and(eq(areaNodes.parentId, community.parentId), eq(areaNodes.kind, "community"))).orderBy(asc(areaNodes.name))
    : [];
  return {
    current: current?.model ?? null,
    latest: latest ? { model: latest.model, fromDay: latest.fromDay } : null,
    decisions: await managerDecisionChoices(db, compoundId),
    communities,
    defaultCommunityId: community?.id ?? null,
  };
}

// ————————————————————————————————————————————————————————— recording a change

/** What the route knows of the actor's roles at the compound (the context decides what they allow). */
export type ChangeRoleFacts = { streetOfficer: boolean };

/**
 * Record a model change: a new history entry from `effectiveOn` (after every recorded entry; a future day schedules
 * it), with its basis checked by changeBasisProblem against the decision's stored facts — or the street office's
 * interim assignment, which only a street officer may make. With a previous model, the handover checklist is
 * created in the same transaction. Audited as model.change (and handover.create). Nothing is written on a refusal.
 */
export async function changeModel(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  input: ModelChangeInput,
  role: ChangeRoleFacts,
  now: Date,
): Promise<Fail | { ok: true; periodId: string; handoverId: string | null }> {
  return db.transaction(async (tx) => {
    // One change at a time per compound: the history is ordered by its days.
    const [locked] = await tx.select({ id: compounds.id }).from(compounds).where(eq(compounds.id, compoundId)).for("update");
    if (!locked) return fail("_form", "errors.invalid");
    const [latest] = await tx.select().from(managementPeriods).where(eq(managementPeriods.compoundId, compoundId)).orderBy(desc(managementPeriods.fromDay)).limit(1);
    if (input.basisKind === "interim_assignment" && !role.streetOfficer) return fail("basisKind", "governance.management.errors.interimStreetOnly");

    const cited = input.basisKind === "decision" ? await decisionFactsOf(tx, input.motionId) : null;
    const basis: ChangeBasis =
      input.basisKind === "decision" ? { kind: "decision", decision: cited?.facts ?? null } : { kind: "interim_assignment", reason: input.reason ?? "", reviewOn: input.reviewOn ?? null };
    const from = latest?.model ?? null;
    const problem = changeBasisProblem({ compoundId, from, to: input.model, effectiveOn: input.effectiveOn }, basis);
    if (problem) return fail(basisProblemField(problem), basisProblemKey(problem));
    if (!effectiveDayValid(latest?.fromDay ?? null, input.effectiveOn)) return fail("effectiveOn", "governance.management.errors.effectiveTooEarly");

    let communityNodeId: string | null = null;
    if (input.model === "quasi_property") {
      // A community of the compound's own street.
      const [c] = await tx.select({ id: areaNodes.id, kind: areaNodes.kind, path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.id, input.communityNodeId ?? ""));
      const compoundPath = (await nodePath(tx, compoundId)) ?? "";
      const streetPath = compoundPath.split("/").filter(Boolean).slice(0, -2).join("/");
      if (!c || c.kind !== "community" || !c.path.startsWith(`/${streetPath}/`)) return fail("communityNodeId", "governance.management.errors.communityInvalid");
      communityNodeId = c.id;
    }

    const row = {
      id: newId("mgp"),
      compoundId,
      model: input.model,
      fromDay: input.effectiveOn,
      basisKind: input.basisKind,
      decisionId: cited?.decisionId ?? null,
      motionId: cited?.motionId ?? null,
      reason: input.basisKind === "interim_assignment" ? (input.reason ?? null) : null,
      reviewOn: input.basisKind === "interim_assignment" ? (input.reviewOn ?? null) : null,
      selfBody: input.model === "self_governance" ? (input.selfBody ?? null) : null,
      maintenanceBy: input.model === "self_governance" ? (input.maintenanceBy ?? null) : null,
      communityNodeId,
      moneyHolder: input.model === "self_governance" ? (input.moneyHolder ?? null) : null,
      quasiFeeFen: input.model === "quasi_property" ? input.quasiFee : null,
      recordedBy: actor.id,
      createdAt: now,
    };
    await tx.insert(managementPeriods).values(row);
    // The registry's summary column follows the model in force (a scheduled change leaves it until its day).
    if (row.fromDay <= shanghaiDay(now)) await tx.update(compounds).set({ managementModel: row.model }).where(eq(compounds.id, compoundId));
    await writeAudit(tx, now, {
      actor,
      action: "model.change",
      target: { kind: "management_period", id: row.id },
      scopePath: await nodePath(tx, compoundId),
      before: latest ? { model: latest.model, fromDay: latest.fromDay } : null,
      after: {
        model: row.model, fromDay: row.fromDay, basisKind: row.basisKind, decisionId: row.decisionId, motionId: row.motionId, reason: row.reason, reviewOn: row.reviewOn,
        selfBody: row.selfBody, maintenanceBy: row.maintenanceBy, communityNodeId: row.communityNodeId, moneyHolder: row.moneyHolder, quasiFeeFen: row.quasiFeeFen,
      },
    });
    const handoverId = latest ? await createHandover(tx, actor, { compoundId, outgoing: latest, incoming: row }, now) : null;
    return { ok: true as const, periodId: row.id, handoverId };
  });
}
