// `npm run seed:city`: the registry of a fictional city at real scale (1,357 compounds, 231,300 dwellings with
// their owners) into the app's database — PGlite in GONGZHI_DATA_DIR (default ./data), or PostgreSQL when
// DATABASE_URL is set. Deterministic: the same ids and values every run. Refuses a database that already has an
// area tree. Progress on stderr; the time and row counts per table at the end.
import { sql } from "drizzle-orm";
import { appDbHandle, closeAppDb, migrateDb, rowsOf } from "~db/client.server";
import { config } from "~/config.server";
import { CITY_SCALE, cityRowCounts, progressBar, seedCity, type CityProgress } from "~seeds/city-gen";

async function main(): Promise<number> {
  const started = Date.now();
  const c = config();
  const where = c.databaseUrl ? `PostgreSQL (${redact(c.databaseUrl)})` : `PGlite in ${c.dataDir}`;
  const h = await appDbHandle();
  try {
    await migrateDb(h);
    const n = Number(rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from area_nodes`))[0]?.n ?? 0);
    if (n > 0) {
      process.stderr.write(
        `The database (${where}) already has an area tree (${n} nodes); seed:city only fills an empty one.\n` +
          (c.databaseUrl
            ? "Point DATABASE_URL at a fresh, empty database.\n"
            : "Point GONGZHI_DATA_DIR at an empty directory, e.g. GONGZHI_DATA_DIR=./data-city npm run seed:city\n"),
      );
      return 1;
    }
    process.stderr.write(
      `Seeding the city (${CITY_SCALE.compounds.toLocaleString("en-US")} compounds, ${CITY_SCALE.dwellings.toLocaleString("en-US")} dwellings) into ${where}\n`,
    );
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    const show = (p: CityProgress) => {
      const line = progressBar(p);
      if (tty) process.stderr.write(`\r${line}`);
      else if (p.compounds === p.totalCompounds || Date.now() - lastLine > 5_000) {
        // Not a terminal (a log file, CI): a line every few seconds instead of redrawing in place.
        lastLine = Date.now();
        process.stderr.write(`${line}\n`);
      }
    };
    const r = await seedCity(h.db, { onProgress: show });
    if (tty) process.stderr.write("\n");
    const counts = await cityRowCounts(h.db);
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    console.log(
      `Seeded the city in ${(r.ms / 1000).toFixed(1)} s on ${h.kind} (${((Date.now() - started) / 1000).toFixed(1)} s with migrations and counts). Rows:`,
    );
    for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${rows.toLocaleString("en-US").padStart(9)}`);
    return 0;
  } finally {
    await closeAppDb();
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`\n${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
