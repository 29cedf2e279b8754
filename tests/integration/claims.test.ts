import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { owners, smsOutbox, units, users } from "~db/schema";
import { startSignup, resetPassword } from "~/auth/account.server";
import { loadActiveGrants } from "~/auth/guard.server";
import { compoundClaims, decideClaim, maskName, myUnits, submitClaim } from "~/registry/claims.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-02T01:00:00Z");
const worker = { id: "usr_demo03", name: "王芳" };

describe("sign-up and unit claims @registry", () => {
  it("masks names", () => {
    expect(maskName("张桂兰")).toBe("张*兰");
    expect(maskName("王芳")).toBe("王*");
    expect(maskName("欧阳建国")).toBe("欧**国");
  });

  it("signs up by SMS code, claims a unit, is verified by the community worker and becomes its owner", async () => {
    await startSignup(h.db, { phone: "13312345678", name: "新来的业主" }, null, T0);
    const sms = (await h.db.select().from(smsOutbox).where(eq(smsOutbox.phone, "13312345678")))[0];
    const code = /(\d{6})/.exec(sms.body)![1];
    expect(await resetPassword(h.db, { phone: "13312345678", code, newPassword: "my first password" }, null, T0)).toEqual({ ok: true });
    const user = (await h.db.select().from(users).where(eq(users.phone, "13312345678")))[0];
    expect(await loadActiveGrants(h.db, user.id, T0)).toEqual([]);

    const unit = (await h.db.select().from(units).where(eq(units.id, "unt_cp_hepingli2_7")))[0];
    const r = await submitClaim(h.db, user, { compoundId: "cp_hepingli2", buildingId: unit.buildingId, number: unit.number, certificateNo: unit.certificateNo! }, T0);
    expect(r).toMatchObject({ ok: true, status: "pending" });
    expect((await submitClaim(h.db, user, { compoundId: "cp_hepingli2", buildingId: unit.buildingId, number: unit.number, certificateNo: "x" }, T0)).ok).toBe(false);
    expect((await submitClaim(h.db, user, { compoundId: "cp_hepingli2", buildingId: unit.buildingId, number: "不存在", certificateNo: "x" }, T0))).toEqual({ ok: false, errors: { number: "errors.unitNotFound" } });

    const list = await compoundClaims(h.db, "cp_hepingli2", "2026-03-02");
    const mine = list.find((c) => c.claimant === "新来的业主")!;
    expect(mine.certificateMatches).toBe(true);
    expect(mine.claimantPhone).toBe("133****5678");
    const ownerId = mine.owners[0].id;
    // Another compound cannot decide it.
    expect(await decideClaim(h.db, worker, "cp_songlin", mine.id, { decision: "verify" }, T0)).toBeNull();
    expect(await decideClaim(h.db, worker, "cp_hepingli2", mine.id, { decision: "reject" }, T0)).toEqual({ ok: false, errors: { reason: "errors.required" } });
    expect(await decideClaim(h.db, worker, "cp_hepingli2", mine.id, { decision: "verify", ownerId }, T0)).toEqual({ ok: true });
    const g = await loadActiveGrants(h.db, user.id, T0);
    expect(g.map((x) => [x.role, x.nodeId])).toEqual([["owner", "cp_hepingli2"]]);
    expect((await h.db.select().from(owners).where(eq(owners.id, ownerId)))[0].userId).toBe(user.id);
    const units2 = await myUnits(h.db, user.id, "cp_hepingli2", "2026-03-02");
    expect(units2.map((u) => u.unitId)).toEqual(["unt_cp_hepingli2_7"]);

    // A second person claiming the same, already verified unit makes a dispute.
    await startSignup(h.db, { phone: "13312345679", name: "另一个人" }, null, T0);
    const other = (await h.db.select().from(users).where(eq(users.phone, "13312345679")))[0];
    const d = await submitClaim(h.db, other, { compoundId: "cp_hepingli2", buildingId: unit.buildingId, number: unit.number, certificateNo: "假证号" }, T0);
    expect(d).toMatchObject({ ok: true, status: "disputed" });
    const after = await compoundClaims(h.db, "cp_hepingli2", "2026-03-02");
    expect(after[0].status).toBe("disputed");
    expect(after[0].certificateMatches).toBe(false);
  });

  it("signing up with a phone that already has an account creates nothing new", async () => {
    const before = await h.db.select().from(users).where(and(eq(users.phone, "13800000008")));
    await startSignup(h.db, { phone: "13800000008", name: "冒名" }, null, T0);
    const after = await h.db.select().from(users).where(eq(users.phone, "13800000008"));
    expect(after).toEqual(before);
  });
});

describe("claims cannot be abused @registry", () => {
  it("a verifier cannot verify their own claim, nor link an owner of another unit", async () => {
    const committee = (await h.db.select().from(users).where(eq(users.phone, "13800000006")))[0];
    const unit = (await h.db.select().from(units).where(eq(units.id, "unt_cp_hepingli1_20")))[0];
    const own = await submitClaim(h.db, committee, { compoundId: "cp_hepingli1", buildingId: unit.buildingId, number: unit.number, certificateNo: "x" }, T0);
    if (!own.ok) throw new Error("claim failed");
    expect(await decideClaim(h.db, { id: committee.id, name: committee.name }, "cp_hepingli1", own.id, { decision: "verify" }, T0)).toEqual({ ok: false, errors: { _form: "errors.ownClaim" } });
    const otherOwner = (await compoundClaims(h.db, "cp_hepingli1", "2026-03-02")).length; // just to load
    expect(otherOwner).toBeGreaterThan(0);
    const foreign = (await h.db.select().from(owners).where(eq(owners.id, "own_cp_hepingli1_30")))[0];
    expect(await decideClaim(h.db, worker, "cp_hepingli1", own.id, { decision: "verify", ownerId: foreign.id }, T0)).toEqual({ ok: false, errors: { _form: "errors.ownerNotOfUnit" } });
    expect(await decideClaim(h.db, worker, "cp_hepingli1", own.id, { decision: "verify" }, T0)).toEqual({ ok: true });
    expect(await decideClaim(h.db, worker, "cp_hepingli1", own.id, { decision: "reject", reason: "x" }, T0)).toEqual({ ok: false, errors: { _form: "errors.claimDecided" } });
  });
});
