import path from "node:path";
import { openDb, type DbHandle } from "~db/client.server";
import type { SetupContext } from "./types";

/**
 * A database of the benchmark's own, beside the app server's (which holds the run's PGlite data directory): an
 * in-memory PGlite, or, when the run is on PostgreSQL, a separate database `gz_bench_<suffix>_<pid>` on the same
 * server, dropped on close. Not migrated: call migrateDb.
 */
export async function openScratchDb(ctx: Pick<SetupContext, "db">, suffix: string): Promise<DbHandle> {
  if (ctx.db.kind !== "postgres") return openDb({ kind: "pglite" });
  const { default: postgres } = await import("postgres");
  const admin = new URL(ctx.db.url);
  admin.pathname = "/postgres";
  const dbName = `gz_bench_${suffix}_${process.pid}`;
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

/**
 * Use-cases that encrypt fields (a decision's pseudonym secret) read the app's configuration, which in demo mode
 * keeps its generated key in GONGZHI_DATA_DIR (default ./data, i.e. the developer's own). Point this process at
 * the run's data directory in demo mode, as the app server is, before anything reads the configuration (it is
 * read once per process; if something read it earlier, say so: the key then comes from that directory).
 */
export async function useRunConfig(ctx: Pick<SetupContext, "dataDir" | "log">): Promise<void> {
  process.env.GONGZHI_MODE = "demo";
  process.env.GONGZHI_DATA_DIR = ctx.dataDir;
  const { config } = await import("~/config.server");
  const c = config();
  if (c.dataDir !== path.resolve(ctx.dataDir)) {
    ctx.log(`note: this process read its configuration before the benchmark set it: demo keys from ${c.dataDir}`);
  }
}
