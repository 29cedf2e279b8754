import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { config } from "~/config.server";

export type Schema = typeof schema;
/** The one database type every use-case takes; a transaction is assignable to it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = "pglite" | "postgres";

export type DbHandle = {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** Raw SQL results differ between the drivers ({ rows } on PGlite, an array on postgres.js). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export class DataDirLockedError extends Error {}

/** PGlite has no cross-process lock and two processes on one directory lose data silently (stack.md),
 *  so we take an exclusive pid lock on the directory and refuse to start while another live process holds it. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "gongzhi.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by another Gongzhi process (pid ${pid}). ` +
            `Stop that process first, or set GONGZHI_DATA_DIR to another directory.`,
        );
      }
      fs.unlinkSync(lockFile); // stale lock of a process that has gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type OpenOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob | File; lock?: boolean };

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  if (opts.dataDir && opts.lock !== false) release = lockDataDir(opts.dataDir);
  try {
    const client = opts.dataDir
      ? await PGlite.create({ dataDir: path.join(opts.dataDir, "pglite"), loadDataDir: opts.loadDataDir })
      : await PGlite.create({ loadDataDir: opts.loadDataDir });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export async function migrationCount(db: Db): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
}

/** The app's database, opened once per process from the configuration. */
let appHandle: Promise<DbHandle> | undefined;
export function appDbHandle(): Promise<DbHandle> {
  if (!appHandle) {
    appHandle = (async () => {
      const c = config();
      return c.databaseUrl ? openDb({ kind: "postgres", url: c.databaseUrl }) : openDb({ kind: "pglite", dataDir: c.dataDir });
    })();
    appHandle.catch(() => {
      appHandle = undefined;
    });
  }
  return appHandle;
}

export async function getDb(): Promise<Db> {
  return (await appDbHandle()).db;
}

export async function closeAppDb(): Promise<void> {
  if (!appHandle) return;
  const h = appHandle;
  appHandle = undefined;
  await (await h).close();
}
