import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, owners, units } from "~db/schema";
import { addOwnership, createBuilding, createOwner, createUnit, deleteUnit, endOwnership, getUnit, updateUnit } from "~/registry/maintain.server";
import { UnitSchema, OwnerSchema } from "~/registry/schema";
import { decryptField } from "~/auth/field-crypto.server";
import { compoundRoll } from "~/registry/roll.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-02T01:00:00Z");
const actor = { id: "usr_demo03", name: "王芳" };

describe("registry maintenance @registry", () => {
  it("refuses bad areas before anything is written", () => {
    const base = { buildingId: "b", number: "测试101", kind: "dwelling", areaSource: "register" };
    expect(UnitSchema.safeParse({ ...base, area: "85.234" }).error?.issues[0].message).toBe("errors.areaDecimals");
    expect(UnitSchema.safeParse({ ...base, area: "0" }).error?.issues[0].message).toBe("errors.areaPositive");
    expect(UnitSchema.safeParse({ ...base, area: "-3" }).error?.issues[0].message).toBe("errors.areaPositive");
    expect(UnitSchema.safeParse({ ...base, area: "85.23" }).data?.area).toBe(8523);
    expect(OwnerSchema.safeParse({ kind: "person", name: "x", idNumber: "110101199001011235" }).error?.issues[0].message).toBe("errors.idNumberInvalid");
  });

  it("creates a building and a unit; a repeated unit number in the building is refused", async () => {
    const b = await createBuilding(h.db, actor, "cp_qingnian", { name: "9号楼", floors: 6 }, T0);
    expect(b.ok).toBe(true);
    expect(await createBuilding(h.db, actor, "cp_qingnian", { name: "9号楼" }, T0)).toEqual({ ok: false, errors: { name: "errors.buildingExists" } });
    if (!b.ok) return;
    const input = { buildingId: b.id, number: "测试101", kind: "dwelling" as const, area: 8523, areaSource: "register" as const };
    const u = await createUnit(h.db, actor, "cp_qingnian", input, T0);
    expect(u.ok).toBe(true);
    expect(await createUnit(h.db, actor, "cp_qingnian", input, T0)).toEqual({ ok: false, errors: { number: "errors.unitNumberTaken" } });
    // Another compound's building is not found.
    expect((await createUnit(h.db, actor, "cp_songlin", { ...input, number: "x" }, T0)).ok).toBe(false);
  });

  it("registers owners (ID encrypted, audit masked), transfers by ending and adding, and never deletes a unit with history", async () => {
    const unit = (await h.db.select().from(units).where(eq(units.number, "测试101")))[0];
    const ownerId = await createOwner(h.db, actor, "cp_qingnian", { kind: "person", name: "新业主", phone: "13512345678", idNumber: "11010119900101123X" }, T0);
    const row = (await h.db.select().from(owners).where(eq(owners.id, ownerId)))[0];
    expect(row.idNumberEnc).not.toContain("11010119900101123X");
    expect(decryptField(row.idNumberEnc!)).toBe("11010119900101123X");
    const audit = (await h.db.select().from(auditLog).where(eq(auditLog.targetId, ownerId)))[0];
    expect(JSON.stringify(audit.after)).toContain("110***********123X");
    expect(JSON.stringify(audit.after)).not.toContain("13512345678");
    expect(await addOwnership(h.db, actor, "cp_qingnian", unit.id, { ownerId, developerUnsold: false, validFrom: "2026-01-01", nominatedVoter: false }, T0)).toEqual({ ok: true });
    const u = await getUnit(h.db, "cp_qingnian", unit.id);
    const osh = u!.history[0].ownership.id;
    expect(await endOwnership(h.db, actor, "cp_qingnian", unit.id, osh, "2025-12-31", T0)).toEqual({ ok: false, errors: { validTo: "errors.validToBeforeFrom" } });
    expect(await endOwnership(h.db, actor, "cp_qingnian", unit.id, osh, "2026-03-01", T0)).toEqual({ ok: true });
    expect(await addOwnership(h.db, actor, "cp_qingnian", unit.id, { ownerId: null, developerUnsold: true, validFrom: "2026-03-01", nominatedVoter: false }, T0)).toEqual({ ok: true });
    const feb = (await compoundRoll(h.db, "cp_qingnian", "2026-02-15")).find((e) => e.unit === unit.id)!;
    const mar = (await compoundRoll(h.db, "cp_qingnian", "2026-03-15")).find((e) => e.unit === unit.id)!;
    expect(feb.owners).toEqual([ownerId]);
    expect(mar.developerUnsold).toBe(true);
    expect(await deleteUnit(h.db, actor, "cp_qingnian", unit.id, T0)).toEqual({ ok: false, errors: { _form: "errors.unitHasHistory" } });
    expect((await h.db.select().from(units).where(eq(units.id, unit.id))).length).toBe(1);
  });

  it("updates a unit's area with before/after in the audit log, and deletes a unit without history", async () => {
    const unit = (await h.db.select().from(units).where(eq(units.number, "测试101")))[0];
    const r = await updateUnit(h.db, actor, "cp_qingnian", unit.id, { buildingId: unit.buildingId, number: unit.number, kind: "dwelling", area: 9000, areaSource: "survey" }, T0);
    expect(r).toEqual({ ok: true });
    const a = (await h.db.select().from(auditLog).where(eq(auditLog.action, "registry.unit.update")))[0];
    expect((a.before as { areaCenti: number }).areaCenti).toBe(8523);
    expect((a.after as { areaCenti: number }).areaCenti).toBe(9000);
    expect(await updateUnit(h.db, actor, "cp_songlin", unit.id, { buildingId: unit.buildingId, number: "x", kind: "dwelling", area: 1, areaSource: "survey" }, T0)).toBeNull();
    const fresh = await createUnit(h.db, actor, "cp_qingnian", { buildingId: unit.buildingId, number: "空房", kind: "parking", area: 1250, areaSource: "contract" }, T0);
    if (!fresh.ok) throw new Error("create failed");
    expect(await deleteUnit(h.db, actor, "cp_qingnian", fresh.id, T0)).toEqual({ ok: true });
  });
});

