import { describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { auditLog, buildings, importJobs, owners, ownerships, units } from "~db/schema";
import { CHUNK_ROWS, getImportJob, listImportJobs, submitImport, type ImportReport } from "~/registry/import/import.server";
import { addOwnership, createOwner } from "~/registry/maintain.server";
import { readUpload } from "~/registry/import/upload.server";
import { IMPORT_COLUMNS, MAX_FILE_BYTES } from "~/registry/import/columns";
import { compoundRoll } from "~/registry/roll.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-02T01:00:00Z");
const clock = () => T0;
const actor = { id: "usr_demo03", name: "王芳" };
const CP = "cp_qingnian";


function csv(rows: string[][]): Uint8Array {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [IMPORT_COLUMNS.map((c) => c.zh), IMPORT_COLUMNS.map((c) => c.en), ...rows].map((r) => r.map(q).join(","));
  return new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);
}

/** Every registry row (whole rows, so an update shows) and every audit row id. */
async function snapshot(db: Db) {
  return {
    buildings: await db.select().from(buildings).orderBy(asc(buildings.id)),
    units: await db.select().from(units).orderBy(asc(units.id)),
    owners: await db.select().from(owners).orderBy(asc(owners.id)),
    ownerships: await db.select().from(ownerships).orderBy(asc(ownerships.id)),
    audit: (await db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => String(r.id)),
  };
}

async function importAndWait(compoundId: string, bytes: Uint8Array, name = "registry.csv") {
  const r = await submitImport(h.db, actor, compoundId, { name, bytes }, clock);
  if (!r.ok) return r;
  await r.finished;
  const job = (await getImportJob(h.db, compoundId, r.job.id, T0))!;
  return { ...r, job };
}

/** A demo unit of the compound with its building name and its one current owner. */
async function demoUnit(unitId: string) {
  const u = (await h.db.select({ unit: units, building: buildings.name }).from(units).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(eq(units.id, unitId)))[0];
  const o = await h.db.select({ name: owners.name, phone: owners.phone }).from(ownerships).innerJoin(owners, eq(owners.id, ownerships.ownerId)).where(eq(ownerships.unitId, unitId));
  expect(o.length).toBe(1);
  return { ...u, owner: o[0] };
}
const KIND_ZH = { dwelling: "住宅", shop: "商铺", parking: "车位" } as const;
const SOURCE_ZH = { register: "不动产登记", survey: "测绘", contract: "购房合同" } as const;
const area = (centi: number) => `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, "0")}`;

let goodFile: Uint8Array;

