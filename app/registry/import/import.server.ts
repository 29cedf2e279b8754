import crypto from "node:crypto";
import { nodePath } from "~/platform/area.server";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { auditLog, buildings, importJobs, owners, ownerships, units } from "~db/schema";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import { auditRow, writeAudit, type AuditActor, type AuditEntry } from "~/audit/audit.server";
import { maskRecord } from "~/auth/mask";
import { newId } from "~/ids";
import { shanghaiDate } from "~/i18n/format";
import { log } from "~/platform/log.server";
import { ownershipInForce } from "../roll.server";
import { planUnit, rowOutcome, unitKey, validateImport, type ImportError, type ImportRow, type UnitOnRecord } from "./rules";
import { readImportFile, type FileProblem } from "./read-file.server";

/**
 * The registry import (docs/decisions/003-registry-import.md): a file is read and checked as a whole — every bad
 * row is reported and nothing is written until the file is clean — then applied in the background in committed
 * chunks, so the page can show progress and PGlite's single connection is never held for the whole file.
 * Applying is idempotent by natural keys (building name; building + unit number; an owner on a unit by name and
 * phone): importing the same file again writes no registry row and no audit row. Nothing is ever deleted.
 */

/** Rows per transaction: on PGlite (one connection) a request waits for at most one chunk (~60 ms), and 100
 *  rows per chunk cost no throughput against 250 (bench registry-import-10k). */
export const CHUNK_ROWS = 100;
/** A job with no progress for this long was interrupted (e.g. the server restarted). */
export const STALE_MS = 2 * 60_000;
/** How many problems a report keeps (each bad row is listed; a file this bad is the wrong file). */
export const MAX_REPORTED_ERRORS = 20_000;

export type ImportReport =
  | { kind: "invalid"; errors: ImportError[]; errorCount: number; badRows: number }
  | { kind: "progress"; at: string }
  | { kind: "done"; created: number; updated: number; unchanged: number; entities: EntityCounts }
  | { kind: "failed"; reason: "conflict" | "interrupted" | "error"; error?: ImportError; done?: { created: number; updated: number; unchanged: number } };

type EntityCounts = { buildings: number; unitsCreated: number; unitsUpdated: number; owners: number; ownerships: number };

export type SubmitProblem = FileProblem | { code: "busy" };

export type SubmitResult =
  | { ok: false; problem: SubmitProblem }
  | { ok: true; job: { id: string; status: "invalid" | "ready" }; /** Settles when the background run ends (never rejects). */ finished: Promise<void> };

/** Compounds with an import running in this process. */
const active = new Set<string>();


/** The units on record for these rows (by building name and number) with their ownerships in force on `today`. */
async function unitsOnRecord(db: Db, compoundId: string, rows: readonly ImportRow[], today: string) {
  const names = [...new Set(rows.map((r) => r.building))];
  const numbers = [...new Set(rows.map((r) => r.number))];
  const out = new Map<string, UnitOnRecord & { row: typeof units.$inferSelect }>();
  if (!names.length) return out;
  const found = await db
    .select({ unit: units, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.compoundId, compoundId), inArray(buildings.name, names), inArray(units.number, numbers)));
  const byId = new Map<string, UnitOnRecord & { row: typeof units.$inferSelect }>();
  for (const f of found) {
    const u = { id: f.unit.id, kind: f.unit.kind, areaCenti: f.unit.areaCenti, areaSource: f.unit.areaSource, current: [], row: f.unit };
    out.set(unitKey(f.building, f.unit.number), u);
    byId.set(u.id, u);
  }
  if (!byId.size) return out;
  const held = await db
    .select({ unitId: ownerships.unitId, ownerId: ownerships.ownerId, developerUnsold: ownerships.developerUnsold, name: owners.name, phone: owners.phone })
    .from(ownerships)
    .leftJoin(owners, eq(owners.id, ownerships.ownerId))
    .where(and(eq(ownerships.compoundId, compoundId), inArray(ownerships.unitId, [...byId.keys()]), ownershipInForce(today)));
  for (const h of held) byId.get(h.unitId)?.current.push({ ownerId: h.ownerId, name: h.name, phone: h.phone, developerUnsold: h.developerUnsold });
  return out;
}

/** Rows that clash with the registry as it stands (someone owns a unit today who is not in the file). */
async function conflicts(db: Db, compoundId: string, rows: readonly ImportRow[], today: string): Promise<ImportError[]> {
  const errors: ImportError[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000);
    const onRecord = await unitsOnRecord(db, compoundId, part, today);
    for (const r of part) {
      const p = planUnit(r, onRecord.get(unitKey(r.building, r.number)));
      if (!p.ok) errors.push(p.error);
    }
  }
  return errors;
}

