import { COMMON_PASSWORDS } from "./common-passwords";
import type { Role } from "~db/schema/auth";

/** Password policy (security.md item 1, after ASVS 6.2 / NIST 800-63B): at least 8 characters, up to 128
 *  accepted, no composition rules, common passwords refused. Length counts Unicode code points. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export type PasswordProblem = "TOO_SHORT" | "TOO_LONG" | "TOO_COMMON";
export function checkPassword(pw: string): PasswordProblem | null {
  const n = [...pw].length;
  if (n < PASSWORD_MIN) return "TOO_SHORT";
  if (n > PASSWORD_MAX) return "TOO_LONG";
  if (COMMON_PASSWORDS.has(pw.toLowerCase())) return "TOO_COMMON";
  return null;
}

/** Login throttling (security.md item 3): `max` failures within `windowMs` block further attempts until
 *  fewer than `max` remain in the window, i.e. until the max-th most recent failure leaves it. Returns the
 *  instant attempts are allowed again, or null. */
export function loginBlockedUntil(failures: Date[], now: Date, max: number, windowMs: number): Date | null {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < max) return null;
  // The max-th most recent failure is the one whose expiry re-opens the door.
  return new Date(recent[max - 1] + windowMs);
}

/** Session lifetime after Lucia's guide: sliding idle timeout and an absolute cap. */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** How stale `last_seen_at` may get before we write it again (saves a write on every request). */
export const SESSION_TOUCH_MS = 60_000;
export function sessionState(
  s: { createdAt: Date; lastSeenAt: Date },
  now: Date,
): "valid" | "valid-touch" | "expired" {
  const t = now.getTime();
  if (t - s.createdAt.getTime() >= SESSION_MAX_MS) return "expired";
  if (t - s.lastSeenAt.getTime() >= SESSION_IDLE_MS) return "expired";
  if (t - s.lastSeenAt.getTime() >= SESSION_TOUCH_MS) return "valid-touch";
  return "valid";
}

/** Re-authentication is fresh for 10 minutes (security.md item 6). */
export const REAUTH_MS = 10 * 60_000;
export function isReauthFresh(reauthAt: Date | null, now: Date): boolean {
  return reauthAt !== null && now.getTime() - reauthAt.getTime() < REAUTH_MS && reauthAt <= now;
}

/** A grant is in force on [validFrom, validTo). */
export function grantInForce(g: { validFrom: Date; validTo: Date | null }, now: Date): boolean {
  return g.validFrom <= now && (g.validTo === null || now < g.validTo);
}

/** Normalise a mainland mobile number: strip spaces, dashes and a +86/86 prefix; 11 digits starting with 1. */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s\-()]/g, "").replace(/^\+?86(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Which roles a granter may hand out. City administrators: any. Street officers: roles below their own. */
export const GRANTABLE_BY: Record<Role, readonly Role[]> = {
  city_admin: [
    "city_admin", "street_officer", "community_worker", "party_reviewer", "prep_group_member",
    "committee_member", "property_staff", "owner", "resident",
  ],
  street_officer: [
    "community_worker", "party_reviewer", "prep_group_member", "committee_member", "property_staff", "owner", "resident",
  ],
  community_worker: ["owner", "resident"],
  party_reviewer: [],
  prep_group_member: [],
  committee_member: [],
  property_staff: [],
  owner: [],
  resident: [],
};
