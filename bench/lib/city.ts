import { openDb, migrateDb, type DbHandle } from "~db/client.server";
import { createCityAdmin } from "~/auth/admin-create.server";
import { listCompounds } from "~/registry/list-compounds.server";
import { CompoundListSchema } from "~/registry/schema";
import { planCity, progressBar, seedCity, cityRowCounts, type CityProgress } from "~seeds/city-gen";
import { percentile, round } from "./http";
import type { SetupContext } from "./types";

/** The city-scale registry the benchmarks share: seeded once per run, before the app server starts. */
export type BenchCity = {
  /** The street whose compound table is measured (the street with the most compounds) and its path. */
  street: { id: string; path: string; compounds: number };
  /** The compound whose home page is measured (the largest one). */
  compound: { id: string; name: string; dwellings: number };
  /** A city administrator created for the benchmark (the demo accounts are not seeded with the city). */
  admin: { phone: string; password: string };
  /** p50/p95 ms of listCompounds(street, sort=units desc) called directly on the database, before the server started. */
  streetSql: { p50: number; p95: number; n: number };
  /** The compound table's parameters: the same for the SQL alone and the page. */
  query: { sort: "units"; dir: "desc" };
  seconds: number;
  rows: Record<string, number>;
};

export const BENCH_ADMIN = { phone: "13900009999", name: "基准测试管理员", password: "bench city admin 2025" } as const;
const QUERY = { sort: "units", dir: "desc" } as const;
/** Repetitions of the SQL-alone measurement (after warm-up). */
export const SQL_REPEATS = 50;
export const SQL_WARMUP = 5;

/** The shared city. Call it from `prepare` (which seeds it); from `run` it only returns what prepare made. */
export function benchCity(ctx: SetupContext, { seed }: { seed: boolean }): Promise<BenchCity> {
  return ctx.once("city", () => {
    if (!seed) return Promise.reject(new Error("the city is seeded before the server starts: call benchCity from prepare"));
    return seedBenchCity(ctx);
  });
}

async function seedBenchCity(ctx: SetupContext): Promise<BenchCity> {
  const plan = planCity();
  const byParent = new Map<string, number>();
  const parentOf = new Map(plan.nodes.map((n) => [n.id, n.parentId]));
  for (const n of plan.nodes) if (n.kind === "compound") {
    const street = parentOf.get(n.parentId!)!;
    byParent.set(street, (byParent.get(street) ?? 0) + 1);
  }
  const [streetId, streetCompounds] = [...byParent].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const street = plan.nodes.find((n) => n.id === streetId)!;
  const largest = [...plan.specs].sort((a, b) => b.dwellings - a.dwellings || a.id.localeCompare(b.id))[0];
  const compoundNode = plan.nodes.find((n) => n.id === largest.id)!;

  const h: DbHandle =
    ctx.db.kind === "postgres" ? await openDb({ kind: "postgres", url: ctx.db.url, max: 2 }) : await openDb({ kind: "pglite", dataDir: ctx.dataDir });
  try {
    await migrateDb(h);
    ctx.log(`city: seeding ${plan.specs.length} compounds into ${ctx.db.kind === "postgres" ? ctx.db.name : "PGlite"}…`);
    let last = 0;
    const r = await seedCity(h.db, {
      onProgress: (p: CityProgress) => {
        if (p.compounds === p.totalCompounds || Date.now() - last > 15_000) {
          last = Date.now();
          ctx.log(`city: ${progressBar(p, 20)}`);
        }
      },
    });
    const made = await createCityAdmin(h.db, { ...BENCH_ADMIN }, new Date());
    if (!made.ok) throw new Error(`could not create the benchmark's city administrator: ${made.reason}`);
    const rows = await cityRowCounts(h.db);
    ctx.log(`city: seeded in ${(r.ms / 1000).toFixed(1)} s: ${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(", ")}`);

    // The limit of street-compound-table: the page's query alone, on the same database, in this process.
    const params = CompoundListSchema.parse(QUERY);
    const times: number[] = [];
    for (let i = 0; i < SQL_WARMUP + SQL_REPEATS; i++) {
      const t0 = performance.now();
      const res = await listCompounds(h.db, street.path, params, "2026-03-02");
      const ms = performance.now() - t0;
      if (res.total !== streetCompounds) throw new Error(`listCompounds(${street.path}) found ${res.total} compounds, expected ${streetCompounds}`);
      if (i >= SQL_WARMUP) times.push(ms);
    }
    const sorted = Float64Array.from(times).sort();
    const streetSql = { p50: round(percentile(sorted, 50), 2), p95: round(percentile(sorted, 95), 2), n: times.length };
    ctx.log(`city: listCompounds(${street.id}) alone: p50 ${streetSql.p50} ms, p95 ${streetSql.p95} ms`);
    return {
      street: { id: street.id, path: street.path, compounds: streetCompounds },
      compound: { id: largest.id, name: compoundNode.name, dwellings: largest.dwellings },
      admin: { phone: BENCH_ADMIN.phone, password: BENCH_ADMIN.password },
      streetSql,
      query: QUERY,
      seconds: round(r.ms / 1000, 1),
      rows,
    };
  } finally {
    await h.close();
  }
}

/** Log in over HTTP as the benchmark's city administrator; returns the Cookie header value. */
export async function loginCookie(baseUrl: string, admin: { phone: string; password: string }): Promise<string> {
  const res = await fetch(new URL("/login", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ phone: admin.phone, password: admin.password }).toString(),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("gz_session="));
  if (res.status !== 303 || !session) throw new Error(`POST /login as the city administrator: expected 303 with gz_session, got HTTP ${res.status}`);
  return session;
}
