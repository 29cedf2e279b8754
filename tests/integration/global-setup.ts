import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildTemplate, templateDatabase, TMP } from "../support/db";

// Runs once per vitest run: migrate and seed one template database (PGlite dump or PostgreSQL template).
export default async function setup(project: TestProject) {
  process.env.GONGZHI_DATA_DIR ??= path.join(TMP, "int-data");
  process.env.GONGZHI_MODE = "demo";
  const { seedDemo } = await import("~seeds/demo");
  const cleanup = await buildTemplate(async (h) => {
    await seedDemo(h.db, new Date("2026-01-05T02:00:00Z"));
  });
  project.provide("gzTemplate" as never, (templateDatabase() ?? "") as never);
  return cleanup;
}
