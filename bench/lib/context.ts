import fs from "node:fs";
import { buildIsStale } from "../../scripts/start.mjs";
import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchContext, DbInfo, SetupContext } from "./types";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BENCH_TMP = path.join(ROOT, "bench/.tmp");
const BUILD_ENTRY = path.join(ROOT, "build/server/index.js");
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Which figures the command line asked for; `module` is the benchmark about to run (or prepare). */
type Select = { select(names: ReadonlySet<string>, module: string): void };

/** The set-up context plus what only the runner may do with it. */
export type RunSetupContext = SetupContext & Select;

/** The context plus what only the runner may do with it. */
export type RunContext = BenchContext & Select & {
  /** Stop the server and delete everything the run made. Safe to call more than once. */
  close(): Promise<void>;
  /** Last-resort synchronous clean-up for process exit (kills the server, deletes the data directory). */
  closeSync(): void;
};

/**
 * Set up one app server for the whole run: build the app if there is no build, make a fresh database (a fresh
 * PGlite data directory, or a fresh PostgreSQL database when DATABASE_URL is set), call `prepare` on it (the
 * benchmarks' set-up that must happen before the server opens the database), start `node scripts/server.mjs`
 * on a free loopback port and wait for /healthz. Returns the context, the database kind the server reports and
 * when the build it serves was made.
 */
export async function createContext(
  opts: {
    prepare?: (ctx: RunSetupContext) => Promise<void>;
    /** Gets the clean-up functions as soon as there is something to clean up (before prepare and start-up). */
    onCleanup?: (c: { close(): Promise<void>; closeSync(): void }) => void;
  } = {},
): Promise<{ ctx: RunContext; dbKind: string; builtAt: string }> {
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  removeStaleRunDirs();
  await buildIfMissing();

  const cleanups: Array<() => unknown> = [];
  const dataDir = path.join(BENCH_TMP, `data-${process.pid}`);
  const tmpDir = path.join(BENCH_TMP, `run-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const serverDir = snapshotBuild(tmpDir);

  let db: DbInfo = { kind: "pglite", dataDir };
  let dropDatabase: (() => Promise<void>) | undefined;
  let server: Server | undefined;
  let closed = false;

  const removeDirs = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    const errors: unknown[] = [];
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    }
    try {
      if (server) await server.stop();
    } catch (e) {
      errors.push(e);
    }
    try {
      if (dropDatabase) await dropDatabase();
    } catch (e) {
      errors.push(e);
    }
    removeDirs();
    if (errors.length) log(`clean-up problems: ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ")}`);
  };
  const closeSync = () => {
    if (closed) return;
    server?.killSync();
    removeDirs();
  };
  opts.onCleanup?.({ close, closeSync });

  const memo = new Map<string, Promise<unknown>>();
  let selected: ReadonlySet<string> = new Set();
  let current = "";
  const shared = {
    root: ROOT,
    tmpDir,
    dataDir,
    wants: (figure: string) => selected.size === 0 || selected.has(figure) || selected.has(current),
    log,
    once: <T>(key: string, fn: () => Promise<T>): Promise<T> => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        memo.set(key, p);
        // A failed set-up is not cached: a later benchmark may try again.
        p.catch(() => memo.delete(key));
      }
      return p;
    },
    defer: (fn: () => unknown) => void cleanups.push(fn),
    select: (names: ReadonlySet<string>, module: string) => {
      selected = names;
      current = module;
    },
  };

  try {
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      const pg = await createPostgresDatabase(databaseUrl, `gz_bench_${process.pid}`);
      db = { kind: "postgres", url: pg.url, name: pg.name };
      dropDatabase = pg.drop;
    }
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      GONGZHI_DATA_DIR: dataDir,
      GONGZHI_MODE: "demo",
    };
    if (db.kind === "postgres") env.DATABASE_URL = db.url;
    else delete env.DATABASE_URL;

    if (opts.prepare) await opts.prepare({ ...shared, db });

    const t0 = Date.now();
    log(`starting the app server on 127.0.0.1:${port} (${db.kind === "postgres" ? `PostgreSQL database ${db.name}` : "PGlite"})`);
    server = startServer(env, serverDir);
    const health = await waitForHealth(server, `http://127.0.0.1:${port}/healthz`);
    log(`server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${server.pid}, db ${health.db})`);

    const baseUrl = `http://127.0.0.1:${port}`;
    const srv = server;
    const ctx: RunContext = {
      ...shared,
      db,
      baseUrl,
      port,
      server: { pid: srv.pid, logTail: () => srv.tail() },
      url: (p) => new URL(p, baseUrl).toString(),
      close,
      closeSync,
    };
    const builtAt = fs.statSync(path.join(serverDir, "build/server/index.js")).mtime.toISOString();
    return { ctx, dbKind: String(health.db ?? db.kind), builtAt };
  } catch (e) {
    await close();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------

type Server = {
  pid: number;
  tail(): string;
  exited: Promise<void>;
  isRunning(): boolean;
  stop(): Promise<void>;
  killSync(): void;
};

function startServer(env: NodeJS.ProcessEnv, cwd: string): Server {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not start node scripts/server.mjs");
  const verbose = process.env.BENCH_VERBOSE === "1";
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (verbose) process.stderr.write(text);
    for (const line of text.split("\n")) if (line) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      running = false;
      resolve();
    }),
  );
  const waitExit = (ms: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(r, ms, false).unref())]);
  return {
    pid: child.pid,
    tail: () => lines.slice(-40).join("\n"),
    exited,
    isRunning: () => running,
    async stop() {
      if (!running) return;
      child.kill("SIGTERM");
      if (await waitExit(STOP_TIMEOUT_MS)) return;
      log(`server (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM: killing it`);
      child.kill("SIGKILL");
      await waitExit(5_000);
    },
    killSync() {
      if (running) child.kill("SIGKILL");
    },
  };
}

