/**
 * Handover checklists (rules.md §3): when a compound's model changes, the outgoing side hands keys, documents,
 * equipment and funds to the incoming side; each item is confirmed by both, so nothing is lost between providers.
 * Who stands on each side follows from the history entry the handover belongs to and the one before it: the
 * company of the contract in force at the switch, the committee, or the community.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, handoverItems, handovers, managementPeriods, propertyCompanies, roleGrants, serviceContracts, users } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { ActiveGrant } from "~/auth/permissions";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { addDays, type Day } from "~/platform/days";
import { i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import type { FieldErrors } from "~/ui/form.server";
import { handoverComplete, type ManagementModel } from "./rules";
import { DEFAULT_HANDOVER_ITEMS, mayConfirmSide, sideKindOf, type ConfirmerFacts, type SideKind } from "./management-rules";
import type { HandoverConfirmInput, HandoverSide } from "./model-schema";

type Fail = { ok: false; errors: FieldErrors };
const fail = (field: string, key: string): Fail => ({ ok: false, errors: { [field]: key } });

type PeriodRow = typeof managementPeriods.$inferSelect;

export type HandoverSideInfo = { kind: SideKind; model: ManagementModel; companyId: string | null; companyName: string | null; label: string };

/** The last day of service of a contract: its termination day if ended early, else its end. */
const lastDay = sql`coalesce(${serviceContracts.terminatedOn}, ${serviceContracts.endDay})`;

/**
 * The company on one side of a switch on `fromDay`: outgoing, the contract in force the day before (else the
 * latest that started before); incoming, the contract in force on the day (else the first that starts later).
 */
export async function companyAtSwitch(db: Db, compoundId: string, side: HandoverSide, fromDay: Day): Promise<{ id: string; name: string } | null> {
  const sel = { id: propertyCompanies.id, name: propertyCompanies.name };
  const base = db.select(sel).from(serviceContracts).innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId));
  const day = side === "outgoing" ? addDays(fromDay, -1) : fromDay;
  const [inForce] = await base
    .where(and(eq(serviceContracts.compoundId, compoundId), lte(serviceContracts.startDay, day), gte(lastDay, sql`${day}::date`)))
    .orderBy(desc(serviceContracts.startDay))
    .limit(1);
  if (inForce) return inForce;
  const [near] =
    side === "outgoing"
      ? await db.select(sel).from(serviceContracts).innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
          .where(and(eq(serviceContracts.compoundId, compoundId), lt(serviceContracts.startDay, fromDay))).orderBy(desc(serviceContracts.startDay)).limit(1)
      : await db.select(sel).from(serviceContracts).innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
          .where(and(eq(serviceContracts.compoundId, compoundId), gte(serviceContracts.startDay, fromDay))).orderBy(asc(serviceContracts.startDay)).limit(1);
  return near ?? null;
}

async function communityName(db: Db, period: PeriodRow): Promise<string | null> {
  const id = period.communityNodeId ?? (await db.select({ p: areaNodes.parentId }).from(areaNodes).where(eq(areaNodes.id, period.compoundId)))[0]?.p ?? null;
  if (!id) return null;
  return (await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, id)))[0]?.name ?? null;
}

/** One side of the switch into `incoming` (from `outgoing`): who it is and how it is shown. */
async function sideOf(db: Db, side: HandoverSide, period: PeriodRow, switchDay: Day): Promise<HandoverSideInfo> {
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  const kind = sideKindOf(period.model);
  if (kind === "company") {
    const c = await companyAtSwitch(db, period.compoundId, side, switchDay);
    return { kind, model: period.model, companyId: c?.id ?? null, companyName: c?.name ?? null, label: c?.name ?? t("governance.responsible.company") };
  }
  if (kind === "committee") return { kind, model: period.model, companyId: null, companyName: null, label: t(`governance.selfBodies.${period.selfBody ?? "owners_committee"}`) };
  return { kind, model: period.model, companyId: null, companyName: null, label: (await communityName(db, period)) ?? t("governance.responsible.community") };
}

/** The history entry a handover belongs to and the one before it. */
async function periodsOf(db: Db, compoundId: string, periodId: string): Promise<{ incoming: PeriodRow; outgoing: PeriodRow | null } | null> {
  const [incoming] = await db.select().from(managementPeriods).where(and(eq(managementPeriods.id, periodId), eq(managementPeriods.compoundId, compoundId)));
  if (!incoming) return null;
  const [outgoing] = await db
    .select()
    .from(managementPeriods)
    .where(and(eq(managementPeriods.compoundId, compoundId), lt(managementPeriods.fromDay, incoming.fromDay)))
    .orderBy(desc(managementPeriods.fromDay))
    .limit(1);
  return { incoming, outgoing: outgoing ?? null };
}

/**
 * Create the checklist for a model change, inside the change's transaction: the two sides as shown, and the
 * default items (keys, documents, equipment, funds; open maintenance requests and the arrears list to be
 * confirmed by hand until those capabilities exist). Audited as handover.create.
 */
