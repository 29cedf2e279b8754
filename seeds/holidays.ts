import { sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { calendarDays } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { cityRoot } from "~/platform/area.server";
import { addDays, type CalendarKind, type Day } from "~/platform/days";

/**
 * The State Council's holiday calendars as published, for the city administrator to start from
 * (rules.md "Counting days"). Each line mirrors one item of the notice.
 */
export type CalendarSeedDay = { day: Day; kind: CalendarKind; name: string };

/** Rest days from..to inclusive. */
function rest(from: Day, to: Day, name: string): CalendarSeedDay[] {
  const out: CalendarSeedDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, kind: "holiday", name });
  return out;
}

/** Saturdays/Sundays declared working days (调休上班). */
function work(name: string, ...days: Day[]): CalendarSeedDay[] {
  return days.map((day) => ({ day, kind: "workday" as const, name }));
}

/** 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
export const HOLIDAYS_2025: CalendarSeedDay[] = [
  ...rest("2025-01-01", "2025-01-01", "元旦"),
  ...rest("2025-01-28", "2025-02-04", "春节"),
  ...work("春节", "2025-01-26", "2025-02-08"),
  ...rest("2025-04-04", "2025-04-06", "清明节"),
  ...rest("2025-05-01", "2025-05-05", "劳动节"),
  ...work("劳动节", "2025-04-27"),
  ...rest("2025-05-31", "2025-06-02", "端午节"),
  ...rest("2025-10-01", "2025-10-08", "国庆节、中秋节"),
  ...work("国庆节、中秋节", "2025-09-28", "2025-10-11"),
];

/** 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布）. */
export const HOLIDAYS_2026: CalendarSeedDay[] = [
  ...rest("2026-01-01", "2026-01-03", "元旦"),
  ...work("元旦", "2026-01-04"),
  ...rest("2026-02-15", "2026-02-23", "春节"),
  ...work("春节", "2026-02-14", "2026-02-28"),
  ...rest("2026-04-04", "2026-04-06", "清明节"),
  ...rest("2026-05-01", "2026-05-05", "劳动节"),
  ...work("劳动节", "2026-05-09"),
  ...rest("2026-06-19", "2026-06-21", "端午节"),
  ...rest("2026-09-25", "2026-09-27", "中秋节"),
  ...rest("2026-10-01", "2026-10-07", "国庆节"),
  ...work("国庆节", "2026-09-20", "2026-10-10"),
];

export const HOLIDAYS: CalendarSeedDay[] = [...HOLIDAYS_2025, ...HOLIDAYS_2026].sort((a, b) => (a.day < b.day ? -1 : 1));

/** Fill the calendar once: nothing happens if it already has any day (the administrator's edits win). */
export async function seedHolidays(db: Db, now: Date): Promise<{ seeded: boolean }> {
  const existing = await db.select({ n: sql<number>`count(*)::int` }).from(calendarDays);
  if (Number(existing[0]?.n ?? 0) > 0) return { seeded: false };
  const root = await cityRoot(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarDays)
      .values(HOLIDAYS.map((h) => ({ ...h, createdAt: now })))
      .onConflictDoNothing();
    await writeAudit(tx, now, {
      actor: null,
      action: "calendar.seed",
      scopePath: root?.path ?? null,
      detail: { days: HOLIDAYS.length, years: [2025, 2026] },
    });
  });
  return { seeded: true };
}
