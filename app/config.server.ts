import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/** Configuration from the environment, validated once at start (security.md item 22). */
const BaseEnv = z.object({
  GONGZHI_MODE: z.enum(["demo", "production"]).default("demo"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  GONGZHI_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  GONGZHI_NOW: z.iso.datetime({ offset: true }).optional(),
  GONGZHI_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
});

const ProductionEnv = z.object({
  GONGZHI_SECRET_KEY: z
    .string({ error: "GONGZHI_SECRET_KEY is required in production (64 hex characters: 32 random bytes)" })
    .regex(/^[0-9a-f]{64}$/i, "GONGZHI_SECRET_KEY must be 64 hex characters (32 random bytes)"),
  GONGZHI_KEY_ID: z.string({ error: "GONGZHI_KEY_ID is required in production (names the key, for rotation)" }).min(1),
  GONGZHI_PUBLIC_ORIGIN: z
    .string({ error: "GONGZHI_PUBLIC_ORIGIN is required in production (e.g. https://gongzhi.example.gov.cn)" })
    .regex(/^https:\/\/[^/]+$/, "GONGZHI_PUBLIC_ORIGIN must be an https:// origin without a path"),
  GONGZHI_SMS_WEBHOOK_URL: z
    .string({ error: "GONGZHI_SMS_WEBHOOK_URL is required in production (the SMS gateway endpoint)" })
    .regex(/^https:\/\//, "GONGZHI_SMS_WEBHOOK_URL must be https://"),
  GONGZHI_SMS_WEBHOOK_SECRET: z
    .string({ error: "GONGZHI_SMS_WEBHOOK_SECRET is required in production (signs SMS gateway requests)" })
    .min(16, "GONGZHI_SMS_WEBHOOK_SECRET must be at least 16 characters"),
});

export type Config = {
  mode: "demo" | "production";
  databaseUrl?: string;
  dataDir: string;
  port: number;
  fixedNow?: Date;
  trustProxy: boolean;
  secretKey: Buffer;
  keyId: string;
  publicOrigin?: string;
  sms: { kind: "outbox" } | { kind: "webhook"; url: string; secret: string };
};

export class ConfigError extends Error {
  constructor(public problems: string[]) {
    super("Gongzhi cannot start; fix the environment:\n" + problems.map((p) => `  - ${p}`).join("\n"));
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const base = BaseEnv.safeParse(env);
  const problems: string[] = [];
  if (!base.success) for (const i of base.error.issues) problems.push(`${i.path.join(".")}: ${i.message}`);
  // Every problem at once: the production secrets are checked even when a base variable is wrong too.
  if (env.GONGZHI_MODE === "production") {
    const prod = ProductionEnv.safeParse(env);
    if (!prod.success) for (const i of prod.error.issues) problems.push(i.message);
    if (problems.length || !base.success) throw new ConfigError(problems);
    const p = prod.data!;
    const b = base.data;
    return {
      mode: "production",
      databaseUrl: b.DATABASE_URL,
      dataDir: path.resolve(b.GONGZHI_DATA_DIR),
      port: b.PORT,
      // Production ignores GONGZHI_NOW: the clock is the real one.
      trustProxy: b.GONGZHI_TRUST_PROXY === "1",
      secretKey: Buffer.from(p.GONGZHI_SECRET_KEY, "hex"),
      keyId: p.GONGZHI_KEY_ID,
      publicOrigin: p.GONGZHI_PUBLIC_ORIGIN,
      sms: { kind: "webhook", url: p.GONGZHI_SMS_WEBHOOK_URL, secret: p.GONGZHI_SMS_WEBHOOK_SECRET },
    };
  }
  if (problems.length || !base.success) throw new ConfigError(problems);
  const b = base.data;
  const dataDir = path.resolve(b.GONGZHI_DATA_DIR);
  const secrets = demoSecrets(dataDir);
  return {
    mode: "demo",
    databaseUrl: b.DATABASE_URL,
    dataDir,
    port: b.PORT,
    fixedNow: b.GONGZHI_NOW ? new Date(b.GONGZHI_NOW) : undefined,
    trustProxy: b.GONGZHI_TRUST_PROXY === "1",
    secretKey: secrets.secretKey,
    keyId: secrets.keyId,
    sms: { kind: "outbox" },
  };
}

/** Demo mode generates its own secrets once and keeps them beside the embedded database. */
function demoSecrets(dataDir: string): { secretKey: Buffer; keyId: string } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "demo-secrets.json");
  if (!fs.existsSync(file)) {
    const body = JSON.stringify({ secretKey: crypto.randomBytes(32).toString("hex"), keyId: "demo-1" });
    try {
      fs.writeFileSync(file, body, { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const parsed = z.object({ secretKey: z.string().regex(/^[0-9a-f]{64}$/), keyId: z.string() }).parse(
    JSON.parse(fs.readFileSync(file, "utf8")),
  );
  return { secretKey: Buffer.from(parsed.secretKey, "hex"), keyId: parsed.keyId };
}

let current: Config | undefined;
export function config(): Config {
  current ??= loadConfig();
  return current;
}

/** A key derived from the master secret for one purpose, so one secret serves HMACs and encryption apart. */
export function derivedKey(purpose: string): Buffer {
  return crypto.createHmac("sha256", config().secretKey).update(`gongzhi/${purpose}`).digest();
}