export async function createHandover(tx: Db, actor: AuditActor, input: { compoundId: string; outgoing: PeriodRow; incoming: PeriodRow }, now: Date): Promise<string> {
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  const day = input.incoming.fromDay;
  const [out, inc] = await Promise.all([sideOf(tx, "outgoing", input.outgoing, day), sideOf(tx, "incoming", input.incoming, day)]);
  const id = newId("hov");
  await tx.insert(handovers).values({ id, compoundId: input.compoundId, periodId: input.incoming.id, outgoing: out.label, incoming: inc.label, createdAt: now });
  await tx.insert(handoverItems).values(
    DEFAULT_HANDOVER_ITEMS.map((category, i) => ({
      id: newId("hvi"),
      handoverId: id,
      compoundId: input.compoundId,
      category,
      description: t(`governance.handover.items.${category}`),
      position: i + 1,
      createdAt: now,
    })),
  );
  await writeAudit(tx, now, {
    actor,
    action: "handover.create",
    target: { kind: "handover", id },
    scopePath: await nodePath(tx, input.compoundId),
    after: { periodId: input.incoming.id, outgoing: out.label, incoming: inc.label, items: DEFAULT_HANDOVER_ITEMS.length },
  });
  return id;
}

/** What a viewer holds at the compound for confirming a side: node roles covering it and company grants in force. */
export async function confirmerFacts(db: Db, userId: string, grants: readonly ActiveGrant[], compoundPath: string, now: Date): Promise<ConfirmerFacts> {
  const covering = grants.filter((g) => g.scopeKind !== "company" && g.nodePath !== null && compoundPath.startsWith(g.nodePath));
  const companies = await db
    .selectDistinct({ companyId: roleGrants.companyId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        eq(roleGrants.role, "property_staff"),
        eq(roleGrants.scopeKind, "company"),
        lte(roleGrants.validFrom, now),
        or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now)),
      ),
    );
  return {
    committeeMember: covering.some((g) => g.role === "committee_member"),
    communityOrStreet: covering.some((g) => g.role === "community_worker" || g.role === "street_officer"),
    companyIds: companies.map((c) => c.companyId).filter((c): c is string => c !== null),
  };
}

async function sidesOf(db: Db, h: typeof handovers.$inferSelect): Promise<{ outgoing: HandoverSideInfo; incoming: HandoverSideInfo } | null> {
  const p = await periodsOf(db, h.compoundId, h.periodId);
  if (!p || !p.outgoing) return null;
  const [outgoing, incoming] = await Promise.all([sideOf(db, "outgoing", p.outgoing, p.incoming.fromDay), sideOf(db, "incoming", p.incoming, p.incoming.fromDay)]);
  // Shown as recorded at the change; who may confirm follows the contracts as they stand now.
  return { outgoing: { ...outgoing, label: h.outgoing }, incoming: { ...incoming, label: h.incoming } };
}

export type HandoverViewer = { userId: string; grants: readonly ActiveGrant[]; compoundPath: string };

/** The handover page: both sides, every item with its confirmations, and which sides the viewer may confirm. Null = not this compound's. */
export async function handoverPage(db: Db, compoundId: string, handoverId: string, viewer: HandoverViewer, now: Date) {
  const [h] = await db.select().from(handovers).where(and(eq(handovers.id, handoverId), eq(handovers.compoundId, compoundId)));
  if (!h) return null;
  const [sides, items, [period]] = await Promise.all([
    sidesOf(db, h),
    db.select().from(handoverItems).where(eq(handoverItems.handoverId, h.id)).orderBy(asc(handoverItems.position)),
    db.select({ fromDay: managementPeriods.fromDay, model: managementPeriods.model }).from(managementPeriods).where(eq(managementPeriods.id, h.periodId)),
  ]);
  const ids = [...new Set(items.flatMap((i) => [i.outgoingConfirmedBy, i.incomingConfirmedBy]).filter((x): x is string => !!x))];
  const names = new Map((ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));
  const facts = await confirmerFacts(db, viewer.userId, viewer.grants, viewer.compoundPath, now);
  const may = (s: HandoverSideInfo | undefined) => (s ? mayConfirmSide(s, facts) : false);
  return {
    handover: { id: h.id, outgoing: h.outgoing, incoming: h.incoming, completedAt: h.completedAt?.toISOString() ?? null, createdAt: h.createdAt.toISOString(), fromDay: period?.fromDay ?? null, model: period?.model ?? null },
    sides: sides ? { outgoing: { kind: sides.outgoing.kind, companyName: sides.outgoing.companyName }, incoming: { kind: sides.incoming.kind, companyName: sides.incoming.companyName } } : null,
    canConfirm: { outgoing: may(sides?.outgoing), incoming: may(sides?.incoming) },
    items: items.map((i) => ({
      id: i.id,
      category: i.category,
      description: i.description,
      outgoing: i.outgoingConfirmedAt ? { by: names.get(i.outgoingConfirmedBy ?? "") ?? "", at: i.outgoingConfirmedAt.toISOString() } : null,
      incoming: i.incomingConfirmedAt ? { by: names.get(i.incomingConfirmedBy ?? "") ?? "", at: i.incomingConfirmedAt.toISOString() } : null,
    })),
  };
}

