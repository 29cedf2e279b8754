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
  return text
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2")
    .replace(/(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])/g, "$1***********$2")
    .replace(/gz_session=[^;\s]+/g, "gz_session=[redacted]");
}

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.GONGZHI_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
      redact: { paths: REDACT, censor: "[redacted]" },
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
      formatters: {
        log(obj) {
          // Scrub string values one level deep (error messages, paths).
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(obj)) out[k] = typeof v === "string" ? scrub(v) : v;
          return out;
        },
      },
    },
    destination,
  );
}

export const log = createLogger();
