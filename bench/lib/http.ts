import autocannon from "autocannon";
import type { BenchContext, Figure } from "./types";

/** Load settings shared by the HTTP figures: short, bounded runs over loopback. */
export const HTTP_DEFAULTS = {
  connections: 10,
  /** seconds measured */
  duration: Number(process.env.BENCH_HTTP_SECONDS ?? 5),
  /** seconds of unmeasured load first (JIT, caches, connection pools) */
  warmup: 1,
};

/** What a browser sends, so the app takes its ordinary path (isbot() says no: streamed on shell ready; gzip). */
export const BROWSER_HEADERS: Record<string, string> = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.8",
  "accept-encoding": "gzip, deflate, br",
};

export type LoadResult = {
  /** completed requests per second over the measured period */
  rps: number;
  /** completed requests */
  n: number;
  /** latency percentiles, ms */
  p50: number;
  p95: number;
  seconds: number;
};

/**
 * Put `url` under load with autocannon (warm-up first, then a measured run) and summarise it. Any error, timeout
 * or non-2xx answer fails the measurement: a figure of failing requests would be meaningless.
 */
export async function load(
  url: string,
  opts: { connections?: number; duration?: number; warmup?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1") throw new Error(`benchmark traffic goes to 127.0.0.1 only, not ${u.hostname}`);
  const connections = opts.connections ?? HTTP_DEFAULTS.connections;
  const duration = opts.duration ?? HTTP_DEFAULTS.duration;
  const warmup = opts.warmup ?? HTTP_DEFAULTS.warmup;
  const headers = opts.headers ?? BROWSER_HEADERS;
  const base = { url, connections, headers, renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false };

  if (warmup > 0) check(url, await autocannon({ ...base, duration: warmup }));

  // autocannon's own percentiles stop at p90 / p97.5, so keep every response time for p50 and p95.
  const times: number[] = [];
  const instance = autocannon({ ...base, duration });
  instance.on("response", (_client, _status, _bytes, responseTime) => void times.push(responseTime));
  const result = check(url, await instance);

  const sorted = Float64Array.from(times).sort();
  const n = result.requests.total;
  return {
    rps: round(n / result.duration, 1),
    n,
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    seconds: result.duration,
  };
}

function check(url: string, r: autocannon.Result): autocannon.Result {
  if (r.errors || r.timeouts || r.non2xx || r.requests.total === 0) {
    const codes = Object.entries(r.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join(", ");
    throw new Error(
      `load on ${url} failed: ${r.requests.total} completed, ${r.errors} errors, ${r.timeouts} timeouts, ` +
        `${r.non2xx} non-2xx (status codes: ${codes || "none"})`,
    );
  }
  return r;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The HTTP limit: req/s of GET /favicon.svg, a file served by express.static through the server's own middleware
 * (compression, security headers) but without Remix, React or the database. Measured once per run and shared, so
 * every HTTP figure of a run is compared against the same number.
 */
export function staticRoute(ctx: BenchContext): Promise<Figure> {
  return ctx.once("figure:static-route", async () => {
    const url = ctx.url("/favicon.svg");
    const res = await fetch(url, { headers: BROWSER_HEADERS });
    await res.arrayBuffer();
    // Guard against the path silently turning into a Remix page (which would no longer be the direct way).
    if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("image/svg+xml")) {
      throw new Error(`GET /favicon.svg: expected a static SVG, got HTTP ${res.status} ${res.headers.get("content-type")}`);
    }
    ctx.log(`static-route: GET /favicon.svg, ${HTTP_DEFAULTS.connections} connections, ${HTTP_DEFAULTS.duration} s`);
    const r = await load(url);
    return { bench: "static-route", unit: "req/s", value: r.rps, p50: r.p50, p95: r.p95, n: r.n };
  });
}
