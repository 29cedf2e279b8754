import type { Locale } from "./config";

export const TIME_ZONE = "Asia/Shanghai";

/** Integer fen → "¥1,234.50" (no floats: the fen are split with integer division). */
export function formatMoney(fen: bigint | number, locale: Locale): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, "0");
  const grouped = new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN").format(yuan);
  return `${neg ? "-" : ""}¥${grouped}.${cents}`;
}

/** Integer 0.01 m² → "85.23 m²". */
export function formatArea(centi: bigint | number, locale: Locale): string {
  const v = BigInt(centi);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = new Intl.NumberFormat(locale === "en" ? "en-US" : "zh-CN").format(abs / 100n);
  return `${neg ? "-" : ""}${whole}.${(abs % 100n).toString().padStart(2, "0")} m²`;
}

/** Dates and times are always shown in Asia/Shanghai, whatever the server's TZ. */
export function formatDateTime(d: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(d));
}

export function formatDate(d: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(d));
}

/** An instant as local Asia/Shanghai ISO text, e.g. for exports: 2025-05-02T09:14:03+08:00. */
export function shanghaiIso(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${t}+08:00`;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The instant a calendar day (YYYY-MM-DD) starts in Asia/Shanghai. */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
