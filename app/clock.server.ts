import { appSettings } from "~db/schema";
import { eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { config } from "~/config.server";

/**
 * The one server clock. Every rule receives `now` from here. In demo mode GONGZHI_NOW sets it at start and
 * an admin-only action moves it forward (persisted, so a restart keeps the moved clock); production
 * ignores both and reads the real time.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

const KEY = "clock_offset_ms";

export async function initClock(db: Db): Promise<void> {
  const c = config();
  if (c.mode !== "demo") {
    offsetMs = 0;
    return;
  }
  if (c.fixedNow) {
    offsetMs = c.fixedNow.getTime() - Date.now();
    await saveOffset(db);
    return;
  }
  const row = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  offsetMs = row[0] ? Number(row[0].value) : 0;
}

/** Demo only: move the clock forward by `ms` (never backward: records would then predate their causes). */
export async function advanceClockBy(db: Db, ms: number): Promise<{ before: Date; after: Date }> {
  if (config().mode !== "demo") throw new Error("The clock can only be moved in demo mode");
  if (!Number.isInteger(ms) || ms <= 0) throw new Error("The clock only moves forward");
  const before = now();
  offsetMs += ms;
  await saveOffset(db);
  return { before, after: now() };
}

async function saveOffset(db: Db) {
  await db
    .insert(appSettings)
    .values({ key: KEY, value: offsetMs, updatedAt: new Date() })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: offsetMs, updatedAt: new Date() } });
}
