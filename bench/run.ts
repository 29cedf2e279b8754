// `npm run bench [-- <name>…]`: run the benchmarks in bench/*.bench.ts against one app server, print one JSON line
// per figure on stdout, write bench/results.json. Progress goes to stderr. See bench/README.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createContext, log, ROOT, type RunContext } from "./lib/context";
import { UNITS, type Bench, type Figure } from "./lib/types";

const BENCH_DIR = path.join(ROOT, "bench");
const RESULTS = path.join(BENCH_DIR, "results.json");
/** The whole run must end well within 15 minutes. */
const RUN_DEADLINE_MS = 14 * 60_000;

async function discover(): Promise<Bench[]> {
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as Partial<Bench> & { default?: Partial<Bench> };
    const b = typeof mod.default?.run === "function" ? mod.default : mod;
    if (typeof b.name !== "string" || !b.name || typeof b.run !== "function") {
      throw new Error(`bench/${file} must export { name: string, run(ctx): Promise<Figure[]> }`);
    }
    if (b.prepare !== undefined && typeof b.prepare !== "function") throw new Error(`bench/${file}: prepare must be a function`);
    benches.push({
      name: b.name,
      figures: Array.isArray(b.figures) ? b.figures : [],
      prepare: b.prepare ? b.prepare.bind(b) : undefined,
      run: b.run.bind(b),
    });
  }
  const seen = new Map<string, string>();
  for (const b of benches) {
    for (const n of new Set([b.name, ...(b.figures ?? [])])) {
      if (seen.has(n)) throw new Error(`the name "${n}" is used by both ${seen.get(n)} and ${b.name}`);
      seen.set(n, b.name);
    }
  }
  return benches;
}

function usage(benches: Bench[]): string {
  const lines = benches.map((b) => `  ${b.name}${b.figures?.length ? `: ${b.figures.join(", ")}` : ""}`);
  return `usage: npm run bench [-- <benchmark or figure>…]\n\nbenchmarks and their figures:\n${lines.join("\n")}\n`;
}

/** A figure as it is printed: fixed key order, only known keys. */
function normalise(f: Figure, from: string): Figure {
  if (!f || typeof f.bench !== "string" || !UNITS.includes(f.unit) || !Number.isFinite(f.value)) {
    throw new Error(`benchmark ${from} returned an invalid figure: ${JSON.stringify(f)}`);
  }
  const out: Figure = { bench: f.bench, unit: f.unit, value: f.value };
  for (const k of ["p50", "p95", "n", "limit"] as const) {
    const v = f[k];
    if (v === undefined) continue;
    if (!Number.isFinite(v)) throw new Error(`benchmark ${from}: figure ${f.bench} has a non-numeric ${k}`);
    out[k] = v;
  }
  return out;
}

function gitCommit(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "db", "seeds", "scripts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const benches = await discover();
  if (args.includes("--help") || args.includes("-h") || args.includes("--list")) {
    process.stderr.write(usage(benches));
    return 0;
  }
  const flags = args.filter((a) => a.startsWith("-"));
  if (flags.length) {
    process.stderr.write(`unknown option ${flags[0]}\n${usage(benches)}`);
    return 2;
  }
  const selected = new Set(args);
  for (const n of selected) {
    if (!benches.some((b) => b.name === n || b.figures?.includes(n))) {
      process.stderr.write(`no benchmark or figure named "${n}"\n${usage(benches)}`);
      return 2;
    }
  }
  const toRun = benches.filter((b) => selected.size === 0 || selected.has(b.name) || b.figures?.some((f) => selected.has(f)));

  const started = new Date();
  let ctx: RunContext | undefined;
  // Known from the moment the run has made something (a database, directories), so that a signal or the
  // watchdog during set-up (e.g. seeding the city) still cleans up.
  let cleanup: { close(): Promise<void>; closeSync(): void } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    void (cleanup?.close() ?? Promise.resolve()).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", () => cleanup?.closeSync());
  const watchdog = setTimeout(() => {
    log(`the run exceeded ${RUN_DEADLINE_MS / 60_000} minutes: stopping`);
    void (cleanup?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  }, RUN_DEADLINE_MS);
  watchdog.unref();

  const figures: Figure[] = [];
  const failed: string[] = [];
  let dbKind: string;
  let builtAt: string;
  try {
    const created = await createContext({
      onCleanup: (c) => void (cleanup = c),
      // Set-up that needs the database before the server holds it (e.g. seeding the city), module by module.
      prepare: async (setup) => {
        for (const b of toRun) {
          if (!b.prepare) continue;
          setup.select(selected, b.name);
          const t0 = Date.now();
          log(`${b.name}: preparing`);
          try {
            await b.prepare(setup);
            log(`${b.name}: prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          } catch (e) {
            failed.push(b.name);
            log(`${b.name} FAILED in prepare: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          }
        }
      },
    });
    ctx = created.ctx;
    dbKind = created.dbKind;
    builtAt = created.builtAt;
    for (const b of toRun) {
      if (failed.includes(b.name)) continue;
      ctx.select(selected, b.name);
      const t0 = Date.now();
      log(`${b.name}: running`);
      try {
        for (const raw of await b.run(ctx)) {
          const f = normalise(raw, b.name);
          if (!ctx.wants(f.bench)) continue;
          figures.push(f);
          process.stdout.write(JSON.stringify(f) + "\n");
        }
        log(`${b.name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (e) {
        failed.push(b.name);
        log(`${b.name} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup?.close();
  }

  const cpus = os.cpus();
  const header = {
    date: started.toISOString(),
    node: process.version,
    db: dbKind,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpu: cpus[0]?.model ?? null,
    nodeEnv: process.env.NODE_ENV ?? null,
    commit: gitCommit(),
    build: builtAt,
    selection: [...selected],
    seconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    ...(failed.length ? { failed } : {}),
  };
  const tmp = `${RESULTS}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify([header, ...figures], null, 2) + "\n");
  fs.renameSync(tmp, RESULTS);
  log(`wrote bench/results.json (${figures.length} figure${figures.length === 1 ? "" : "s"})`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
