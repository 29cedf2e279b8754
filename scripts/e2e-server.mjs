// The server Playwright starts: builds if needed, starts from an empty data directory (PGlite) or a fresh
// PostgreSQL database made for this run (when DATABASE_URL is set), then serves the build in this process.
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./start.mjs";

buildIfNeeded();
const dataDir = path.resolve(process.env.GONGZHI_DATA_DIR ?? "tests/.tmp/e2e-data");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

if (process.env.DATABASE_URL) {
  const { default: postgres } = await import("postgres");
  const base = new URL(process.env.DATABASE_URL);
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const name = `gz_e2e_${process.pid}`;
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  base.pathname = `/${name}`;
  process.env.DATABASE_URL = base.toString();
}

await import("./server.mjs");
