// On PostgreSQL, drop the database the e2e server made for this run.
export default async function globalTeardown() {
  if (!process.env.DATABASE_URL) return;
  const { default: postgres } = await import("postgres");
  const admin = new URL(process.env.DATABASE_URL);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select datname from pg_database where datname like 'gz\_e2e\_%'`;
    for (const r of rows) await sql.unsafe(`drop database if exists ${r.datname} with (force)`);
  } finally {
    await sql.end();
  }
}