describe("buildings and residents @registry", () => {
  it("renames a building (a taken name is refused) and ends a residency without deleting it", async () => {
    const { renameBuilding } = await import("~/registry/maintain.server");
    const { addResident, endResident, listResidents } = await import("~/registry/areas.server");
    expect(await renameBuilding(h.db, actor, "cp_xinhua2", "bld_cp_xinhua2_1", "2号楼", T0)).toEqual({ ok: false, errors: { name: "errors.buildingExists" } });
    expect(await renameBuilding(h.db, actor, "cp_xinhua2", "bld_cp_xinhua2_1", "一号楼", T0)).toEqual({ ok: true });
    expect(await renameBuilding(h.db, actor, "cp_songlin", "bld_cp_xinhua2_1", "x", T0)).toBeNull();
    expect(await addResident(h.db, actor, "cp_xinhua2", "unt_cp_xinhua2_1", { name: "租客", relation: "tenant", validFrom: "2025-01-01" }, T0)).toBe(true);
    const [r] = await listResidents(h.db, "cp_xinhua2", "unt_cp_xinhua2_1");
    expect(await endResident(h.db, actor, "cp_xinhua2", "unt_cp_xinhua2_1", r.id, "2024-12-31", T0)).toEqual({ ok: false, errors: { validTo: "errors.validToBeforeFrom" } });
    expect(await endResident(h.db, actor, "cp_xinhua2", "unt_cp_xinhua2_1", r.id, "2026-02-01", T0)).toEqual({ ok: true });
    expect((await listResidents(h.db, "cp_xinhua2", "unt_cp_xinhua2_1"))[0].validTo).toBe("2026-02-01");
  });
});

describe("owner roll @registry", () => {
  it("lists owners with masked phones and corrects one, keeping the phone and ID when left blank", async () => {
    const { ownerList, updateOwner, getOwner } = await import("~/registry/maintain.server");
    const list = await ownerList(h.db, "cp_xinhua2", "2026-03-02");
    expect(list.length).toBeGreaterThan(50);
    expect(list.every((o) => o.phone === "" || /^\d{3}\*{4}\d{4}$/.test(o.phone))).toBe(true);
    const o = list[0];
    const before = await getOwner(h.db, "cp_xinhua2", o.id);
    expect(await updateOwner(h.db, actor, "cp_xinhua2", o.id, { kind: "person", name: "更正后的名字" }, T0)).toBe(true);
    const after = await getOwner(h.db, "cp_xinhua2", o.id);
    expect(after?.name).toBe("更正后的名字");
    expect(after?.phone).toBe(before?.phone);
    expect(await updateOwner(h.db, actor, "cp_songlin", o.id, { kind: "person", name: "x" }, T0)).toBe(false);
  });
});
