import type { BenchContext, Figure, SetupContext } from "./lib/types";
import { BROWSER_HEADERS, HTTP_DEFAULTS, load, percentile, round, staticRoute } from "./lib/http";
import { benchCity, loginCookie } from "./lib/city";

// The registry at city scale (1,357 compounds, 231,300 dwellings; seeds/city-gen.ts), seeded once per run before
// the app server starts, read by a city administrator the benchmark creates:
//   street-compound-table  p50 ms of GET /area/<street>/compounds?sort=units&dir=desc (server-rendered table of the
//                          street with the most compounds), sequential requests; limit = p50 ms of the same
//                          listCompounds() call made directly on the database
//   compound-home          req/s of GET /c/<the largest compound> (totals over its 1,200 dwellings and owners);
//                          limit = static-route of the same run

export const name = "registry";
export const figures = ["street-compound-table", "compound-home"];

/** Sequential requests measured for street-compound-table, after WARMUP unmeasured ones. */
const REPEATS = 50;
const WARMUP = 5;

export async function prepare(ctx: SetupContext): Promise<void> {
  await benchCity(ctx, { seed: true });
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const city = await benchCity(ctx, { seed: false });
  const cookie = await loginCookie(ctx.baseUrl, city.admin);
  const headers = { ...BROWSER_HEADERS, cookie };
  const out: Figure[] = [];

  if (ctx.wants("street-compound-table")) {
    const url = ctx.url(`/area/${city.street.id}/compounds?${new URLSearchParams(city.query)}`);
    ctx.log(`street-compound-table: GET ${new URL(url).pathname}${new URL(url).search} (${city.street.compounds} compounds), ${REPEATS} sequential requests`);
    const times: number[] = [];
    for (let i = 0; i < WARMUP + REPEATS; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers, redirect: "manual" });
      const html = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200 || !html.includes("<table")) {
        throw new Error(`GET ${url}: expected the compound table, got HTTP ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
      }
      if (i >= WARMUP) times.push(ms);
    }
    const sorted = Float64Array.from(times).sort();
    const p50 = round(percentile(sorted, 50), 2);
    out.push({ bench: "street-compound-table", unit: "ms", value: p50, p50, p95: round(percentile(sorted, 95), 2), n: times.length, limit: city.streetSql.p50 });
  }

  if (ctx.wants("compound-home")) {
    const limit = await staticRoute(ctx);
    const url = ctx.url(`/c/${city.compound.id}`);
    const res = await fetch(url, { headers, redirect: "manual" });
    const html = await res.text();
    if (res.status !== 200 || !html.includes(city.compound.name)) {
      throw new Error(`GET /c/${city.compound.id}: expected the compound home of ${city.compound.name}, got HTTP ${res.status}`);
    }
    ctx.log(`compound-home: GET /c/${city.compound.id} (${city.compound.dwellings} dwellings), ${HTTP_DEFAULTS.connections} connections, ${HTTP_DEFAULTS.duration} s`);
    const r = await load(url, { headers });
    out.push({ bench: "compound-home", unit: "req/s", value: r.rps, p50: r.p50, p95: r.p95, n: r.n, limit: limit.value });
  }
  return out;
}
