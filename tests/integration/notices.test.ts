import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "~db/schema";
import { listNotices, publishNotice, readNotice, takeDownNotice } from "~/notices/notices.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-02T01:00:00Z");
const H = 3600_000;
/** The demo compound also carries its seeded decisions' notices; these tests look at hand-posted ones. */
const manual = <T extends { sourceKind: string }>(list: T[]) => list.filter((n) => n.sourceKind === "manual");

describe("the notice board @registry", () => {
  it("publishes now or later, counts each reader once, and a taken-down notice leaves the residents' board", async () => {
    const actor = { id: "usr_demo03", name: "王芳" };
    const now = await publishNotice(h.db, actor, { compoundId: "cp_hepingli1", title: "停水通知", body: "3月5日停水。" }, T0);
    const later = await publishNotice(h.db, actor, { compoundId: "cp_hepingli1", title: "下周公告", body: "x", publishAt: new Date(T0.getTime() + 48 * H) }, T0);
    const resident = manual(await listNotices(h.db, "cp_hepingli1", T0, { staff: false }));
    expect(resident.map((n) => n.id)).toEqual([now]);
    const staff = manual(await listNotices(h.db, "cp_hepingli1", T0, { staff: true }));
    expect(staff.map((n) => [n.id, n.state])).toEqual([
      [later, "scheduled"],
      [now, "up"],
    ]);
    expect(await readNotice(h.db, "cp_hepingli1", later, "usr_demo08", T0, false)).toBeNull();
    await readNotice(h.db, "cp_hepingli1", now, "usr_demo08", T0, false);
    await readNotice(h.db, "cp_hepingli1", now, "usr_demo08", T0, false);
    const r = await readNotice(h.db, "cp_hepingli1", now, "usr_demo09", T0, false);
    expect(r?.reads).toBe(2);
    // Another compound's id does not find it.
    expect(await readNotice(h.db, "cp_songlin", now, "usr_demo10", T0, false)).toBeNull();
    expect(await takeDownNotice(h.db, actor, "cp_hepingli1", now, new Date(T0.getTime() + H))).toBe(true);
    expect(manual(await listNotices(h.db, "cp_hepingli1", new Date(T0.getTime() + 2 * H), { staff: false })).length).toBe(0);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.targetId, now));
    expect(audit.map((a) => a.action)).toEqual(["notice.publish", "notice.take_down"]);
    expect(audit[0].scopePath).toBe("/city_jiangan/dist_donghu/st_heping/com_hepingli/cp_hepingli1/");
  });
});
