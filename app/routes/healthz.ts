import { data } from "@remix-run/node";
import { appDbHandle, migrationCount } from "~db/client.server";

// Public: { ok, db, migrations }. Answers 503 when the database does not.
export async function loader() {
  try {
    const h = await appDbHandle();
    const migrations = await migrationCount(h.db);
    return data({ ok: true, db: h.kind, migrations }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return data({ ok: false }, { status: 503 });
  }
}
