import { openDb, migrateDb, type DbHandle } from "~db/client.server";
import { buildings, importJobs, owners, ownerships, units } from "~db/schema";
import { eq } from "drizzle-orm";
import { seedDemo } from "~seeds/demo";
import { IMPORT_COLUMNS } from "~/registry/import/columns";
import { submitImport } from "~/registry/import/import.server";
import { newId } from "~/ids";
import { round } from "./lib/http";
import { useRunConfig } from "./lib/scratch-db";
import type { BenchContext, Figure } from "./lib/types";

// The registry import of a 10,000-row file (registry import issue: target under 30 s):
//   registry-import-10k  rows/s of reading, validating and applying a generated 10,000-row CSV through the
//                        use-case (submitImport, then its background run to the end) into a demo compound of a
//                        fresh database; limit = rows/s of a plain bulk insert of the same buildings, units,
//                        owners and ownerships (no checks, no audit) into another compound of that database.
// The app server holds the run's PGlite data directory, so this figure uses its own database: an in-memory
// PGlite, or a separate PostgreSQL database when DATABASE_URL is set. The server itself is not used.

export const name = "import";
export const figures = ["registry-import-10k"];

export const ROWS = 10_000;
const PER_BUILDING = 200;
const T0 = new Date("2026-03-02T01:00:00Z");

type GenRow = { building: string; number: string; kind: string; area: string; source: string; owners: string[]; phones: string[]; developer: boolean };

/** 50 buildings of 200 units: every 10th co-owned by two, every 50th the developer's, the rest one owner with a phone. */
export function generateRows(n = ROWS, prefix = "基准"): GenRow[] {
  const rows: GenRow[] = [];
  for (let i = 0; i < n; i++) {
    const b = Math.floor(i / PER_BUILDING) + 1;
    const k = i % PER_BUILDING;
    const number = `${Math.floor(k / 40) + 1}单元${Math.floor((k % 40) / 4) + 1}0${(k % 4) + 1}`;
    const area = 4500 + ((i * 7919) % 5100);
    const developer = i % 50 === 49;
    const coOwned = !developer && i % 10 === 3;
    const phone = (j: number) => `137${String(i * 2 + j).padStart(8, "0")}`;
    rows.push({
      building: `${prefix}${b}号楼`,
      number,
      kind: "住宅",
      area: `${Math.floor(area / 100)}.${String(area % 100).padStart(2, "0")}`,
      source: i % 7 === 0 ? "测绘" : "不动产登记",
      owners: developer ? [] : coOwned ? [`业主${i}甲`, `业主${i}乙`] : [`业主${i}`],
      phones: developer ? [] : coOwned ? [phone(0), phone(1)] : [phone(0)],
      developer,
    });
  }
  return rows;
}

export function toCsv(rows: GenRow[]): Uint8Array {
  const lines = [IMPORT_COLUMNS.map((c) => c.zh).join(","), IMPORT_COLUMNS.map((c) => c.en).join(",")];
  for (const r of rows) {
    lines.push([r.building, r.number, r.kind, r.area, r.source, r.owners.join("、"), r.phones.join("、"), r.owners.length > 1 ? "是" : "否", r.developer ? "是" : "否", "2020-06-01"].join(","));
  }
  return new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);
}

/** The same rows written the most direct way: bulk inserts in one transaction, no checks, no audit. */
async function bulkInsert(h: DbHandle, compoundId: string, rows: GenRow[]): Promise<void> {
  await h.db.transaction(async (tx) => {
    const bIds = new Map<string, string>();
    for (const r of rows) if (!bIds.has(r.building)) bIds.set(r.building, newId("bld"));
    await tx.insert(buildings).values([...bIds].map(([name, id]) => ({ id, compoundId, name, createdAt: T0 })));
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      const us = part.map((r) => ({ id: newId("unt"), compoundId, buildingId: bIds.get(r.building)!, number: r.number, kind: "dwelling" as const, areaCenti: Math.round(Number(r.area) * 100), areaSource: r.source === "测绘" ? ("survey" as const) : ("register" as const), createdAt: T0 }));
      const os: (typeof owners.$inferInsert)[] = [];
      const ss: (typeof ownerships.$inferInsert)[] = [];
      part.forEach((r, j) => {
        if (r.developer) ss.push({ id: newId("osh"), compoundId, unitId: us[j].id, ownerId: null, developerUnsold: true, validFrom: "2020-06-01", createdAt: T0 });
        r.owners.forEach((name, k) => {
          const o = { id: newId("own"), compoundId, kind: "person" as const, name, phone: r.phones[k] ?? null, createdAt: T0 };
          os.push(o);
          ss.push({ id: newId("osh"), compoundId, unitId: us[j].id, ownerId: o.id, validFrom: "2020-06-01", createdAt: T0 });
        });
      });
      await tx.insert(units).values(us);
      if (os.length) await tx.insert(owners).values(os);
      await tx.insert(ownerships).values(ss);
    }
  });
}