describe("registry import @registry", () => {
  it("imports a clean file: new building, units, owners (one per person across units), co-owners, the developer, an updated area", async () => {
    const same = await demoUnit("unt_cp_qingnian_1");
    const changed = await demoUnit("unt_cp_qingnian_2");
    goodFile = csv([
      ["导入9号楼", "1单元101", "住宅", "85.23", "不动产登记", "赵一", "13700000001", "否", "否", "2020-06-01"],
      ["导入9号楼", "1单元102", "住宅", "90", "测绘", "赵一", "13700000001", "否", "否", "2020-06-01"],
      ["导入9号楼", "1单元201", "住宅", "76.5", "购房合同", "钱二、孙三", "13700000002;", "是", "否", ""],
      ["导入9号楼", "车位1", "车位", "12.5", "购房合同", "", "", "", "是", ""],
      ["导入9号楼", "商铺1", "商铺", "40", "测绘", "李四", "", "", "", ""],
      [same.building, same.unit.number, KIND_ZH[same.unit.kind], area(same.unit.areaCenti), SOURCE_ZH[same.unit.areaSource], same.owner.name, same.owner.phone ?? "", "否", "否", ""],
      [changed.building, changed.unit.number, KIND_ZH[changed.unit.kind], area(changed.unit.areaCenti + 100), SOURCE_ZH[changed.unit.areaSource], changed.owner.name, "", "", "", ""],
    ]);
    const before = await snapshot(h.db);
    const r = await importAndWait(CP, goodFile);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.job.status).toBe("done");
    expect(r.job.doneRows).toBe(7);
    expect(r.job.report).toEqual({
      kind: "done",
      created: 5,
      updated: 1,
      unchanged: 1,
      entities: { buildings: 1, unitsCreated: 5, unitsUpdated: 1, owners: 4, ownerships: 6 },
    } satisfies ImportReport);

    const bld = (await h.db.select().from(buildings).where(and(eq(buildings.compoundId, CP), eq(buildings.name, "导入9号楼"))))[0];
    const imported = await h.db.select().from(units).where(eq(units.buildingId, bld.id)).orderBy(asc(units.number));
    expect(imported.map((u) => [u.number, u.kind, u.areaCenti, u.areaSource])).toEqual([
      ["1单元101", "dwelling", 8523, "register"],
      ["1单元102", "dwelling", 9000, "survey"],
      ["1单元201", "dwelling", 7650, "contract"],
      ["商铺1", "shop", 4000, "survey"],
      ["车位1", "parking", 1250, "contract"],
    ]);
    // 赵一 (same name and phone) owns two units as one owner: one voter (SPC Interp. Art. 9).
    const zhao = await h.db.select().from(owners).where(and(eq(owners.compoundId, CP), eq(owners.name, "赵一")));
    expect(zhao.length).toBe(1);
    const roll = await compoundRoll(h.db, CP, "2026-03-02", { countParking: true });
    const byUnit = new Map(roll.map((e) => [e.unit, e]));
    const [u101, u102, u201, shop, park] = ["1单元101", "1单元102", "1单元201", "商铺1", "车位1"].map((n) => byUnit.get(imported.find((u) => u.number === n)!.id)!);
    expect(u101.owners).toEqual([zhao[0].id]);
    expect(u102.owners).toEqual([zhao[0].id]);
    expect(u201.owners.length).toBe(2);
    expect(park.developerUnsold).toBe(true);
    expect(shop.owners.length).toBe(1);
    const osh = await h.db.select().from(ownerships).where(inArray(ownerships.unitId, imported.map((u) => u.id)));
    expect(osh.filter((o) => o.unitId === u101.unit)[0].validFrom).toBe("2020-06-01");
    expect(osh.filter((o) => o.unitId === u201.unit).map((o) => o.validFrom)).toEqual(["2026-03-02", "2026-03-02"]);

    // The changed demo unit: updated in place, with before/after in the audit log; its owner untouched.
    const after = (await h.db.select().from(units).where(eq(units.id, changed.unit.id)))[0];
    expect(after.areaCenti).toBe(changed.unit.areaCenti + 100);
    expect(after.certificateNo).toBe(changed.unit.certificateNo);

    const newAudit = await h.db.select().from(auditLog).where(inArray(auditLog.id, (await snapshot(h.db)).audit.filter((id) => !before.audit.includes(id)).map(BigInt)));
    const count = (action: string) => newAudit.filter((a) => a.action === action).length;
    expect([count("registry.building.create"), count("registry.unit.create"), count("registry.unit.update"), count("registry.owner.create"), count("registry.ownership.add"), count("registry.import")]).toEqual([1, 5, 1, 4, 6, 1]);
    expect(newAudit.length).toBe(18);
    const upd = newAudit.find((a) => a.action === "registry.unit.update")!;
    expect(upd.targetId).toBe(changed.unit.id);
    expect((upd.before as { areaCenti: number }).areaCenti).toBe(changed.unit.areaCenti);
    expect((upd.after as { areaCenti: number }).areaCenti).toBe(changed.unit.areaCenti + 100);
    expect(newAudit.every((a) => a.actorId === actor.id && a.scopePath?.includes(CP))).toBe(true);
    // Phones are masked in the audit log as on screen.
    expect(JSON.stringify(newAudit.map((a) => a.after))).not.toContain("13700000001");
  });

  it("re-importing the same file writes nothing: the same registry rows and the same audit rows, before and after", async () => {
    const before = await snapshot(h.db);
    const r = await importAndWait(CP, goodFile, "registry again.csv");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.job.status).toBe("done");
    expect(r.job.report).toMatchObject({ kind: "done", created: 0, updated: 0, unchanged: 7 });
    expect(await snapshot(h.db)).toEqual(before);
  });

  it("a file with bad rows imports nothing and lists every bad row and why", async () => {
    const before = await snapshot(h.db);
    const bad = csv([
      ["导入10号楼", "101", "住宅", "85.234", "不动产登记", "周五", "", "", "", ""],
      ["导入10号楼", "102", "别墅", "80", "不动产登记", "吴六", "", "", "", ""],
      ["导入10号楼", "103", "住宅", "80", "不动产登记", "郑七", "1380000", "", "", ""],
      ["导入10号楼", "101", "住宅", "80", "不动产登记", "王八", "", "", "", ""],
      ["导入10号楼", "104", "住宅", "80", "不动产登记", "冯九、陈十", "", "否", "", ""],
      ["导入10号楼", "105", "住宅", "80", "不动产登记", "", "", "", "", ""],
      ["导入10号楼", "106", "住宅", "80", "不动产登记", "褚一", "", "", "", ""],
    ]);
    const r = await importAndWait(CP, bad, "bad.csv");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.job.status).toBe("invalid");
    const report = r.job.report as Extract<ImportReport, { kind: "invalid" }>;
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, "area", "areaDecimals"],
      [4, "kind", "unknownKind"],
      [5, "phones", "phoneInvalid"],
      [6, "number", "duplicateUnit"],
      [7, "coOwned", "coOwnerMarker"],
      [8, "owners", "ownersMissing"],
    ]);
    expect(report).toMatchObject({ errorCount: 6, badRows: 6 });
    expect(r.job.doneRows).toBe(0);
    expect(await snapshot(h.db)).toEqual(before);
  });

  it("a row whose unit has a different owner today is refused: the import never ends an ownership", async () => {
    const u = await demoUnit("unt_cp_qingnian_3");
    const before = await snapshot(h.db);
    const r = await importAndWait(CP, csv([[u.building, u.unit.number, KIND_ZH[u.unit.kind], area(u.unit.areaCenti), SOURCE_ZH[u.unit.areaSource], "新买家", "", "", "", ""]]));
    expect(r.ok && r.job.status).toBe("invalid");
    if (!r.ok) return;
    expect((r.job.report as Extract<ImportReport, { kind: "invalid" }>).errors).toEqual([{ row: 3, column: "owners", code: "ownersDiffer", params: { onRecord: u.owner.name } }]);
    expect(await snapshot(h.db)).toEqual(before);
  });

  it("a file larger than a chunk is applied in committed chunks; a person listed in two chunks is one owner; re-import writes nothing", async () => {
    const n = CHUNK_ROWS * 2 + 100;
    const rows = Array.from({ length: n }, (_, i) => ["导入20号楼", `R${i + 1}`, "住宅", "60.5", "测绘", i === 0 || i === n - 1 ? "跨块业主" : `业主${i}`, i === 0 || i === n - 1 ? "13700000099" : "", "", "", ""]);
    const file = csv(rows);
    const r = await importAndWait(CP, file, "big.csv");
    expect(r.ok && r.job).toMatchObject({ status: "done", totalRows: n, doneRows: n, report: { kind: "done", created: n, entities: { owners: n - 1, ownerships: n } } });
    expect((await h.db.select().from(owners).where(eq(owners.phone, "13700000099"))).length).toBe(1);
    const before = await snapshot(h.db);
    const again = await importAndWait(CP, file, "big.csv");
    expect(again.ok && again.job.report).toMatchObject({ kind: "done", created: 0, updated: 0, unchanged: n });
    expect(await snapshot(h.db)).toEqual(before);
  });

  it("a change made while the import runs that clashes with a later row stops it there: earlier chunks stay, the job says where", async () => {
    const u = await demoUnit("unt_cp_qingnian_4");
    const n = CHUNK_ROWS * 4 + 10;
    const rows = Array.from({ length: n - 1 }, (_, i) => ["导入21号楼", `S${i + 1}`, "住宅", "70", "测绘", `住户${i}`, "", "", "", ""]);
    rows.push([u.building, u.unit.number, KIND_ZH[u.unit.kind], area(u.unit.areaCenti), SOURCE_ZH[u.unit.areaSource], u.owner.name, "", "", "", ""]);
    const r = await submitImport(h.db, actor, CP, { name: "race.csv", bytes: csv(rows) }, clock);
    expect(r.ok && r.job.status).toBe("ready");
    if (!r.ok) return;
    // Meanwhile (in one transaction, so on PGlite it waits for one chunk at most) someone registers a co-owner
    // the file does not list.
    await h.db.transaction(async (tx) => {
      const other = await createOwner(tx, actor, CP, { kind: "person", name: "后来者" }, T0);
      expect(await addOwnership(tx, actor, CP, u.unit.id, { ownerId: other, developerUnsold: false, validFrom: "2026-03-01", nominatedVoter: false }, T0)).toEqual({ ok: true });
    });
    await r.finished;
    const job = (await getImportJob(h.db, CP, r.job.id, T0))!;
    expect(job.status).toBe("failed");
    expect(job.report).toMatchObject({ kind: "failed", reason: "conflict", error: { row: n + 2, code: "ownersDiffer", params: { onRecord: "后来者" } } });
    expect(job.doneRows).toBe(CHUNK_ROWS * 4);
    const imported = await h.db.select({ id: units.id }).from(units).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(eq(buildings.name, "导入21号楼"));
    expect(imported.length).toBe(CHUNK_ROWS * 4);
    const log = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "registry.import"), eq(auditLog.targetId, r.job.id)));
    expect(log.map((a) => a.result)).toEqual(["failed"]);
  });

  it("refuses a file that is not XLSX or CSV, and one over 20 MB, with nothing written (not even a job)", async () => {
    const before = await snapshot(h.db);
    const jobs = await h.db.select({ id: importJobs.id }).from(importJobs);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await submitImport(h.db, actor, CP, { name: "photo.csv", bytes: png }, clock)).toEqual({ ok: false, problem: { code: "notSpreadsheet" } });
    const gbk = new Uint8Array([0xc2, 0xa5, 0xb6, 0xb0, 0x2c, 0x31, 0x0a]);
    expect(await submitImport(h.db, actor, CP, { name: "gbk.csv", bytes: gbk }, clock)).toEqual({ ok: false, problem: { code: "notSpreadsheet" } });
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    expect(await submitImport(h.db, actor, CP, { name: "big.csv", bytes: big }, clock)).toEqual({ ok: false, problem: { code: "tooLarge" } });
    expect(await snapshot(h.db)).toEqual(before);
    expect(await h.db.select({ id: importJobs.id }).from(importJobs)).toEqual(jobs);
  });

  it("the upload is limited to 20 MB before it is buffered; a file within the limit is read whole", async () => {
    const multipart = (bytes: Uint8Array, headers: Record<string, string> = {}) => {
      const form = new FormData();
      form.append("note", "x");
      form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), "../../etc/registry.csv");
      return new Request("http://localhost/c/cp_qingnian/import", { method: "POST", body: form, headers });
    };
    const ok = await readUpload(multipart(goodFile));
    expect(ok.ok && ok.file.name).toBe("registry.csv");
    expect(ok.ok && [...ok.file.bytes]).toEqual([...goodFile]);
    expect(await readUpload(multipart(new Uint8Array(MAX_FILE_BYTES + 1)))).toEqual({ ok: false, problem: "tooLarge" });
    // A declared length over the limit is refused unread.
    expect(await readUpload(multipart(new Uint8Array(10), { "content-length": String(MAX_FILE_BYTES * 2) }))).toEqual({ ok: false, problem: "tooLarge" });
    expect(await readUpload(new Request("http://localhost/x", { method: "POST", body: new URLSearchParams({ file: "x" }) }))).toEqual({ ok: false, problem: "noFile" });
    const empty = new FormData();
    empty.append("file", new Blob([]), "");
    expect(await readUpload(new Request("http://localhost/x", { method: "POST", body: empty }))).toEqual({ ok: false, problem: "noFile" });
  });

  it("one import at a time per compound", async () => {
    const file = csv([["导入11号楼", "101", "住宅", "60", "测绘", "卫二", "", "", "", ""]]);
    const both = await Promise.all([
      submitImport(h.db, actor, CP, { name: "a.csv", bytes: file }, clock),
      submitImport(h.db, actor, CP, { name: "b.csv", bytes: file }, clock),
    ]);
    expect(both.filter((r) => !r.ok)).toEqual([{ ok: false, problem: { code: "busy" } }]);
    const first = both.find((r) => r.ok)!;
    if (first.ok) await first.finished;
    // Once it has finished, the next one may go (and, being the same file, changes nothing).
    const again = await importAndWait(CP, file);
    expect(again.ok && again.job.report).toMatchObject({ kind: "done", created: 0, unchanged: 1 });
  });

  it("a job left running by a stopped server is marked interrupted, and does not block the next import", async () => {
    const stale = new Date(T0.getTime() - 10 * 60_000);
    await h.db.insert(importJobs).values({ id: "imp_stale", compoundId: "cp_xinhua2", fileName: "old.csv", fileSha256: "0", status: "running", totalRows: 10, doneRows: 5, report: { kind: "progress", at: stale.toISOString() }, createdAt: stale });
    expect((await getImportJob(h.db, "cp_xinhua2", "imp_stale", T0))?.stalled).toBe(true);
    const r = await importAndWait("cp_xinhua2", csv([["导入1号楼", "101", "住宅", "60", "测绘", "蒋三", "", "", "", ""]]));
    expect(r.ok && r.job.status).toBe("done");
    expect((await getImportJob(h.db, "cp_xinhua2", "imp_stale", T0))?.status).toBe("failed");
  });

  it("cannot touch another compound: the same rows go into the compound imported into, owners are not shared, jobs are not found across compounds", async () => {
    const before = await snapshot(h.db);
    const file = csv([
      ["导入9号楼", "1单元101", "住宅", "85.23", "不动产登记", "赵一", "13700000001", "否", "否", "2020-06-01"],
      ["导入9号楼", "1单元102", "住宅", "90", "测绘", "赵一", "13700000001", "否", "否", "2020-06-01"],
    ]);
    const r = await importAndWait("cp_xinhua2", file, "xinhua2.csv");
    expect(r.ok && r.job.report).toMatchObject({ kind: "done", created: 2, entities: { buildings: 1, owners: 1 } });
    if (!r.ok) return;
    const after = await snapshot(h.db);
    const strip = (s: typeof before) => ({ ...s, audit: [] });
    // Nothing of cp_qingnian changed; what is new belongs to cp_xinhua2.
    const isNew = <T extends { id: string }>(rows: T[], old: T[]) => rows.filter((x) => !old.some((o) => o.id === x.id));
    for (const k of ["buildings", "units", "owners", "ownerships"] as const) {
      expect(after[k].filter((x) => before[k].some((o) => o.id === x.id))).toEqual(strip(before)[k]);
      expect(isNew(after[k] as { id: string; compoundId: string }[], before[k] as { id: string; compoundId: string }[]).every((x) => x.compoundId === "cp_xinhua2")).toBe(true);
    }
    const zhao = after.owners.filter((o) => o.name === "赵一");
    expect(zhao.map((o) => o.compoundId).sort()).toEqual(["cp_qingnian", "cp_xinhua2"]);
    expect(await getImportJob(h.db, "cp_songlin", r.job.id, T0)).toBeNull();
    expect((await listImportJobs(h.db, "cp_songlin", T0)).length).toBe(0);
    expect((await listImportJobs(h.db, CP, T0)).length).toBeGreaterThan(0);
  });
});
