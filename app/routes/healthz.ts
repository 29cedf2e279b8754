import { appDbHandle, migrationCount } from "~db/client.server";

// Public: { ok, db, migrations }. Answers 503 when the database does not.
export async function loader() {
  try {
    const h = await appDbHandle();
    const migrations = await migrationCount(h.db);
    return Response.json({ ok: true, db: h.kind, migrations }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