/**
 * Confirm one item for one side, by someone who may confirm that side. The handover is locked so the last two
 * confirmations cannot both miss completing it; it completes when every item is confirmed by both sides.
 * Null when the handover is not this compound's.
 */
export async function confirmHandoverItem(
  db: Db,
  actor: { id: string; name: string },
  viewer: HandoverViewer,
  compoundId: string,
  handoverId: string,
  input: HandoverConfirmInput,
  now: Date,
): Promise<Fail | { ok: true; completed: boolean } | null> {
  return db.transaction(async (tx) => {
    const [h] = await tx.select().from(handovers).where(and(eq(handovers.id, handoverId), eq(handovers.compoundId, compoundId))).for("update");
    if (!h) return null;
    const [item] = await tx.select().from(handoverItems).where(and(eq(handoverItems.id, input.itemId), eq(handoverItems.handoverId, h.id)));
    if (!item) return fail("_form", "errors.invalid");
    const sides = await sidesOf(tx, h);
    if (!sides) return fail("_form", "errors.invalid");
    const facts = await confirmerFacts(tx, viewer.userId, viewer.grants, viewer.compoundPath, now);
    if (!mayConfirmSide(sides[input.side], facts)) return fail("_form", "governance.handover.errors.notYourSide");
    const done = input.side === "outgoing" ? item.outgoingConfirmedAt : item.incomingConfirmedAt;
    if (done) return fail("_form", "governance.handover.errors.alreadyConfirmed");
    await tx
      .update(handoverItems)
      .set(input.side === "outgoing" ? { outgoingConfirmedBy: actor.id, outgoingConfirmedAt: now } : { incomingConfirmedBy: actor.id, incomingConfirmedAt: now })
      .where(eq(handoverItems.id, item.id));
    const all = await tx.select().from(handoverItems).where(eq(handoverItems.handoverId, h.id));
    const completed = handoverComplete(all.map((i) => ({ outgoingConfirmed: i.outgoingConfirmedAt !== null, incomingConfirmed: i.incomingConfirmedAt !== null })));
    if (completed && !h.completedAt) await tx.update(handovers).set({ completedAt: now }).where(eq(handovers.id, h.id));
    const scopePath = await nodePath(tx, compoundId);
    await writeAudit(tx, now, {
      actor,
      action: "handover.confirm",
      target: { kind: "handover", id: h.id },
      scopePath,
      detail: { itemId: item.id, category: item.category, side: input.side, label: input.side === "outgoing" ? h.outgoing : h.incoming },
    });
    if (completed && !h.completedAt) await writeAudit(tx, now, { actor, action: "handover.complete", target: { kind: "handover", id: h.id }, scopePath });
    return { ok: true as const, completed };
  });
}

/**
 * The compound's area node when the user is the staff of a company on either side of this compound's handover
 * (a company grant in force): such staff may open the checklist even once their company no longer serves the
 * compound. Null otherwise.
 */
export async function handoverCompanyPartyNode(db: Db, userId: string, compoundId: string, handoverId: string, now: Date): Promise<typeof areaNodes.$inferSelect | null> {
  const [h] = await db.select().from(handovers).where(and(eq(handovers.id, handoverId), eq(handovers.compoundId, compoundId)));
  if (!h) return null;
  const sides = await sidesOf(db, h);
  if (!sides) return null;
  const ids = [sides.outgoing.companyId, sides.incoming.companyId].filter((c): c is string => c !== null);
  if (!ids.length) return null;
  const facts = await confirmerFacts(db, userId, [], "", now);
  if (!facts.companyIds.some((c) => ids.includes(c))) return null;
  return (await db.select().from(areaNodes).where(and(eq(areaNodes.id, compoundId), eq(areaNodes.kind, "compound"))))[0] ?? null;
}

/** The compound's handovers, open ones first, newest first, with how many items both sides confirmed. */
export async function compoundHandovers(db: Db, compoundId: string) {
  const rows = await db
    .select({
      id: handovers.id,
      outgoing: handovers.outgoing,
      incoming: handovers.incoming,
      createdAt: handovers.createdAt,
      completedAt: handovers.completedAt,
      fromDay: managementPeriods.fromDay,
      items: sql<number>`(select count(*)::int from ${handoverItems} i where i.handover_id = ${handovers.id})`,
      done: sql<number>`(select count(*)::int from ${handoverItems} i where i.handover_id = ${handovers.id} and i.outgoing_confirmed_at is not null and i.incoming_confirmed_at is not null)`,
    })
    .from(handovers)
    .innerJoin(managementPeriods, eq(managementPeriods.id, handovers.periodId))
    .where(eq(handovers.compoundId, compoundId))
    .orderBy(sql`${handovers.completedAt} is not null`, desc(handovers.createdAt), desc(handovers.id));
  return rows.map((r) => ({ ...r, items: Number(r.items), done: Number(r.done), createdAt: r.createdAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null }));
}
