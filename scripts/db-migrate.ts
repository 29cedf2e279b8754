// `npm run db:migrate`: apply the committed migrations to the configured database (PGlite in
// GONGZHI_DATA_DIR, or DATABASE_URL). `npm start` does this too.
import { appDbHandle, closeAppDb, migrateDb, migrationCount } from "~db/client.server";

try {
  const h = await appDbHandle();
  await migrateDb(h);
  console.log(`migrated (${h.kind}): ${await migrationCount(h.db)} migrations applied`);
  await closeAppDb();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
