import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, roleGrants, users } from "~db/schema";
import { createCityAdmin } from "~/auth/admin-create.server";
import { decryptField, encryptField, lookupHmac } from "~/auth/field-crypto.server";
import { lockDataDir, DataDirLockedError } from "~db/client.server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-01T02:00:00Z");

describe("admin:create @platform", () => {
  it("creates a city administrator at the existing city root, audited, and refuses a second with the same phone or a weak password", async () => {
    const r = await createCityAdmin(h.db, { phone: "13600000001", name: "新管理员", password: "a long enough secret" }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cityId).toBe("city_jiangan");
    const g = await h.db.select().from(roleGrants).where(eq(roleGrants.userId, r.userId));
    expect(g.map((x) => [x.role, x.nodeId])).toEqual([["city_admin", "city_jiangan"]]);
    const a = await h.db.select().from(auditLog).where(eq(auditLog.action, "admin.create"));
    expect(a.length).toBe(1);
    expect(JSON.stringify(a[0].after)).not.toContain("13600000001");
    expect(await createCityAdmin(h.db, { phone: "13600000001", name: "x", password: "a long enough secret" }, T0)).toEqual({ ok: false, reason: "a user with this phone already exists" });
    expect((await createCityAdmin(h.db, { phone: "13600000002", name: "x", password: "12345678" }, T0)).ok).toBe(false);
    expect((await h.db.select().from(users).where(eq(users.phone, "13600000002"))).length).toBe(0);
  });
});

describe("personal fields at rest @platform", () => {
  it("encrypts with AES-256-GCM (random IV, key id), decrypts, and refuses tampering", () => {
    const id = "110101199001011234";
    const a = encryptField(id);
    const b = encryptField(id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(a.split(":")[0]).toBe("v1");
    expect(decryptField(a)).toBe(id);
    const parts = a.split(":");
    const ct = Buffer.from(parts[4], "base64");
    ct[0] ^= 1;
    parts[4] = ct.toString("base64");
    expect(() => decryptField(parts.join(":"))).toThrow();
    expect(lookupHmac(id)).toBe(lookupHmac(` ${id.toLowerCase()} `));
    expect(lookupHmac(id)).not.toContain(id);
  });
});

describe("the embedded database's lock @platform", () => {
  it("refuses a second live owner and takes over a stale lock", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gz-lock-"));
    // A live process other than us (our parent) holds it:
    fs.writeFileSync(path.join(dir, "gongzhi.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    // A dead pid: the lock is stale and taken over.
    fs.writeFileSync(path.join(dir, "gongzhi.lock"), "999999");
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "gongzhi.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "gongzhi.lock"))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
