import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, compounds, managementPeriods, residents, units } from "~db/schema";
import { shanghaiDay } from "~/platform/days";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { maskRecord } from "~/auth/mask";
import { newId } from "~/ids";
import { createAreaNode, nodePath, type AreaNode } from "~/platform/area.server";

/** Rename a district, street, community or compound (ids and paths never change, so nothing else moves). */
export async function renameNode(db: Db, actor: AuditActor, node: AreaNode, name: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(areaNodes).set({ name }).where(eq(areaNodes.id, node.id));
    await writeAudit(tx, now, { actor, action: "registry.area.rename", target: { kind: node.kind, id: node.id }, scopePath: node.path, before: { name: node.name }, after: { name } });
  });
}

export type CompoundInput = { name: string; address: string; yearBuilt?: number; households?: number; managementModel: "property_company" | "self_governance" | "quasi_property" | "none" };
export type CompoundUpdate = Omit<CompoundInput, "managementModel">;

/** A new compound under a community: its area node and its registry record, in one transaction. */
export async function createCompound(db: Db, actor: AuditActor, community: AreaNode, input: CompoundInput, now: Date): Promise<string> {
  const id = newId("cp");
  await db.transaction(async (tx) => {
    const node = await createAreaNode(tx, { id, kind: "compound", parentId: community.id, name: input.name }, now);
    const row = { id, address: input.address, yearBuilt: input.yearBuilt ?? null, households: input.households ?? null, managementModel: input.managementModel, createdAt: now };
    await tx.insert(compounds).values(row);
    // The model it has when registered is the first entry of its history ("initial"); later changes need a basis.
    if (input.managementModel !== "none") {
      await tx.insert(managementPeriods).values({ id: newId("mgp"), compoundId: id, model: input.managementModel, fromDay: shanghaiDay(now), basisKind: "initial", recordedBy: actor?.id ?? null, createdAt: now });
    }
    await writeAudit(tx, now, { actor, action: "registry.compound.create", target: { kind: "compound", id }, scopePath: node.path, after: { name: input.name, ...maskRecord(row) } });
  });
  return id;
}

export async function getCompound(db: Db, id: string) {
  return (await db.select().from(compounds).where(eq(compounds.id, id)))[0] ?? null;
}

export async function updateCompound(db: Db, actor: AuditActor, node: AreaNode, input: CompoundUpdate, now: Date): Promise<void> {
  const before = await getCompound(db, node.id);
  await db.transaction(async (tx) => {
    // The management model is not edited here: it changes only through the management page, with a basis.
    const set = { address: input.address, yearBuilt: input.yearBuilt ?? null, households: input.households ?? null };
    if (before) await tx.update(compounds).set(set).where(eq(compounds.id, node.id));
    else await tx.insert(compounds).values({ id: node.id, ...set, createdAt: now });
    if (input.name !== node.name) await tx.update(areaNodes).set({ name: input.name }).where(eq(areaNodes.id, node.id));
    await writeAudit(tx, now, {
      actor,
      action: "registry.compound.update",
      target: { kind: "compound", id: node.id },
      scopePath: node.path,
      before: before ? { name: node.name, ...maskRecord(before) } : null,
      after: { name: input.name, ...set },
    });
  });
}

/** People who live in a unit without owning it. */
export async function addResident(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  unitId: string,
  input: { name: string; phone?: string; relation: "tenant" | "family" | "other"; validFrom: string },
  now: Date,
): Promise<boolean> {
  const u = await db.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.compoundId, compoundId)));
  if (!u.length) return false;
  const id = newId("res");
  await db.transaction(async (tx) => {
    const row = { id, compoundId, unitId, name: input.name, phone: input.phone ?? null, relation: input.relation, validFrom: input.validFrom, createdAt: now };
    await tx.insert(residents).values(row);
    await writeAudit(tx, now, { actor, action: "registry.resident.add", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), after: maskRecord(row) });
  });
  return true;
}

export async function listResidents(db: Db, compoundId: string, unitId: string) {
  return db.select().from(residents).where(and(eq(residents.compoundId, compoundId), eq(residents.unitId, unitId)));
}

/** A resident moves out: the row stays, with its end date. */
export async function endResident(db: Db, actor: AuditActor, compoundId: string, unitId: string, residentId: string, validTo: string, now: Date): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | null> {
  const r = (await db.select().from(residents).where(and(eq(residents.id, residentId), eq(residents.unitId, unitId), eq(residents.compoundId, compoundId))))[0];
  if (!r) return null;
  if (validTo <= r.validFrom) return { ok: false, errors: { validTo: "errors.validToBeforeFrom" } };
  await db.transaction(async (tx) => {
    await tx.update(residents).set({ validTo }).where(eq(residents.id, residentId));
    await writeAudit(tx, now, { actor, action: "registry.resident.end", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), before: maskRecord(r), after: maskRecord({ ...r, validTo }) });
  });
  return { ok: true };
}