async function waitForHealth(server: Server, url: string): Promise<{ db?: string }> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!server.isRunning()) throw new Error(`the app server exited during start-up:\n${server.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (res.status === 200) {
        try {
          return JSON.parse(body) as { db?: string };
        } catch {
          return {};
        }
      }
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`GET /healthz did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}):\n${server.tail()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function buildIfMissing(): Promise<void> {
  if (fs.existsSync(BUILD_ENTRY)) {
    if (buildIsStale()) log("note: the build is older than the sources; run `npx remix vite:build` to measure the current code");
    return;
  }
  log("no build/server/index.js: building the app (remix vite:build)…");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: ROOT,
    // The build's output is progress, so it goes to stderr; stdout carries only figures.
    stdio: ["ignore", 2, 2],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  });
  if (code !== 0 || !fs.existsSync(BUILD_ENTRY)) throw new Error(`the build failed (exit code ${code})`);
}

/**
 * The server runs from a private copy of build/ (and db/migrations, which it reads from its working directory),
 * so a rebuild started by someone else during the run (e.g. the e2e server's build-if-stale) cannot change or
 * empty the files under measurement. Packages still resolve from the repository's node_modules, since the copy
 * lives inside the repository. Returns the directory to start the server in.
 */
function snapshotBuild(tmpDir: string): string {
  const dir = path.join(tmpDir, "server");
  // preserveTimestamps: the header of results.json reports when the build was made.
  fs.cpSync(path.join(ROOT, "build"), path.join(dir, "build"), { recursive: true, preserveTimestamps: true });
  fs.cpSync(path.join(ROOT, "db/migrations"), path.join(dir, "db/migrations"), { recursive: true });
  if (!fs.existsSync(path.join(dir, "build/server/index.js"))) {
    throw new Error("build/ changed while it was being copied (is another build running?); try again");
  }
  return dir;
}


/** Data and scratch directories left by runs that were killed (their pid no longer lives). */
function removeStaleRunDirs(): void {
  for (const name of fs.readdirSync(BENCH_TMP)) {
    const m = /^(?:data|run)-(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    log(`removing bench/.tmp/${name} left by an earlier run`);
    fs.rmSync(path.join(BENCH_TMP, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A fresh database on the PostgreSQL server of `url`, made and dropped through the `postgres` maintenance db. */
async function createPostgresDatabase(url: string, name: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const withAdmin = async (fn: (sql: import("postgres").Sql) => Promise<unknown>) => {
    const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await fn(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  // The name is ours (gz_bench_<pid>), so a leftover of that name is from an earlier run with the same pid.
  try {
    await withAdmin(async (sql) => {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.unsafe(`create database "${name}"`);
    });
  } catch (e) {
    throw new Error(`could not create the database ${name} on ${admin.host} (DATABASE_URL): ${e instanceof Error ? e.message : String(e)}`);
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    url: dbUrl.toString(),
    name,
    drop: () => withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)),
  };
}
