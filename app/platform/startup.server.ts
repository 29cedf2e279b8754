import { appDbHandle, closeAppDb, migrateDb, migrationCount } from "~db/client.server";
import { config } from "~/config.server";
import { initClock, now } from "~/clock.server";
import { log } from "./log.server";

/**
 * Called by the custom server before it listens: validate the configuration (one clear message per missing
 * item), open the database (locking an embedded one), migrate, set the clock, seed the demo city in demo mode,
 * and warm the database so the first request is not the slow one.
 */
export async function startup(): Promise<void> {
  const c = config();
  const t0 = Date.now();
  const handle = await appDbHandle();
  await migrateDb(handle);
  await initClock(handle.db);
  if (c.mode === "demo") {
    const { seedDemo } = await import("~seeds/demo");
    const r = await seedDemo(handle.db, now());
    if (r.seeded) log.info("demo city seeded");
  }
  const n = await migrationCount(handle.db);
  log.info({ mode: c.mode, db: handle.kind, migrations: n, ms: Date.now() - t0 }, "database ready");
}

export async function shutdown(): Promise<void> {
  await closeAppDb();
}

export function serverInfo() {
  const c = config();
  return { mode: c.mode, publicOrigin: c.publicOrigin, trustProxy: c.trustProxy, port: c.port };
}
