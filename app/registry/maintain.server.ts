import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { buildings, owners, ownerships, unitClaims, units } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { maskPhone, maskRecord } from "~/auth/mask";
import { encryptField, lookupHmac } from "~/auth/field-crypto.server";
import { newId } from "~/ids";
import { containsText, nodePath } from "~/platform/area.server";
import { ownershipInForce } from "./roll.server";
import type { UnitInput } from "./schema";

/**
 * Registry maintenance use-cases: each is one transaction that also writes its audit row; every query is
 * pinned to the compound, so a record of another compound is simply not found.
 */
type Fail = { ok: false; errors: Record<string, string> };


export async function createBuilding(db: Db, actor: AuditActor, compoundId: string, input: { name: string; floors?: number }, now: Date): Promise<{ ok: true; id: string } | Fail> {
  const dup = await db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.compoundId, compoundId), eq(buildings.name, input.name)));
  if (dup.length) return { ok: false, errors: { name: "errors.buildingExists" } };
  const id = newId("bld");
  try {
    await db.transaction(async (tx) => {
      const row = { id, compoundId, name: input.name, floors: input.floors ?? null, createdAt: now };
      await tx.insert(buildings).values(row);
      await writeAudit(tx, now, { actor, action: "registry.building.create", target: { kind: "building", id }, scopePath: await nodePath(tx, compoundId), after: maskRecord(row) });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { name: "errors.buildingExists" } };
    throw e;
  }
  return { ok: true, id };
}

export async function listBuildings(db: Db, compoundId: string) {
  return db.select().from(buildings).where(eq(buildings.compoundId, compoundId)).orderBy(asc(buildings.name));
}

async function numberTaken(db: Db, buildingId: string, number: string, exceptUnit?: string) {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.buildingId, buildingId), eq(units.number, number), exceptUnit ? ne(units.id, exceptUnit) : undefined));
  return rows.length > 0;
}

export async function createUnit(db: Db, actor: AuditActor, compoundId: string, input: UnitInput, now: Date): Promise<{ ok: true; id: string } | Fail> {
  const b = (await db.select().from(buildings).where(and(eq(buildings.id, input.buildingId), eq(buildings.compoundId, compoundId))))[0];
  if (!b) return { ok: false, errors: { buildingId: "errors.required" } };
  if (await numberTaken(db, b.id, input.number)) return { ok: false, errors: { number: "errors.unitNumberTaken" } };
  const id = newId("unt");
  try {
    await db.transaction(async (tx) => {
      const row = { id, compoundId, buildingId: b.id, number: input.number, kind: input.kind, areaCenti: input.area, areaSource: input.areaSource, certificateNo: input.certificateNo ?? null, createdAt: now };
      await tx.insert(units).values(row);
      await writeAudit(tx, now, { actor, action: "registry.unit.create", target: { kind: "unit", id }, scopePath: await nodePath(tx, compoundId), after: maskRecord(row) });
    });
  } catch (e) {
    // The check above and a concurrent insert can race; the unique index decides.
    if (isUniqueViolation(e)) return { ok: false, errors: { number: "errors.unitNumberTaken" } };
    throw e;
  }
  return { ok: true, id };
}

export async function getUnit(db: Db, compoundId: string, unitId: string) {
  const u = (
    await db
      .select({ unit: units, building: buildings.name })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(units.id, unitId), eq(units.compoundId, compoundId)))
  )[0];
  if (!u) return null;
  const history = await db
    .select({ ownership: ownerships, ownerName: owners.name, ownerKind: owners.kind, ownerPhone: owners.phone })
    .from(ownerships)
    .leftJoin(owners, eq(owners.id, ownerships.ownerId))
    .where(and(eq(ownerships.unitId, unitId), eq(ownerships.compoundId, compoundId)))
    .orderBy(asc(ownerships.validFrom), asc(ownerships.id));
  return { ...u, history };
}

export async function updateUnit(db: Db, actor: AuditActor, compoundId: string, unitId: string, input: UnitInput, now: Date): Promise<{ ok: true } | Fail | null> {
  const before = (await db.select().from(units).where(and(eq(units.id, unitId), eq(units.compoundId, compoundId))))[0];
  if (!before) return null;
  const b = (await db.select().from(buildings).where(and(eq(buildings.id, input.buildingId), eq(buildings.compoundId, compoundId))))[0];
  if (!b) return { ok: false, errors: { buildingId: "errors.required" } };
  if (await numberTaken(db, b.id, input.number, unitId)) return { ok: false, errors: { number: "errors.unitNumberTaken" } };
  const set = { buildingId: b.id, number: input.number, kind: input.kind, areaCenti: input.area, areaSource: input.areaSource, certificateNo: input.certificateNo ?? null };
  await db.transaction(async (tx) => {
    await tx.update(units).set(set).where(eq(units.id, unitId));
    await writeAudit(tx, now, { actor, action: "registry.unit.update", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), before: maskRecord(before), after: maskRecord({ ...before, ...set }) });
  });
  return { ok: true };
}

