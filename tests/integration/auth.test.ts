import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog, roleGrants, sessions, users } from "~db/schema";
import { login, LOGIN_MAX_PER_ACCOUNT } from "~/auth/login.server";
import { createSession, invalidateSession, validateSessionToken } from "~/auth/session.server";
import { hashPassword } from "~/auth/password.server";
import { loadActiveGrants } from "~/auth/guard.server";
import { SESSION_IDLE_MS } from "~/auth/rules";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-01T02:00:00Z");

describe("passwords @platform", () => {
  it("stores argon2id with m=19456, t=2, p=1 (security.md item 1)", async () => {
    const phc = await hashPassword("a fine long password");
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(phc);
    expect(m).not.toBeNull();
    expect(m!.slice(1).map(Number)).toEqual([19456, 2, 1]);
    const seeded = (await h.db.select().from(users).where(eq(users.phone, "13800000001")))[0];
    expect(seeded.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("login @platform", () => {
  it("logs in with phone + password and creates a session", async () => {
    const r = await login(h.db, { identifier: "13800000002", password: "gongzhi-demo", ip: "10.0.0.1" }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = await validateSessionToken(h.db, r.token, T0);
    expect(v?.user.phone).toBe("13800000002");
  });

  it("answers an unknown phone exactly as a wrong password", async () => {
    const a = await login(h.db, { identifier: "13912345678", password: "whatever-pass", ip: "10.0.0.2" }, T0);
    const b = await login(h.db, { identifier: "13800000003", password: "wrong-password", ip: "10.0.0.2" }, T0);
    expect(a).toEqual({ ok: false, reason: "INVALID" });
    expect(b).toEqual({ ok: false, reason: "INVALID" });
  });

  it("refuses the 6th attempt after 5 failures within 15 minutes, even with the right password", async () => {
    const phone = "13800000004";
    for (let i = 0; i < LOGIN_MAX_PER_ACCOUNT; i++) {
      const r = await login(h.db, { identifier: phone, password: "wrong-password", ip: `10.1.0.${i}` }, new Date(T0.getTime() + i * 60_000));
      expect(r).toEqual({ ok: false, reason: "INVALID" });
    }
    const sixth = await login(h.db, { identifier: phone, password: "gongzhi-demo", ip: "10.1.0.9" }, new Date(T0.getTime() + 6 * 60_000));
    expect(sixth.ok).toBe(false);
    expect(sixth.ok === false && sixth.reason).toBe("LOCKED");
    // 15 minutes after the first failure the door opens again.
    const later = await login(h.db, { identifier: phone, password: "gongzhi-demo", ip: "10.1.0.9" }, new Date(T0.getTime() + 15 * 60_000 + 1));
    expect(later.ok).toBe(true);
  });

  it("audits successes and failures without the password", async () => {
    const rows = (await h.db.select().from(auditLog).where(eq(auditLog.action, "auth.login"))).map((r) => ({ ...r, id: String(r.id) }));
    expect(rows.some((r) => r.result === "ok")).toBe(true);
    expect(rows.some((r) => r.result === "failed")).toBe(true);
    expect(JSON.stringify(rows)).not.toContain("wrong-password");
    expect(JSON.stringify(rows)).not.toContain("13912345678");
  });
});

describe("sessions @platform", () => {
  it("stores no usable token: only the id and SHA-256 of the secret", async () => {
    const user = (await h.db.select().from(users).where(eq(users.phone, "13800000005")))[0];
    const { token } = await createSession(h.db, user.id, T0);
    const [id, secret] = token.split(".");
    const row = (await h.db.select().from(sessions).where(eq(sessions.id, id)))[0];
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    // The row's contents alone do not make a valid token.
    expect(await validateSessionToken(h.db, `${row.id}.${row.secretHash}`, T0)).toBeNull();
    expect(await validateSessionToken(h.db, `${id}.${secret}x`, T0)).toBeNull();
    expect(await validateSessionToken(h.db, token, T0)).not.toBeNull();
  });

  it("expires after the idle timeout and is refused after logout", async () => {
    const user = (await h.db.select().from(users).where(eq(users.phone, "13800000005")))[0];
    const a = await createSession(h.db, user.id, T0);
    expect(await validateSessionToken(h.db, a.token, new Date(T0.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
    const b = await createSession(h.db, user.id, T0);
    await invalidateSession(h.db, b.session.id);
    expect(await validateSessionToken(h.db, b.token, T0)).toBeNull();
  });
});

describe("grants @platform", () => {
  it("an expired grant needs no job: it is simply not loaded", async () => {
    const user = (await h.db.select().from(users).where(eq(users.phone, "13800000006")))[0];
    await h.db.insert(roleGrants).values({
      id: "grt_test_exp",
      userId: user.id,
      role: "resident",
      scopeKind: "node",
      nodeId: "cp_hepingli2",
      validFrom: new Date("2026-01-01T00:00:00Z"),
      validTo: new Date("2026-02-01T00:00:00Z"),
      createdAt: T0,
    });
    const during = await loadActiveGrants(h.db, user.id, new Date("2026-01-15T00:00:00Z"));
    const after = await loadActiveGrants(h.db, user.id, new Date("2026-02-01T00:00:00Z"));
    expect(during.map((g) => g.id)).toContain("grt_test_exp");
    expect(after.map((g) => g.id)).not.toContain("grt_test_exp");
  });
});

describe("Party-organisation grants @registry", () => {
  it("a party_reviewer bound to a community Party committee covers the nodes that committee covers", async () => {
    const user = (await h.db.select().from(users).where(eq(users.phone, "13800000004")))[0];
    const g = await loadActiveGrants(h.db, user.id, T0);
    expect(g.map((x) => [x.role, x.scopeKind, x.nodeId])).toEqual([["party_reviewer", "party_org", "com_hepingli"]]);
    const { can } = await import("~/auth/permissions");
    expect(can(g, "area:view", "/city_jiangan/dist_donghu/st_heping/com_hepingli/cp_hepingli1/")).toBe(true);
    expect(can(g, "area:view", "/city_jiangan/dist_donghu/st_heping/com_qingnian/")).toBe(false);
  });
});

describe("audit log @platform", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const cause = (p: Promise<unknown>) => p.then(() => "no error", (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await cause(h.db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    expect(await cause(h.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(Number((await h.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n)).toBeGreaterThan(0);
  });
});
