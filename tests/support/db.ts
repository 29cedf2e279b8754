import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { openDb, migrateDb, type DbHandle } from "~db/client.server";

/**
 * Test databases start from one migrated, seeded template per run (stack.md): on PGlite a dumped data
 * directory loaded into an in-memory instance; on PostgreSQL a template database copied by CREATE DATABASE.
 */
export const TMP = path.resolve("tests/.tmp");
/** This run's PGlite dump: one file per run, so two runs side by side never read each other's half-written dump. */
function pgliteDumpPath(): string {
  return path.join(TMP, `template-${process.pid}-${crypto.randomBytes(3).toString("hex")}.tar.gz`);
}

let templateName: string | undefined;
/** The template made by buildTemplate — a PostgreSQL database name, or the PGlite dump's path (globalSetup hands it to the workers with provide/inject). */
export function templateDatabase(): string | undefined {
  return templateName;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(fn: (sql: import("postgres").Sql) => Promise<T>): Promise<T> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl(process.env.DATABASE_URL!), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Build the template: migrate + seed once. Returns a cleanup function. */
export async function buildTemplate(seed: (h: DbHandle) => Promise<void>): Promise<() => Promise<void>> {
  fs.mkdirSync(TMP, { recursive: true });
  if (usingPostgres()) {
    const name = `gz_tpl_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
    await withAdmin((sql) => sql.unsafe(`create database ${name}`));
    const h = await openDb({ kind: "postgres", url: withDatabase(process.env.DATABASE_URL!, name), max: 2 });
    await migrateDb(h);
    await seed(h);
    await h.close();
    templateName = name;
    return async () => {
      // Only this run's databases: the template and the copies made from it (named after it).
      await withAdmin(async (sql) => {
        const dbs = await sql`select datname from pg_database where datname like ${name + "%"}`;
        for (const d of dbs) await sql.unsafe(`drop database if exists ${d.datname} with (force)`);
      });
    };
  }
  const h = await openDb({ kind: "pglite" });
  await migrateDb(h);
  await seed(h);
  const { PGlite } = await import("@electric-sql/pglite");
  void PGlite;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = (h.db as any).$client as import("@electric-sql/pglite").PGlite;
  // Everything on disk before the dump: without a checkpoint a large seed can stay in WAL the dump leaves out.
  await client.exec("CHECKPOINT");
  const dump = await client.dumpDataDir("gzip");
  const file = pgliteDumpPath();
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await h.close();
  templateName = file;
  return async () => {
    fs.rmSync(file, { force: true });
  };
}

/** A fresh database for one test file, copied from the template. */
export async function testDb(): Promise<DbHandle> {
  if (usingPostgres()) {
    const { inject } = await import("vitest");
    const tpl = inject("gzTemplate" as never) as string | undefined;
    if (!tpl) throw new Error("no template database: run through vitest's integration project");
    const name = `${tpl}_t_${crypto.randomBytes(4).toString("hex")}`;
    await withAdmin((sql) => sql.unsafe(`create database ${name} template ${tpl}`));
    const h = await openDb({ kind: "postgres", url: withDatabase(process.env.DATABASE_URL!, name), max: 5 });
    return {
      ...h,
      close: async () => {
        await h.close();
        await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
      },
    };
  }
  const { inject } = await import("vitest");
  const file = inject("gzTemplate" as never) as string | undefined;
  if (!file) throw new Error("no template dump: run through vitest's integration project");
  const blob = new Blob([fs.readFileSync(file)]);
  return openDb({ kind: "pglite", loadDataDir: blob });
}


/** A fresh, empty, migrated database (not the template): PGlite in memory, or a new PostgreSQL database dropped on close. */
export async function freshDb(prefix = "gz_fresh"): Promise<DbHandle> {
  if (!usingPostgres()) {
    const handle = await openDb({ kind: "pglite" });
    await migrateDb(handle);
    return handle;
  }
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  await withAdmin((sql) => sql.unsafe(`create database ${name}`));
  const handle = await openDb({ kind: "postgres", url: withDatabase(process.env.DATABASE_URL!, name), max: 3 });
  await migrateDb(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}
