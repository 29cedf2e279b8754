import type { BenchContext, Figure } from "./lib/types";
import { BROWSER_HEADERS, HTTP_DEFAULTS, load, staticRoute } from "./lib/http";

// HTTP throughput of the running app server, under autocannon on loopback.
//   static-route  req/s of GET /favicon.svg (express.static): the most direct thing the server can answer
//   login-page    req/s of GET /login (server-rendered Remix page), limit = static-route of the same run

export const name = "http";
export const figures = ["static-route", "login-page"];

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const out: Figure[] = [];
  // Always measured: it is login-page's limit.
  const limit = await staticRoute(ctx);
  out.push(limit);

  if (ctx.wants("login-page")) {
    const url = ctx.url("/login");
    const res = await fetch(url, { headers: BROWSER_HEADERS });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("<form")) throw new Error(`GET /login: expected the login form, got HTTP ${res.status}`);
    ctx.log(`login-page: GET /login, ${HTTP_DEFAULTS.connections} connections, ${HTTP_DEFAULTS.duration} s`);
    const r = await load(url);
    out.push({ bench: "login-page", unit: "req/s", value: r.rps, p50: r.p50, p95: r.p95, n: r.n, limit: limit.value });
  }
  return out;
}
