import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, users } from "~db/schema";
import { createSession } from "~/auth/session.server";
import { loadActiveGrants, type Actor } from "~/auth/guard.server";
import { addGrant, createUser, endGrant, getUserInScope, listUsers, revealPhone } from "~/auth/users.server";
import { UserListSchema } from "~/auth/schema";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-01T02:00:00Z");

async function actorFor(phone: string, reauth = false): Promise<Actor> {
  const user = (await h.db.select().from(users).where(eq(users.phone, phone)))[0];
  const { session } = await createSession(h.db, user.id, T0);
  if (!reauth) session.reauthAt = null;
  return { user, session, grants: await loadActiveGrants(h.db, user.id, T0), ip: "127.0.0.1" };
}
const params = UserListSchema.parse({});

describe("users and grants within scope @platform", () => {
  it("a street officer sees the users of their street only; another street's officer gets nothing", async () => {
    const heping = await actorFor("13800000002");
    const songlin = await actorFor("13800000011");
    const a = await listUsers(h.db, heping, params, T0);
    const names = a.rows.map((r) => r.name);
    expect(names).toContain("张桂兰"); // owner in 和平里一区
    expect(names).not.toContain("郑海燕"); // owner in 松林苑, another street
    expect(a.rows.every((r) => /^\d{3}\*{4}\d{4}$/.test(r.phone))).toBe(true);
    const owner = (await h.db.select().from(users).where(eq(users.phone, "13800000008")))[0];
    expect(await getUserInScope(h.db, songlin, owner.id)).toBeNull();
    expect(await addGrant(h.db, songlin, owner.id, { role: "resident", nodeId: "cp_songlin" }, T0)).toBeNull();
  });

  it("creates a user with a grant, refuses roles above the granter and scopes outside", async () => {
    const officer = await actorFor("13800000002");
    const tooHigh = await createUser(h.db, officer, { name: "甲", phone: "13700000001", role: "street_officer", nodeId: "st_heping" }, T0);
    expect(tooHigh).toEqual({ ok: false, errors: { role: "errors.roleNotGrantable" } });
    const outside = await createUser(h.db, officer, { name: "甲", phone: "13700000001", role: "owner", nodeId: "cp_songlin" }, T0);
    expect(outside).toEqual({ ok: false, errors: { nodeId: "errors.scopeInvalid" } });
    const ok = await createUser(h.db, officer, { name: "甲", phone: "13700000001", role: "owner", nodeId: "cp_hepingli2" }, T0);
    expect(ok.ok).toBe(true);
    const dup = await createUser(h.db, officer, { name: "乙", phone: "13700000001", role: "owner", nodeId: "cp_hepingli2" }, T0);
    expect(dup).toEqual({ ok: false, errors: { phone: "errors.phoneTaken" } });
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(JSON.stringify(audit.map((r) => r.after))).toContain("137****0001");
    expect(JSON.stringify(audit.map((r) => r.after))).not.toContain("13700000001");
  });

  it("ending a grant keeps the row and stops it at once", async () => {
    const officer = await actorFor("13800000002");
    const u = (await h.db.select().from(users).where(eq(users.phone, "13700000001")))[0];
    const before = await loadActiveGrants(h.db, u.id, T0);
    expect(before.length).toBe(1);
    expect(await endGrant(h.db, officer, u.id, before[0].id, T0)).toBe(true);
    expect((await loadActiveGrants(h.db, u.id, T0)).length).toBe(0);
    expect((await getUserInScope(h.db, officer, u.id))!.grants.length).toBe(1);
  });

  it("revealing a phone needs the password again and is audited", async () => {
    const worker = await actorFor("13800000003");
    const owner = (await h.db.select().from(users).where(eq(users.phone, "13800000008")))[0];
    const noPw = await revealPhone(h.db, worker, owner.id, undefined, T0);
    expect(noPw).toEqual({ ok: false, errors: { password: "errors.reauthRequired" } });
    const ok = await revealPhone(h.db, worker, owner.id, "gongzhi-demo", T0);
    expect(ok).toEqual({ ok: true, phone: "13800000008" });
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.action, "person.reveal"));
    expect(rows.map((r) => r.result).sort()).toEqual(["failed", "ok"]);
  });
});

