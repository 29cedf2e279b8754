// `npm start`: build if the sources are newer than the build, then serve it in this same process
// (so SIGTERM reaches the server that holds the database).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const buildFile = path.resolve("build/server/index.js");

/** Newest modification time under a path (files and directories: renames and deletions count). */
export function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  // A directory's own mtime changes when a file in it is added, removed or renamed.
  let m = st.mtimeMs;
  for (const name of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, name)));
  return m;
}

/** True when there is no build or a source is newer than it. */
export function buildIsStale() {
  const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
  const sources = Math.max(
    ...["app", "db", "seeds", "public", "vite.config.ts", "package.json"].map((p) => newestMtime(path.resolve(p))),
  );
  return !built || built < sources;
}

export function buildIfNeeded() {
  if (!buildIsStale()) return;
  const built = fs.existsSync(buildFile);
  console.log(built ? "Sources changed: building…" : "Building the app (first start)…");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfNeeded();
  await import("./server.mjs");
}
