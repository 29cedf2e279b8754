import path from "node:path";
import { pathToFileURL } from "node:url";
import { request as pwRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { stateFile } from "./accounts";

/**
 * security.md item 10: every route in the Remix route manifest is walked — so a route added later is walked
 * too — anonymously (→ /login, unless on the public list) and as an owner of another compound (→ 404 for
 * any route that names a record of compound 和平里一区 or its area).
 */
// The payment provider's callback is a machine endpoint: no session, verified by its signature instead.
const PUBLIC = new Set(["/login", "/logout", "/forgot", "/reset", "/signup", "/healthz", "/prefs", "/dev/outbox", "/api/pay/sandbox/callback"]);

/** A record of 和平里一区 (cp_hepingli1) or its area for each route parameter. */
const PARAMS: Record<string, string> = {
  nodeId: "st_heping",
  compoundId: "cp_hepingli1",
  userId: "usr_demo08",
  decisionId: "dec_demo_closed",
};

type RouteInfo = { id: string; path: string; hasParams: boolean; hasAction: boolean; hasLoader: boolean };

async function manifestRoutes(): Promise<RouteInfo[]> {
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  const routes = build.routes as Record<string, { id: string; path?: string; parentId?: string; index?: boolean; module: { loader?: unknown; action?: unknown; default?: unknown } }>;
  const full = (id: string): string => {
    const r = routes[id];
    const own = r.path ?? "";
    const parent = r.parentId ? full(r.parentId) : "";
    return [parent, own].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  const out: RouteInfo[] = [];
  for (const r of Object.values(routes)) {
    if (r.id === "root") continue;
    // Layout routes with children are reached through their children.
    if (!r.index && Object.values(routes).some((c) => c.parentId === r.id && c.index)) continue;
    const raw = "/" + full(r.id);
    const hasParams = /:/.test(raw);
    const p = raw.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? "unknown-id").replace(/\/$/, "") || "/";
    out.push({ id: r.id, path: p, hasParams, hasAction: !!r.module.action, hasLoader: !!r.module.loader });
  }
  return out;
}

async function ctxFor(baseURL: string, key?: string): Promise<APIRequestContext> {
  return pwRequest.newContext({ baseURL, storageState: key ? stateFile(key) : undefined });
}

test.describe("route guard", () => {
  test("@platform every route: anonymous → /login unless public; another compound's owner → 404", async ({ baseURL }) => {
    // Three requests for each of 60-odd routes, one after another: more than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    const routes = await manifestRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const anon = await ctxFor(baseURL!);
    const other = await ctxFor(baseURL!, "owner:other");
    const failures: string[] = [];
    for (const r of routes) {
      const a = await anon.get(r.path, { maxRedirects: 0 });
      if (PUBLIC.has(r.path)) {
        if (a.status() >= 500) failures.push(`anon GET ${r.path} → ${a.status()}`);
      } else if (![302, 303].includes(a.status()) || !(a.headers()["location"] ?? "").startsWith("/login")) {
        failures.push(`anon GET ${r.path} → ${a.status()} ${a.headers()["location"] ?? ""} (route ${r.id} must authorise or be public)`);
      }
      if (r.hasParams) {
        const o = await other.get(r.path, { maxRedirects: 0 });
        if (o.status() !== 404) failures.push(`other owner GET ${r.path} → ${o.status()}`);
        if (r.hasAction) {
          const p = await other.post(r.path, { form: { intent: "grant" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
          if (p.status() !== 404) failures.push(`other owner POST ${r.path} → ${p.status()}`);
        }
      } else {
        const o = await other.get(r.path, { maxRedirects: 0 });
        if (o.status() >= 500) failures.push(`other owner GET ${r.path} → ${o.status()}`);
      }
    }
    expect(failures).toEqual([]);
    await anon.dispose();
    await other.dispose();
  });

  test("@platform the compound home: 200 in scope, /login anonymous, 404 for another compound's owner", async ({ baseURL }) => {
    const mine = await ctxFor(baseURL!, "owner");
    const other = await ctxFor(baseURL!, "owner:other");
    const anon = await ctxFor(baseURL!);
    expect((await mine.get("/c/cp_hepingli1", { maxRedirects: 0 })).status()).toBe(200);
    expect((await anon.get("/c/cp_hepingli1", { maxRedirects: 0 })).headers()["location"]).toBe("/login?next=%2Fc%2Fcp_hepingli1");
    const res = await other.get("/c/cp_hepingli1", { maxRedirects: 0 });
    expect(res.status()).toBe(404);
    expect(await res.text()).not.toContain("和平里一区");
    expect((await other.get("/c/no_such_compound", { maxRedirects: 0 })).status()).toBe(404);
    for (const c of [mine, other, anon]) await c.dispose();
  });

  test("@platform a POST from another origin gets 403 and changes nothing", async ({ baseURL }) => {
    const ctx = await ctxFor(baseURL!, "street_officer");
    const before = await ctx.get("/admin/users?q=跨站");
    expect(await before.text()).not.toContain("跨站测试");
    const res = await ctx.post("/admin/users/new", {
      form: { name: "跨站测试", phone: "13711112222", role: "owner", nodeId: "cp_hepingli2" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    const after = await ctx.get("/admin/users?q=跨站");
    expect(await after.text()).not.toContain("跨站测试");
    // Without any origin information the request is refused too.
    const bare = await ctx.post("/prefs", { form: { locale: "en" }, maxRedirects: 0 });
    expect(bare.status()).toBe(403);
    await ctx.dispose();
  });

  test("@platform security headers and health", async ({ request }) => {
    const res = await request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["content-security-policy"]).toContain("base-uri 'none'");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("form-action 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"]).toBeUndefined();
    expect(h["cache-control"]).toBe("no-store");
    const health = await request.get("/healthz");
    const body = await health.json();
    expect(body.ok).toBe(true);
    expect(["pglite", "postgres"]).toContain(body.db);
    expect(body.migrations).toBeGreaterThanOrEqual(2);
  });

  test("@platform the session cookie is HttpOnly, SameSite=Lax, Path=/", async ({ request, baseURL }) => {
    const res = await request.post("/login", { form: { phone: "13800000006", password: "gongzhi-demo" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    const cookie = res.headersArray().find((x) => x.name.toLowerCase() === "set-cookie" && x.value.startsWith("gz_session="))!.value;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http in demo mode
  });

  test("@platform unknown pages get a friendly 404 page", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "找不到这个页面" })).toBeVisible();
  });
});
