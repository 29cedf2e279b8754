import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { calendarDays } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { auditActor, type Actor } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { cityRoot } from "./area.server";
import { checkCalendarEntry, holidayCalendar, type CalendarKind, type Day, type HolidayCalendar } from "./days";

/**
 * The holiday calendar: reference data the city administrator keeps as the State Council announces each
 * year. Unlike ledgers it is edited in place (insert or update, delete); every change is audited.
 */
export type CalendarDay = { day: Day; kind: CalendarKind; name: string };
type Failure = { ok: false; errors: Record<string, string> };

/** The whole calendar, for the day-counting rules (app/platform/days.ts). */
export async function loadCalendar(db: Db): Promise<HolidayCalendar> {
  return holidayCalendar(await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays));
}

export async function listCalendarYear(db: Db, year: number): Promise<CalendarDay[]> {
  const y = String(year).padStart(4, "0");
  return db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${y}-01-01`), lte(calendarDays.day, `${y}-12-31`)))
    .orderBy(asc(calendarDays.day));
}

/** The city root, when the actor may manage the calendar there; null otherwise (the route answers 404). */
async function managedRoot(db: Db, actor: Actor) {
  const root = await cityRoot(db);
  return root && can(actor.grants, "calendar:manage", root.path) ? root : null;
}

/** Add a day or change its kind or name. */
export async function setCalendarDay(
  db: Db,
  actor: Actor,
  input: CalendarDay,
  now: Date,
): Promise<{ ok: true; changed: boolean } | Failure | null> {
  const root = await managedRoot(db, actor);
  if (!root) return null;
  if (!checkCalendarEntry(input.day, input.kind).ok) return { ok: false, errors: { kind: "calendar.errors.workdayNotWeekend" } };
  return db.transaction(async (tx) => {
    const before = (await tx.select().from(calendarDays).where(eq(calendarDays.day, input.day)))[0];
    if (before && before.kind === input.kind && before.name === input.name) return { ok: true as const, changed: false };
    const after = { day: input.day, kind: input.kind, name: input.name };
    await tx
      .insert(calendarDays)
      .values({ ...after, createdAt: now })
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind: input.kind, name: input.name } });
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: before ? "calendar.change" : "calendar.add",
      target: { kind: "calendar_day", id: input.day },
      scopePath: root.path,
      ip: actor.ip,
      before: before ? { day: before.day, kind: before.kind, name: before.name } : null,
      after,
    });
    return { ok: true as const, changed: true };
  });
}

/** Remove a day from the calendar; false when there was no such day. */
export async function removeCalendarDay(db: Db, actor: Actor, day: Day, now: Date): Promise<boolean | null> {
  const root = await managedRoot(db, actor);
  if (!root) return null;
  return db.transaction(async (tx) => {
    const removed = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
    const before = removed[0];
    if (!before) return false;
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: "calendar.remove",
      target: { kind: "calendar_day", id: day },
      scopePath: root.path,
      ip: actor.ip,
      before: { day: before.day, kind: before.kind, name: before.name },
    });
    return true;
  });
}
