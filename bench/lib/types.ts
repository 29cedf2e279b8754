/** One measured figure: printed as one JSON line on stdout and stored in bench/results.json. */
export type Unit = "ms" | "req/s" | "rows/s";

export type Figure = {
  /** The figure's name, e.g. "login-page". */
  bench: string;
  unit: Unit;
  value: number;
  /** Latency percentiles in ms, where the figure has them. */
  p50?: number;
  p95?: number;
  /** How many operations (requests, rows, repetitions) the figure is based on. */
  n?: number;
  /** The same work done the most direct way in the same run (same unit), so figures compare as ratios. */
  limit?: number;
};

export const UNITS: readonly Unit[] = ["ms", "req/s", "rows/s"];

/** Where the app server under test keeps its data for this run. */
export type DbInfo =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; /** URL of the run's own fresh database */ url: string; name: string };

/**
 * What a benchmark's `prepare` gets: the run's fresh database before the app server starts (PGlite allows one
 * process per data directory, so set-up that writes a lot — seeding the city — happens here, in-process).
 * Whatever `once` computes here is shared with the benchmarks' `run` through the same `once(key)`.
 */
export interface SetupContext {
  /** Repository root (the app server's working directory). */
  readonly root: string;
  /** Scratch directory for this run (bench/.tmp/run-<pid>), deleted at the end. */
  readonly tmpDir: string;
  /** The app's data directory (GONGZHI_DATA_DIR); it holds the embedded database when db.kind is "pglite". */
  readonly dataDir: string;
  readonly db: DbInfo;
  /** Whether this run was asked for the named figure (no names on the command line: every figure). */
  wants(figure: string): boolean;
  /** Progress and information, to stderr. */
  log(message: string): void;
  /** Run `fn` once per run for `key` and share its result with every later caller (in prepare and in run). */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Register clean-up to run at the end of the run, before the server stops (last registered runs first). */
  defer(fn: () => unknown): void;
}

/**
 * What every benchmark gets: one app server per run, shared by all benchmarks, plus a few helpers.
 * Add fields here when benchmarks need more shared state; expensive shared set-up (e.g. seeding a large
 * registry) goes through `once`, so it happens at most once per run whichever benchmarks ask for it.
 */
export interface BenchContext extends SetupContext {
  /** http://127.0.0.1:<port> of the app server. */
  readonly baseUrl: string;
  readonly port: number;
  /** The app server process. */
  readonly server: { readonly pid: number; /** last lines of its stdout/stderr */ logTail(): string };
  /** Absolute URL on the app server for a path. */
  url(path: string): string;
}

/** A benchmark module (bench/*.bench.ts) exports these, as named exports or as its default export. */
export interface Bench {
  name: string;
  /** Names of the figures it can produce, so `npm run bench -- <figure>` can find it. */
  figures?: string[];
  /**
   * Optional: set-up before the app server starts, on the run's fresh database (e.g. seed the city). Runs only
   * when the module is selected; if it throws, the module is reported as failed and its `run` is skipped.
   */
  prepare?(ctx: SetupContext): Promise<void>;
  run(ctx: BenchContext): Promise<Figure[]>;
}
