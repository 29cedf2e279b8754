// `npm test`: unit, integration and end-to-end tests. Integration and e2e run on PGlite, or on PostgreSQL
// when DATABASE_URL is set (then the PostgreSQL-only concurrency tests run too). GONGZHI_SKIP_UNIT=1 skips
// the unit tests (CI's PostgreSQL pass). Nothing is skipped silently.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

const results = [];
function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  return r.status === 0;
}

function findBrowser() {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return fs.existsSync(process.env.PLAYWRIGHT_CHROMIUM_PATH) ? process.env.PLAYWRIGHT_CHROMIUM_PATH : null;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  // Playwright's own browser, on a developer laptop that could download it.
  const home = process.env.PLAYWRIGHT_BROWSERS_PATH || `${process.env.HOME}/.cache/ms-playwright`;
  if (fs.existsSync(home) && fs.readdirSync(home).some((d) => d.startsWith("chromium"))) return "playwright";
  return null;
}

function ensureBrowser() {
  if (findBrowser()) return true;
  console.log("\nNo Chromium found for the end-to-end tests: installing Debian's chromium and fonts-noto-cjk…");
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : ["sudo", "-n"];
  const apt = (args) => spawnSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), ...args], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (spawnSync("which", ["apt-get"]).status === 0) {
    apt(["update", "-qq"]);
    apt(["install", "-y", "-qq", "chromium", "fonts-noto-cjk"]);
  }
  if (findBrowser()) return true;
  console.error(
    "\n✗ The end-to-end tests need Chromium and it could not be installed.\n" +
      "  Install it with:  sudo apt-get install -y chromium fonts-noto-cjk\n" +
      "  or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium binary. The e2e tests were NOT run.",
  );
  return false;
}

const pg = Boolean(process.env.DATABASE_URL);
console.log(`Database for integration and e2e: ${pg ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded)"}`);
let ok = true;
if (process.env.GONGZHI_SKIP_UNIT === "1") console.log("GONGZHI_SKIP_UNIT=1: unit tests skipped in this pass (they ran in the PGlite pass).");
else ok = run("unit", "npx", ["vitest", "run", "--project", "unit"]) && ok;
ok = run("integration", "npx", ["vitest", "run", "--project", "integration"]) && ok;
if (ensureBrowser()) ok = run("e2e", "npx", ["playwright", "test"]) && ok;
else {
  results.push({ name: "e2e", ok: false, seconds: "0" });
  ok = false;
}

if (!pg) {
  console.log(
    "\n⚠ SKIPPED: the PostgreSQL-only concurrency tests (parallel submissions must record exactly one).\n" +
      "  They need a real PostgreSQL: DATABASE_URL=postgres://user@host/db npm test",
  );
}
console.log("\nstage        result  seconds");
for (const r of results) console.log(`${r.name.padEnd(12)} ${r.ok ? "pass  " : "FAIL  "}  ${r.seconds}`);
const passed = results.filter((r) => r.ok).length;
console.log(`\nstages: ${passed} passed, ${results.length - passed} failed`);
process.exit(ok ? 0 : 1);
