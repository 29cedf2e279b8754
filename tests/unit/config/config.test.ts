import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/config.server";

type Env = Record<string, string | undefined>;
/** loadConfig takes the process environment; these tests hand it a plain object instead. */
const load = (env: Env) => loadConfig(env as NodeJS.ProcessEnv);

const VALID_PROD = {
  GONGZHI_MODE: "production",
  GONGZHI_SECRET_KEY: "0123456789abcdef".repeat(4),
  GONGZHI_KEY_ID: "k-2025-01",
  GONGZHI_PUBLIC_ORIGIN: "https://gongzhi.example.gov.cn",
  GONGZHI_SMS_WEBHOOK_URL: "https://sms.example.gov.cn/send",
  GONGZHI_SMS_WEBHOOK_SECRET: "a-long-webhook-secret",
  GONGZHI_DATA_DIR: "/var/lib/gongzhi",
};
const PROD_VARS = [
  "GONGZHI_SECRET_KEY",
  "GONGZHI_KEY_ID",
  "GONGZHI_PUBLIC_ORIGIN",
  "GONGZHI_SMS_WEBHOOK_URL",
  "GONGZHI_SMS_WEBHOOK_SECRET",
] as const;

function problemsOf(env: Env): string[] {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("loadConfig did not throw");
}

