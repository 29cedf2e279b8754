import pino from "pino";

/**
 * The one logger (security.md item 18): secrets and personal data never reach the log. Known fields are
 * redacted by name, and any 11-digit mobile number or 18-character ID number in a message is masked.
 */
const REDACT = [
  "password", "*.password", "newPassword", "*.newPassword", "currentPassword", "*.currentPassword",
  "token", "*.token", "code", "*.code", "cookie", "*.cookie", "headers.cookie", "*.headers.cookie",
  "authorization", "*.authorization", "secretKey", "*.secretKey", "idNumber", "*.idNumber",
];

export function scrub(text: string): string {
  return (
    text
      // Mobile numbers, also written with +86/86, spaces or dashes: keep the first 3 and last 4 digits.
      .replace(/(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g, "$1****$2")
      // 18-character ID numbers, wherever they stand.
      .replace(/(?<!\d)(\d{3})\d{11}(\d{3}[\dXx])(?![\dXx])/g, "$1***********$2")
      .replace(/gz_session=[^;\s]+/g, "gz_session=[redacted]")
  );
}

/** Scrub every string in a value, however deep (depth-limited), and turn Errors into scrubbed plain objects. */
export function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return scrub(v);
  if (depth > 6 || v === null || typeof v !== "object") return v;
  if (v instanceof Error) return { type: v.name, message: scrub(v.message), stack: v.stack ? scrub(v.stack) : undefined };
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.GONGZHI_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
      redact: { paths: REDACT, censor: "[redacted]" },
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (a instanceof Error ? { err: scrubDeep(a) } : scrubDeep(a))) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
      formatters: {
        log(obj) {
          return scrubDeep(obj) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}

export const log = createLogger();