/** A unit with owners or any ownership history is never deleted: history is never lost. */
export async function deleteUnit(db: Db, actor: AuditActor, compoundId: string, unitId: string, now: Date): Promise<{ ok: true } | Fail | null> {
  const u = (await db.select().from(units).where(and(eq(units.id, unitId), eq(units.compoundId, compoundId))))[0];
  if (!u) return null;
  const hist = await db.select({ id: ownerships.id }).from(ownerships).where(eq(ownerships.unitId, unitId)).limit(1);
  const claims = await db.select({ id: unitClaims.id }).from(unitClaims).where(eq(unitClaims.unitId, unitId)).limit(1);
  if (hist.length || claims.length) return { ok: false, errors: { _form: "errors.unitHasHistory" } };
  await db.transaction(async (tx) => {
    await tx.delete(units).where(eq(units.id, unitId));
    await writeAudit(tx, now, { actor, action: "registry.unit.delete", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), before: maskRecord(u) });
  });
  return { ok: true };
}

export async function createOwner(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  input: { kind: "person" | "organisation"; name: string; phone?: string; idNumber?: string },
  now: Date,
): Promise<string> {
  const id = newId("own");
  const row = {
    id,
    compoundId,
    kind: input.kind,
    name: input.name,
    phone: input.phone ?? null,
    idNumberEnc: input.idNumber ? encryptField(input.idNumber) : null,
    idNumberHmac: input.idNumber ? lookupHmac(input.idNumber) : null,
    createdAt: now,
  };
  await db.insert(owners).values(row);
  await writeAudit(db, now, {
    actor,
    action: "registry.owner.create",
    target: { kind: "owner", id },
    scopePath: await nodePath(db, compoundId),
    after: maskRecord({ id, kind: row.kind, name: row.name, phone: row.phone, idNumber: input.idNumber ?? null }),
  });
  return id;
}

export async function listOwners(db: Db, compoundId: string) {
  return db.select({ id: owners.id, name: owners.name, kind: owners.kind }).from(owners).where(eq(owners.compoundId, compoundId)).orderBy(asc(owners.name), asc(owners.id)).limit(5000);
}

/** Add an owner (or the developer) to a unit from a date. Co-owners are added one by one. */
export async function addOwnership(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  unitId: string,
  input: { ownerId: string | null; developerUnsold: boolean; validFrom: string; nominatedVoter: boolean },
  now: Date,
): Promise<{ ok: true } | Fail | null> {
  const u = (await db.select().from(units).where(and(eq(units.id, unitId), eq(units.compoundId, compoundId))))[0];
  if (!u) return null;
  if (input.ownerId) {
    const o = await db.select({ id: owners.id }).from(owners).where(and(eq(owners.id, input.ownerId), eq(owners.compoundId, compoundId)));
    if (!o.length) return { ok: false, errors: { ownerId: "errors.required" } };
  }
  const id = newId("osh");
  await db.transaction(async (tx) => {
    const row = { id, compoundId, unitId, ownerId: input.ownerId, developerUnsold: input.developerUnsold, nominatedVoter: input.nominatedVoter, validFrom: input.validFrom, createdAt: now };
    await tx.insert(ownerships).values(row);
    await writeAudit(tx, now, { actor, action: "registry.ownership.add", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), after: maskRecord(row) });
  });
  return { ok: true };
}

/** End an ownership on a date (a sale or transfer); the row stays as history. */
export async function endOwnership(db: Db, actor: AuditActor, compoundId: string, unitId: string, ownershipId: string, validTo: string, now: Date): Promise<{ ok: true } | Fail | null> {
  const o = (await db.select().from(ownerships).where(and(eq(ownerships.id, ownershipId), eq(ownerships.unitId, unitId), eq(ownerships.compoundId, compoundId))))[0];
  if (!o) return null;
  if (validTo <= o.validFrom) return { ok: false, errors: { validTo: "errors.validToBeforeFrom" } };
  await db.transaction(async (tx) => {
    await tx.update(ownerships).set({ validTo }).where(eq(ownerships.id, ownershipId));
    await writeAudit(tx, now, { actor, action: "registry.ownership.end", target: { kind: "unit", id: unitId }, scopePath: await nodePath(tx, compoundId), before: maskRecord(o), after: maskRecord({ ...o, validTo }) });
  });
  return { ok: true };
}

