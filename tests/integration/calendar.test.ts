import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "~db/client.server";
import { auditLog, calendarDays, users } from "~db/schema";
import { createSession } from "~/auth/session.server";
import { loadActiveGrants, type Actor } from "~/auth/guard.server";
import { listCalendarYear, loadCalendar, removeCalendarDay, setCalendarDay } from "~/platform/calendar.server";
import { isRestDay, periodEnd } from "~/platform/days";
import { HOLIDAYS, seedHolidays } from "~seeds/holidays";
import { testDb } from "../support/db";

let h: DbHandle;
const T0 = new Date("2026-03-01T02:00:00Z");
beforeAll(async () => {
  h = await testDb();
  // The demo seed does not hold the calendar (yet): fill it here.
  await seedHolidays(h.db, T0);
});
afterAll(async () => {
  await h?.close();
});

async function actorFor(phone: string): Promise<Actor> {
  const user = (await h.db.select().from(users).where(eq(users.phone, phone)))[0];
  const { session } = await createSession(h.db, user.id, T0);
  return { user, session, grants: await loadActiveGrants(h.db, user.id, T0), ip: "127.0.0.1" };
}
const CITY_ADMIN = "13800000001";
const STREET_OFFICER = "13800000002";

describe("holiday calendar @registry", () => {
  it("is seeded once from the State Council's notices, audited, and not again", async () => {
    expect((await h.db.select().from(calendarDays)).length).toBe(HOLIDAYS.length);
    expect(await seedHolidays(h.db, T0)).toEqual({ seeded: false });
    const a = await h.db.select().from(auditLog).where(eq(auditLog.action, "calendar.seed"));
    expect(a.length).toBe(1);
    expect(a[0].scopePath).toBe("/city_jiangan/");
  });

  it("gives the rules.md vectors through periodEnd", async () => {
    const cal = await loadCalendar(h.db);
    const end = (event: string, days: number) => periodEnd(new Date(event), days, cal);
    expect(end("2025-03-03T10:00:00+08:00", 15).endsAt.toISOString()).toBe(new Date("2025-03-19T00:00:00+08:00").toISOString());
    expect(end("2025-06-10T10:00:00+08:00", 30).lastDay).toBe("2025-07-10");
    expect(end("2025-05-01T10:00:00+08:00", 30).lastDay).toBe("2025-06-03");
    expect(end("2025-09-01T10:00:00+08:00", 30).lastDay).toBe("2025-10-09");
    expect(end("2025-09-01T10:00:00+08:00", 30).endsAt.toISOString()).toBe(new Date("2025-10-10T00:00:00+08:00").toISOString());
  });

  it("lists one year in order", async () => {
    const y = await listCalendarYear(h.db, 2026);
    expect(y[0]).toEqual({ day: "2026-01-01", kind: "holiday", name: "元旦" });
    expect(y.every((d) => d.day.startsWith("2026-"))).toBe(true);
    expect(y.map((d) => d.day)).toEqual([...y.map((d) => d.day)].sort());
    expect(await listCalendarYear(h.db, 2030)).toEqual([]);
  });

  it("the city administrator adds, changes and removes a day; each change is audited and counts at once", async () => {
    const admin = await actorFor(CITY_ADMIN);
    // 2027-03-06 is a Saturday: a rest day until declared a working day.
    expect(isRestDay("2027-03-06", await loadCalendar(h.db))).toBe(true);
    expect(await setCalendarDay(h.db, admin, { day: "2027-03-06", kind: "workday", name: "春节" }, T0)).toEqual({ ok: true, changed: true });
    expect(isRestDay("2027-03-06", await loadCalendar(h.db))).toBe(false);
    expect(await setCalendarDay(h.db, admin, { day: "2027-03-06", kind: "workday", name: "春节" }, T0)).toEqual({ ok: true, changed: false });
    expect(await setCalendarDay(h.db, admin, { day: "2027-03-06", kind: "holiday", name: "春节" }, T0)).toEqual({ ok: true, changed: true });
    expect(await removeCalendarDay(h.db, admin, "2027-03-06", T0)).toBe(true);
    expect(await removeCalendarDay(h.db, admin, "2027-03-06", T0)).toBe(false);
    expect(await listCalendarYear(h.db, 2027)).toEqual([]);

    const rows = await h.db.select().from(auditLog).where(and(eq(auditLog.targetKind, "calendar_day"), eq(auditLog.targetId, "2027-03-06"))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(["calendar.add", "calendar.change", "calendar.remove"]);
    expect(rows.every((r) => r.actorId === admin.user.id && r.scopePath === "/city_jiangan/" && r.result === "ok")).toBe(true);
    expect(rows[1].before).toEqual({ day: "2027-03-06", kind: "workday", name: "春节" });
    expect(rows[1].after).toEqual({ day: "2027-03-06", kind: "holiday", name: "春节" });
    expect(rows[2].before).toEqual({ day: "2027-03-06", kind: "holiday", name: "春节" });
  });

  it("changing a seeded day changes the count of a period that ends on it", async () => {
    const admin = await actorFor(CITY_ADMIN);
    // Were 2025-10-09 a rest day too, the 30 days after 2025-09-01 would run to Friday 10-10.
    await setCalendarDay(h.db, admin, { day: "2025-10-09", kind: "holiday", name: "测试" }, T0);
    expect(periodEnd(new Date("2025-09-01T10:00:00+08:00"), 30, await loadCalendar(h.db)).lastDay).toBe("2025-10-10");
    await removeCalendarDay(h.db, admin, "2025-10-09", T0);
    expect(periodEnd(new Date("2025-09-01T10:00:00+08:00"), 30, await loadCalendar(h.db)).lastDay).toBe("2025-10-09");
  });

  it("refuses a 调休 working day on a weekday, writing nothing", async () => {
    const admin = await actorFor(CITY_ADMIN);
    const r = await setCalendarDay(h.db, admin, { day: "2027-03-08", kind: "workday", name: "x" }, T0);
    expect(r).toEqual({ ok: false, errors: { kind: "calendar.errors.workdayNotWeekend" } });
    expect(await h.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-03-08"))).toEqual([]);
  });

  it("a street officer cannot touch the calendar: nothing written, nothing audited", async () => {
    const officer = await actorFor(STREET_OFFICER);
    const auditBefore = (await h.db.select().from(auditLog).where(eq(auditLog.targetKind, "calendar_day"))).length;
    expect(await setCalendarDay(h.db, officer, { day: "2027-03-13", kind: "workday", name: "x" }, T0)).toBeNull();
    expect(await removeCalendarDay(h.db, officer, "2026-01-01", T0)).toBeNull();
    expect(await h.db.select().from(calendarDays).where(eq(calendarDays.day, "2027-03-13"))).toEqual([]);
    expect((await h.db.select().from(calendarDays).where(eq(calendarDays.day, "2026-01-01"))).length).toBe(1);
    expect((await h.db.select().from(auditLog).where(eq(auditLog.targetKind, "calendar_day"))).length).toBe(auditBefore);
  });
});