function invalidReport(errors: ImportError[]): ImportReport {
  return { kind: "invalid", errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length, badRows: new Set(errors.map((e) => e.row)).size };
}

/**
 * Check an uploaded file and record the job: `invalid` with the report of every bad row, or `ready`, in which
 * case the import starts in the background (`finished` settles when it ends). File-level problems (not a
 * spreadsheet, too large, no header) and a busy compound write nothing.
 */
export async function submitImport(
  db: Db,
  actor: AuditActor,
  compoundId: string,
  file: { name: string; bytes: Uint8Array },
  clock: () => Date,
): Promise<SubmitResult> {
  const read = await readImportFile(file.bytes);
  if (!read.ok) return { ok: false, problem: read.problem };
  // Reserved with no await between the check and the reservation, so two uploads at once cannot both pass.
  if (active.has(compoundId)) return { ok: false, problem: { code: "busy" } };
  active.add(compoundId);
  let started = false;
  try {
    const now = clock();
    const today = shanghaiDate(now);
    if (await otherRunning(db, compoundId, now)) return { ok: false, problem: { code: "busy" } };
    const checked = validateImport(read.rows, today);
    const errors = checked.ok ? await conflicts(db, compoundId, checked.rows, today) : checked.errors;
    const id = newId("imp");
    const job = {
      id,
      compoundId,
      fileName: file.name.slice(0, 200),
      fileSha256: crypto.createHash("sha256").update(file.bytes).digest("hex"),
      totalRows: read.rows.length,
      createdBy: actor?.id ?? null,
      createdAt: now,
    };
    if (errors.length || !checked.ok) {
      await db.insert(importJobs).values({ ...job, status: "invalid", report: invalidReport(errors), finishedAt: now });
      return { ok: true, job: { id, status: "invalid" }, finished: Promise.resolve() };
    }
    await db.insert(importJobs).values({ ...job, status: "ready", report: { kind: "progress", at: now.toISOString() } satisfies ImportReport });
    started = true;
    const finished = runImport(db, actor, compoundId, id, checked.rows, today, clock)
      .catch((e) => log.error({ err: e, jobId: id }, "registry import failed"))
      .finally(() => active.delete(compoundId));
    return { ok: true, job: { id, status: "ready" }, finished };
  } finally {
    if (!started) active.delete(compoundId);
  }
}

/** Another process (or a restart) may have left a job; one that has stopped reporting progress is marked failed. */
async function otherRunning(db: Db, compoundId: string, now: Date): Promise<boolean> {
  const open = await db
    .select({ id: importJobs.id, report: importJobs.report, doneRows: importJobs.doneRows })
    .from(importJobs)
    .where(and(eq(importJobs.compoundId, compoundId), inArray(importJobs.status, ["ready", "running"])));
  let busy = false;
  for (const j of open) {
    const at = (j.report as { at?: string } | null)?.at;
    if (at && now.getTime() - new Date(at).getTime() < STALE_MS) busy = true;
    else await db.update(importJobs).set({ status: "failed", report: { kind: "failed", reason: "interrupted" } satisfies ImportReport, finishedAt: now }).where(eq(importJobs.id, j.id));
  }
  return busy;
}

class ConflictError extends Error {
  constructor(readonly error: ImportError) {
    super(`import conflict at row ${error.row}`);
  }
}