const tmpDirs: string[] = [];
function freshDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gongzhi-unit-config-"));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("loadConfig in production @platform", () => {
  it("with nothing set, names every missing variable, one problem each", () => {
    const problems = problemsOf({ GONGZHI_MODE: "production" });
    expect(problems).toHaveLength(PROD_VARS.length);
    for (const v of PROD_VARS) expect(problems.filter((p) => p.includes(v)), v).toHaveLength(1);
  });

  it("the error message lists the problems", () => {
    expect(() => load({ GONGZHI_MODE: "production" })).toThrow(/GONGZHI_SECRET_KEY/);
  });

  it.each(PROD_VARS)("missing only %s → exactly one problem naming it", (v) => {
    const env: Env = { ...VALID_PROD };
    delete env[v];
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(v);
  });

  it.each<[string, string, string]>([
    ["GONGZHI_SECRET_KEY", "abc", "too short"],
    ["GONGZHI_SECRET_KEY", "g".repeat(64), "not hex"],
    ["GONGZHI_SECRET_KEY", "0".repeat(63), "63 hex"],
    ["GONGZHI_SECRET_KEY", "0".repeat(65), "65 hex"],
    ["GONGZHI_KEY_ID", "", "empty"],
    ["GONGZHI_PUBLIC_ORIGIN", "http://gongzhi.example.gov.cn", "http, not https"],
    ["GONGZHI_PUBLIC_ORIGIN", "https://gongzhi.example.gov.cn/", "with a path"],
    ["GONGZHI_PUBLIC_ORIGIN", "gongzhi.example.gov.cn", "no scheme"],
    ["GONGZHI_SMS_WEBHOOK_URL", "http://sms.example.gov.cn/send", "http, not https"],
    ["GONGZHI_SMS_WEBHOOK_SECRET", "short-secret", "shorter than 16"],
    ["GONGZHI_SMS_WEBHOOK_SECRET", "x".repeat(15), "15 characters"],
  ])("%s = %j is refused (%s)", (name, value) => {
    const problems = problemsOf({ ...VALID_PROD, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it("with everything valid returns a production config", () => {
    const c = load({ ...VALID_PROD, PORT: "8080", GONGZHI_TRUST_PROXY: "1" });
    expect(c.mode).toBe("production");
    expect(c.secretKey).toEqual(Buffer.from(VALID_PROD.GONGZHI_SECRET_KEY, "hex"));
    expect(c.secretKey).toHaveLength(32);
    expect(c.keyId).toBe("k-2025-01");
    expect(c.publicOrigin).toBe("https://gongzhi.example.gov.cn");
    expect(c.sms).toEqual({ kind: "webhook", url: "https://sms.example.gov.cn/send", secret: "a-long-webhook-secret" });
    expect(c.port).toBe(8080);
    expect(c.trustProxy).toBe(true);
    expect(c.dataDir).toBe(path.resolve("/var/lib/gongzhi"));
    expect(c.fixedNow).toBeUndefined();
  });

  it.each(["0123456789ABCDEF".repeat(4), "0123456789abcdef".repeat(4)])("accepts a secret key in either case (%s)", (key) => {
    expect(load({ ...VALID_PROD, GONGZHI_SECRET_KEY: key }).secretKey).toHaveLength(32);
  });

  it("ignores GONGZHI_NOW: the clock is the real one", () => {
    const c = load({ ...VALID_PROD, GONGZHI_NOW: "2025-05-02T09:00:00+08:00" });
    expect(c.mode).toBe("production");
    expect(c.fixedNow).toBeUndefined();
  });

  it("does not create demo secrets", () => {
    const dir = freshDir();
    load({ ...VALID_PROD, GONGZHI_DATA_DIR: dir });
    expect(fs.existsSync(path.join(dir, "demo-secrets.json"))).toBe(false);
  });

  it.each([
    ["DATABASE_URL", "mysql://u:p@h/db"],
    ["DATABASE_URL", "localhost:5432/db"],
  ])("a bad %s (%s) is a problem", (name, value) => {
    const problems = problemsOf({ ...VALID_PROD, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it.each(["postgres://u:p@db:5432/gongzhi", "postgresql://u:p@db/gongzhi"])("accepts DATABASE_URL %s", (url) => {
    expect(load({ ...VALID_PROD, DATABASE_URL: url }).databaseUrl).toBe(url);
  });
});

describe("loadConfig in demo mode @platform", () => {
  it("creates demo-secrets.json once and reuses the same key", () => {
    const dir = freshDir();
    const file = path.join(dir, "demo-secrets.json");
    expect(fs.existsSync(file)).toBe(false);

    const first = load({ GONGZHI_DATA_DIR: dir });
    expect(first.mode).toBe("demo");
    expect(fs.existsSync(file)).toBe(true);
    const written = fs.readFileSync(file, "utf8");
    expect(first.secretKey).toHaveLength(32);
    expect(first.keyId).toBe("demo-1");
    expect(first.sms).toEqual({ kind: "outbox" });
    expect(first.dataDir).toBe(dir);

    const second = load({ GONGZHI_MODE: "demo", GONGZHI_DATA_DIR: dir });
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe(written);
  });

  it("two fresh directories get different keys", () => {
    const a = load({ GONGZHI_DATA_DIR: freshDir() });
    const b = load({ GONGZHI_DATA_DIR: freshDir() });
    expect(a.secretKey.equals(b.secretKey)).toBe(false);
  });

  it.runIf(process.platform !== "win32")("the secrets file is readable by the owner only", () => {
    const dir = freshDir();
    load({ GONGZHI_DATA_DIR: dir });
    expect(fs.statSync(path.join(dir, "demo-secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("creates a data directory that does not exist yet", () => {
    const dir = path.join(freshDir(), "nested", "data");
    expect(load({ GONGZHI_DATA_DIR: dir }).secretKey).toHaveLength(32);
    expect(fs.existsSync(path.join(dir, "demo-secrets.json"))).toBe(true);
  });

  it("needs none of the production variables", () => {
    const c = load({ GONGZHI_DATA_DIR: freshDir() });
    expect(c.publicOrigin).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.trustProxy).toBe(false);
    expect(c.databaseUrl).toBeUndefined();
  });

  it.each<[string, number]>([
    ["2025-05-02T09:14:03+08:00", Date.UTC(2025, 4, 2, 1, 14, 3)],
    ["2025-05-02T01:14:03Z", Date.UTC(2025, 4, 2, 1, 14, 3)],
    ["2025-03-03T16:30:00.500Z", Date.UTC(2025, 2, 3, 16, 30, 0, 500)],
  ])("honours GONGZHI_NOW=%s", (now, expected) => {
    const c = load({ GONGZHI_DATA_DIR: freshDir(), GONGZHI_NOW: now });
    expect(c.fixedNow?.getTime()).toBe(expected);
  });

  it("without GONGZHI_NOW the clock is not fixed", () => {
    expect(load({ GONGZHI_DATA_DIR: freshDir() }).fixedNow).toBeUndefined();
  });

  it.each<[string, Record<string, string>]>([
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["GONGZHI_NOW", { GONGZHI_NOW: "yesterday" }],
    ["GONGZHI_NOW", { GONGZHI_NOW: "2025-05-02" }],
    ["PORT", { PORT: "0" }],
    ["PORT", { PORT: "65536" }],
    ["PORT", { PORT: "http" }],
    ["GONGZHI_MODE", { GONGZHI_MODE: "prod" }],
    ["GONGZHI_TRUST_PROXY", { GONGZHI_TRUST_PROXY: "yes" }],
  ])("a bad %s is a problem (%j)", (name, bad) => {
    const dir = freshDir();
    const problems = problemsOf({ GONGZHI_DATA_DIR: dir, ...bad });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    // Refused before any secrets are written.
    expect(fs.existsSync(path.join(dir, "demo-secrets.json"))).toBe(false);
  });
});