describe("accounts for people without a phone @registry", () => {
  it("gets an 8-digit account number, a reset code handed over in person (audited), and logs in with the number", async () => {
    const worker = await actorFor("13800000003");
    const r = await createUser(h.db, worker, { name: "共用手机的老人", phone: null, role: "resident", nodeId: "cp_hepingli1" }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.accountNo).toMatch(/^\d{8}$/);
    const { issueResetCodeInPerson, resetPassword } = await import("~/auth/account.server");
    const code = await issueResetCodeInPerson(h.db, worker, r.userId, null, T0);
    expect(code).toMatch(/^\d{6}$/);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.action, "auth.reset.issue_in_person"));
    expect(audit.length).toBe(1);
    expect(JSON.stringify({ ...audit[0], id: String(audit[0].id) })).not.toContain(code);
    expect(await resetPassword(h.db, { phone: r.accountNo!, code, newPassword: "grandma's new secret" }, null, T0)).toEqual({ ok: true });
    const { login } = await import("~/auth/login.server");
    const l = await login(h.db, { identifier: r.accountNo!, password: "grandma's new secret", ip: null }, T0);
    expect(l.ok).toBe(true);
  });
});

describe("managing users cannot escalate @platform", () => {
  it("a community worker cannot act on a city administrator who once held an owner grant in the community", async () => {
    const admin = (await h.db.select().from(users).where(eq(users.phone, "13800000001")))[0];
    const { roleGrants } = await import("~db/schema");
    await h.db.insert(roleGrants).values({ id: "grt_old_owner", userId: admin.id, role: "owner", scopeKind: "node", nodeId: "cp_hepingli1", validFrom: new Date("2020-01-01T00:00:00Z"), validTo: new Date("2021-01-01T00:00:00Z"), createdAt: T0 });
    const worker = await actorFor("13800000003");
    const { manageableUser, setUserDisabled } = await import("~/auth/users.server");
    expect(await manageableUser(h.db, worker, admin.id, T0)).toBeNull();
    expect(await setUserDisabled(h.db, worker, admin.id, true, T0)).toBe(false);
    expect(await revealPhone(h.db, worker, admin.id, "gongzhi-demo", T0)).toBeNull();
    expect(await addGrant(h.db, worker, admin.id, { role: "resident", nodeId: "cp_hepingli1" }, T0)).toBeNull();
  });

  it("searching by part of a phone number finds nothing; the whole number finds the user", async () => {
    const officer = await actorFor("13800000002");
    const part = await listUsers(h.db, officer, UserListSchema.parse({ q: "1380000000" }), T0);
    expect(part.total).toBe(0);
    const whole = await listUsers(h.db, officer, UserListSchema.parse({ q: "13800000008" }), T0);
    expect(whole.rows.map((r) => r.name)).toEqual(["张桂兰"]);
  });
});

describe("Party-organisation grants from the user pages @registry", () => {
  it("a street officer grants party_reviewer bound to a community Party committee of the street; not to one outside", async () => {
    const officer = await actorFor("13800000002");
    const r = await createUser(h.db, officer, { name: "社区党委审核人", phone: "13711110000", role: "party_reviewer", nodeId: "po:po_com_qingnian" }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const g = await loadActiveGrants(h.db, r.userId, T0);
    expect(g.map((x) => [x.scopeKind, x.nodeId])).toEqual([["party_org", "com_qingnian"]]);
    expect((await getUserInScope(h.db, officer, r.userId))?.grants[0].nodeName).toBe("青年路社区党支部");
    const outside = await createUser(h.db, officer, { name: "x", phone: "13711110001", role: "party_reviewer", nodeId: "po:po_com_songlin" }, T0);
    expect(outside).toEqual({ ok: false, errors: { nodeId: "errors.scopeInvalid" } });
    const wrongRole = await createUser(h.db, officer, { name: "x", phone: "13711110002", role: "owner", nodeId: "po:po_com_qingnian" }, T0);
    expect(wrongRole).toEqual({ ok: false, errors: { role: "errors.roleNeedsNode" } });
  });
});

describe("Party organisations register @registry", () => {
  it("a city administrator adds a Party organisation covering nodes; unknown nodes are refused", async () => {
    const { createPartyOrg, listPartyOrgs } = await import("~/registry/party-orgs.server");
    const admin = { id: "usr_demo01", name: "周建国" };
    expect(await createPartyOrg(h.db, admin, { kind: "community", name: "测试党支部", nodeIds: ["no_such_node"] }, T0)).toEqual({ ok: false, errors: { nodeIds: "errors.scopeInvalid" } });
    const r = await createPartyOrg(h.db, admin, { kind: "community", name: "测试党支部", parentId: "po_st_heping", nodeIds: ["com_qingnian", "com_hepingli"] }, T0);
    expect(r.ok).toBe(true);
    const list = await listPartyOrgs(h.db, T0);
    const added = list.find((o) => o.name === "测试党支部")!;
    expect(added.parent).toBe("和平街道党工委");
    expect(added.nodes.sort()).toEqual(["和平里社区", "青年路社区"].sort());
  });
});