async function runImport(db: Db, actor: AuditActor, compoundId: string, jobId: string, rows: ImportRow[], today: string, clock: () => Date): Promise<void> {
  const scopePath = await nodePath(db, compoundId);
  const outcome = { created: 0, updated: 0, unchanged: 0 };
  const entities: EntityCounts = { buildings: 0, unitsCreated: 0, unitsUpdated: 0, owners: 0, ownerships: 0 };
  const changed = () => outcome.created + outcome.updated > 0;
  try {
    await db.update(importJobs).set({ status: "running" }).where(eq(importJobs.id, jobId));
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = rows.slice(i, i + CHUNK_ROWS);
      const c = await db.transaction(async (tx) => {
        const now = clock();
        const applied = await applyChunk(tx, actor, compoundId, scopePath, chunk, today, now);
        await tx
          .update(importJobs)
          .set({ doneRows: i + chunk.length, report: { kind: "progress", at: now.toISOString() } satisfies ImportReport })
          .where(eq(importJobs.id, jobId));
        return applied;
      });
      // Counted once the chunk has committed.
      for (const k of ["created", "updated", "unchanged"] as const) outcome[k] += c.outcome[k];
      for (const k of Object.keys(entities) as (keyof EntityCounts)[]) entities[k] += c.entities[k];
      // PGlite runs queries on this thread and settles them as microtasks, so a loop of awaited queries never lets
      // the event loop run: without this, the server would answer no request until the whole file is in.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await db.transaction(async (tx) => {
      const now = clock();
      const report: ImportReport = { kind: "done", ...outcome, entities };
      await tx.update(importJobs).set({ status: "done", report, finishedAt: now }).where(eq(importJobs.id, jobId));
      if (changed()) {
        await writeAudit(tx, now, { actor, action: "registry.import", target: { kind: "import_job", id: jobId }, scopePath, detail: { ...outcome, ...entities } });
      }
    });
  } catch (e) {
    const now = clock();
    const report: ImportReport =
      e instanceof ConflictError ? { kind: "failed", reason: "conflict", error: e.error, done: outcome } : { kind: "failed", reason: "error", done: outcome };
    await db.transaction(async (tx) => {
      await tx.update(importJobs).set({ status: "failed", report, finishedAt: now }).where(eq(importJobs.id, jobId));
      // Chunks committed before the failure stay (each is whole and audited); the job's own row says so.
      if (changed()) await writeAudit(tx, now, { actor, action: "registry.import", result: "failed", target: { kind: "import_job", id: jobId }, scopePath, detail: { ...outcome, ...entities } });
    });
    if (!(e instanceof ConflictError)) throw e;
  }
}

/** Multi-row inserts, a bounded number of rows per statement (PostgreSQL takes at most 65,535 parameters). */
async function insertAll<T extends PgTable>(tx: Db, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(table).values(rows.slice(i, i + 1000));
}

/**
 * One committed chunk: the buildings, units, owners and ownerships its rows need, each created (or a unit
 * updated) with its audit row. Reads first, then one insert per table, in foreign-key order.
 */