/** A new owner (when given) and their ownership of a unit, in one transaction. Null when the unit is not
 *  this compound's. */
export async function registerOwnership(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  unitId: string,
  input: {
    newOwner: { kind: "person" | "organisation"; name: string; phone?: string; idNumber?: string } | null;
    ownerId: string | null;
    developerUnsold: boolean;
    validFrom: string;
    nominatedVoter: boolean;
  },
  now: Date,
): Promise<{ ok: true } | Fail | null> {
  const u = await db.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.compoundId, compoundId)));
  if (!u.length) return null;
  if (!input.newOwner && !input.ownerId && !input.developerUnsold) return { ok: false, errors: { ownerId: "errors.required" } };
  return db.transaction(async (tx) => {
    const ownerId = input.newOwner ? await createOwner(tx, actor, compoundId, input.newOwner, now) : input.ownerId;
    const r = await addOwnership(tx, actor, compoundId, unitId, { ownerId: input.developerUnsold ? null : ownerId, developerUnsold: input.developerUnsold, validFrom: input.validFrom, nominatedVoter: input.nominatedVoter }, now);
    return r ?? { ok: false as const, errors: { _form: "errors.invalid" } };
  });
}

/** Unique-constraint violations (PostgreSQL 23505), as raised through drizzle by either driver. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === "23505" || err?.cause?.code === "23505";
}

export async function renameBuilding(db: Db, actor: AuditActor, compoundId: string, buildingId: string, name: string, now: Date): Promise<{ ok: true } | Fail | null> {
  const b = (await db.select().from(buildings).where(and(eq(buildings.id, buildingId), eq(buildings.compoundId, compoundId))))[0];
  if (!b) return null;
  if (b.name === name) return { ok: true };
  try {
    await db.transaction(async (tx) => {
      await tx.update(buildings).set({ name }).where(eq(buildings.id, buildingId));
      await writeAudit(tx, now, { actor, action: "registry.building.rename", target: { kind: "building", id: buildingId }, scopePath: await nodePath(tx, compoundId), before: { name: b.name }, after: { name } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { name: "errors.buildingExists" } };
    throw e;
  }
  return { ok: true };
}

/** Owners of a compound with how many units each holds now; phones masked (lists never show ID numbers). */
export async function ownerList(db: Db, compoundId: string, day: string, q?: string) {
  const rows = await db
    .select({
      id: owners.id,
      name: owners.name,
      kind: owners.kind,
      phone: owners.phone,
      hasId: sql<boolean>`${owners.idNumberEnc} is not null`,
      units: sql<number>`(select count(*)::int from ${ownerships} where ${ownerships.ownerId} = ${owners.id} and ${ownershipInForce(day)})`,
    })
    .from(owners)
    .where(and(eq(owners.compoundId, compoundId), q ? containsText(owners.name, q) : undefined))
    .orderBy(asc(owners.name), asc(owners.id))
    .limit(200);
  return rows.map((r) => ({ ...r, phone: maskPhone(r.phone), units: Number(r.units) }));
}


export async function getOwner(db: Db, compoundId: string, ownerId: string) {
  return (await db.select().from(owners).where(and(eq(owners.id, ownerId), eq(owners.compoundId, compoundId))))[0] ?? null;
}

/** Correct an owner's name, phone or ID number (blank ID keeps the stored one). Audited with masked copies. */
export async function updateOwner(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  ownerId: string,
  input: { kind: "person" | "organisation"; name: string; phone?: string; idNumber?: string },
  now: Date,
): Promise<boolean> {
  const before = await getOwner(db, compoundId, ownerId);
  if (!before) return false;
  const set = {
    kind: input.kind,
    name: input.name,
    // Blank keeps what is on file (the form cannot show the full number to edit it).
    phone: input.phone ?? before.phone,
    ...(input.idNumber ? { idNumberEnc: encryptField(input.idNumber), idNumberHmac: lookupHmac(input.idNumber) } : {}),
  };
  await db.transaction(async (tx) => {
    await tx.update(owners).set(set).where(eq(owners.id, ownerId));
    await writeAudit(tx, now, {
      actor,
      action: "registry.owner.update",
      target: { kind: "owner", id: ownerId },
      scopePath: await nodePath(tx, compoundId),
      before: maskRecord({ name: before.name, kind: before.kind, phone: before.phone }),
      after: maskRecord({ name: set.name, kind: set.kind, phone: set.phone, idNumber: input.idNumber ?? null }),
    });
  });
  return true;
}
