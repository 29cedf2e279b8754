import { desc } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { smsOutbox } from "~db/schema";
import { config } from "~/config.server";
import { advanceClockBy } from "~/clock.server";
import { writeAudit } from "~/audit/audit.server";
import { auditActor, notFound, type Actor } from "~/auth/guard.server";

/** Demo-only pages answer 404 in production, as if they did not exist. */
export function requireDemoMode(): void {
  if (config().mode !== "demo") throw notFound();
}

export async function latestOutbox(db: Db, limit = 50) {
  return db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt)).limit(limit);
}

export async function moveClock(db: Db, actor: Actor, input: { days: number; hours: number }) {
  const ms = (input.days * 24 + input.hours) * 3600_000;
  const r = await advanceClockBy(db, ms);
  await writeAudit(db, r.after, {
    actor: auditActor(actor),
    action: "demo.clock.advance",
    ip: actor.ip,
    detail: { from: r.before.toISOString(), to: r.after.toISOString() },
  });
  return r;
}