async function applyChunk(tx: Db, actor: AuditActor, compoundId: string, scopePath: string | null, rows: ImportRow[], today: string, now: Date) {
  const outcome = { created: 0, updated: 0, unchanged: 0 };
  const entities: EntityCounts = { buildings: 0, unitsCreated: 0, unitsUpdated: 0, owners: 0, ownerships: 0 };
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const audit = (action: string, target: { kind: string; id: string }, after: Record<string, unknown>, before?: Record<string, unknown>) =>
    audits.push(auditRow(now, { actor, action, target, scopePath, after: maskRecord(after), before: before ? maskRecord(before) : null }));
  const newBuildings: (typeof buildings.$inferInsert)[] = [];
  const newUnits: (typeof units.$inferInsert)[] = [];
  const newOwners: (typeof owners.$inferInsert)[] = [];
  const newShares: (typeof ownerships.$inferInsert)[] = [];

  // Buildings by name; a building not on record is created.
  const names = [...new Set(rows.map((r) => r.building))];
  const buildingId = new Map((await tx.select({ id: buildings.id, name: buildings.name }).from(buildings).where(and(eq(buildings.compoundId, compoundId), inArray(buildings.name, names)))).map((b) => [b.name, b.id]));
  for (const name of names) {
    if (buildingId.has(name)) continue;
    const row = { id: newId("bld"), compoundId, name, floors: null, createdAt: now };
    newBuildings.push(row);
    audit("registry.building.create", { kind: "building", id: row.id }, row);
    buildingId.set(name, row.id);
  }

  const onRecord = await unitsOnRecord(tx, compoundId, rows, today);
  // Owners with a phone are one person across units: reuse the compound's owner with the same name and phone.
  const phones = [...new Set(rows.flatMap((r) => r.owners.map((o) => o.phone).filter((p): p is string => !!p)))];
  const ownerByNamePhone = new Map<string, string>();
  if (phones.length) {
    const known = await tx.select({ id: owners.id, name: owners.name, phone: owners.phone }).from(owners).where(and(eq(owners.compoundId, compoundId), inArray(owners.phone, phones))).orderBy(owners.id);
    for (const o of known) if (!ownerByNamePhone.has(`${o.name}\u0000${o.phone}`)) ownerByNamePhone.set(`${o.name}\u0000${o.phone}`, o.id);
  }

  for (const r of rows) {
    const existing = onRecord.get(unitKey(r.building, r.number));
    const plan = planUnit(r, existing);
    if (!plan.ok) throw new ConflictError(plan.error);
    outcome[rowOutcome(plan)]++;
    let unitId = existing?.id;
    if (plan.unit === "create") {
      const row = { id: newId("unt"), compoundId, buildingId: buildingId.get(r.building)!, number: r.number, kind: r.kind, areaCenti: r.area, areaSource: r.areaSource, certificateNo: null, createdAt: now };
      newUnits.push(row);
      audit("registry.unit.create", { kind: "unit", id: row.id }, row);
      unitId = row.id;
    } else if (plan.unit === "update" && existing) {
      const set = { kind: r.kind, areaCenti: r.area, areaSource: r.areaSource };
      await tx.update(units).set(set).where(and(eq(units.id, existing.id), eq(units.compoundId, compoundId)));
      audit("registry.unit.update", { kind: "unit", id: existing.id }, { ...existing.row, ...set }, existing.row);
      entities.unitsUpdated++;
    }
    for (const o of plan.addOwners) {
      const key = `${o.name}\u0000${o.phone}`;
      let ownerId = o.phone ? ownerByNamePhone.get(key) : undefined;
      if (!ownerId) {
        const row = { id: newId("own"), compoundId, kind: "person" as const, name: o.name, phone: o.phone, createdAt: now };
        newOwners.push(row);
        audit("registry.owner.create", { kind: "owner", id: row.id }, { id: row.id, kind: row.kind, name: row.name, phone: row.phone, idNumber: null });
        ownerId = row.id;
        if (o.phone) ownerByNamePhone.set(key, ownerId);
      }
      const share = { id: newId("osh"), compoundId, unitId: unitId!, ownerId, developerUnsold: false, nominatedVoter: false, validFrom: r.validFrom, createdAt: now };
      newShares.push(share);
      audit("registry.ownership.add", { kind: "unit", id: share.unitId }, share);
    }
    if (plan.addDeveloper) {
      const share = { id: newId("osh"), compoundId, unitId: unitId!, ownerId: null, developerUnsold: true, nominatedVoter: false, validFrom: r.validFrom, createdAt: now };
      newShares.push(share);
      audit("registry.ownership.add", { kind: "unit", id: share.unitId }, share);
    }
  }
  await insertAll(tx, buildings, newBuildings);
  await insertAll(tx, units, newUnits);
  await insertAll(tx, owners, newOwners);
  await insertAll(tx, ownerships, newShares);
  await insertAll(tx, auditLog, audits);
  Object.assign(entities, { buildings: newBuildings.length, unitsCreated: newUnits.length, owners: newOwners.length, ownerships: newShares.length });
  return { outcome, entities };
}

export type ImportJobView = {
  id: string;
  fileName: string;
  status: (typeof importJobs.$inferSelect)["status"];
  totalRows: number;
  doneRows: number;
  createdAt: Date;
  finishedAt: Date | null;
  report: ImportReport | null;
  /** Running (or ready) but without progress for STALE_MS: the run was interrupted. */
  stalled: boolean;
};

function view(j: typeof importJobs.$inferSelect, now: Date): ImportJobView {
  const report = (j.report ?? null) as ImportReport | null;
  const at = report && report.kind === "progress" ? new Date(report.at).getTime() : null;
  const open = j.status === "ready" || j.status === "running";
  return {
    id: j.id,
    fileName: j.fileName,
    status: j.status,
    totalRows: j.totalRows,
    doneRows: j.doneRows,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    report,
    stalled: open && at !== null && now.getTime() - at >= STALE_MS,
  };
}

export async function getImportJob(db: Db, compoundId: string, jobId: string, now: Date): Promise<ImportJobView | null> {
  const j = (await db.select().from(importJobs).where(and(eq(importJobs.id, jobId), eq(importJobs.compoundId, compoundId))))[0];
  return j ? view(j, now) : null;
}

/** The compound's latest jobs, without their reports' row lists. */
export async function listImportJobs(db: Db, compoundId: string, now: Date, limit = 5): Promise<ImportJobView[]> {
  const rows = await db.select().from(importJobs).where(eq(importJobs.compoundId, compoundId)).orderBy(desc(importJobs.createdAt), desc(importJobs.id)).limit(limit);
  return rows.map((j) => {
    const v = view(j, now);
    if (v.report?.kind === "invalid") v.report = { ...v.report, errors: [] };
    return v;
  });
}