async function openBenchDb(ctx: Pick<BenchContext, "db" | "log" | "defer">): Promise<DbHandle> {
  if (ctx.db.kind !== "postgres") return openDb({ kind: "pglite" });
  const { default: postgres } = await import("postgres");
  const admin = new URL(ctx.db.url);
  admin.pathname = "/postgres";
  const dbName = `gz_bench_import_${process.pid}`;
  const withAdmin = async (fn: (sql: import("postgres").Sql) => Promise<unknown>) => {
    const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    try {
      await fn(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  await withAdmin(async (sql) => {
    await sql.unsafe(`drop database if exists "${dbName}" with (force)`);
    await sql.unsafe(`create database "${dbName}"`);
  });
  const url = new URL(ctx.db.url);
  url.pathname = `/${dbName}`;
  const h = await openDb({ kind: "postgres", url: url.toString(), max: 5 });
  return {
    ...h,
    close: async () => {
      await h.close();
      await withAdmin((sql) => sql.unsafe(`drop database if exists "${dbName}" with (force)`));
    },
  };
}

/** Measure on a fresh demo database: the import (use-case) and the plain bulk insert of the same rows. */
export async function measure(ctx: Pick<BenchContext, "db" | "log" | "defer" | "dataDir">): Promise<Figure> {
  // The demo seed now runs decisions, whose secrets are encrypted with the run's demo key, not ./data's.
  await useRunConfig(ctx);
  const h = await openBenchDb(ctx);
  try {
    ctx.log("registry-import-10k: migrating and seeding the demo city into a separate database…");
    await migrateDb(h);
    await seedDemo(h.db, T0);
    const rows = generateRows();
    const bytes = toCsv(rows);
    ctx.log(`registry-import-10k: importing ${ROWS} rows (${(bytes.length / 1024).toFixed(0)} KiB CSV) into cp_qingnian…`);
    const t0 = performance.now();
    const r = await submitImport(h.db, { id: "usr_demo03", name: "王芳" }, "cp_qingnian", { name: "bench.csv", bytes }, () => new Date());
    if (!r.ok) throw new Error(`the generated file was refused: ${r.problem.code}`);
    const validated = performance.now();
    await r.finished;
    const ms = performance.now() - t0;
    const job = (await h.db.select().from(importJobs).where(eq(importJobs.id, r.job.id)))[0];
    const report = job.report as { kind: string; created?: number };
    if (job.status !== "done" || report.created !== ROWS) throw new Error(`the import did not finish as expected: ${job.status} ${JSON.stringify(job.report).slice(0, 300)}`);
    ctx.log(`registry-import-10k: ${round(ms, 0)} ms in all (read + validate ${round(validated - t0, 0)} ms, apply ${round(ms - (validated - t0), 0)} ms)`);
    const l0 = performance.now();
    await bulkInsert(h, "cp_xinhua2", generateRows(ROWS, "直插"));
    const limitMs = performance.now() - l0;
    ctx.log(`registry-import-10k: plain bulk insert of the same rows: ${round(limitMs, 0)} ms`);
    return { bench: "registry-import-10k", unit: "rows/s", value: round(ROWS / (ms / 1000), 1), n: ROWS, limit: round(ROWS / (limitMs / 1000), 1) };
  } finally {
    await h.close();
  }
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  if (!ctx.wants("registry-import-10k")) return [];
  return [await measure(ctx)];
}
