import { createCookie } from "@remix-run/node";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { sessions, users } from "~db/schema";
import { config } from "~/config.server";
import { SESSION_MAX_MS, sessionState } from "./rules";

/**
 * Sessions after Lucia's current guide (docs/decisions/001-sessions-from-lucias-guide.md): the token is
 * `${id}.${secret}`, both from a CSPRNG; the table stores the id and SHA-256 of the secret only, so a copy
 * of the database holds no usable token; the secret is compared in constant time.
 */
function randomPart(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export type SessionUser = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export async function createSession(db: Db, userId: string, now: Date): Promise<{ token: string; session: Session }> {
  const id = randomPart();
  const secret = randomPart();
  const row = { id, userId, secretHash: hashSecret(secret), createdAt: now, lastSeenAt: now, reauthAt: now };
  await db.insert(sessions).values(row);
  return { token: `${id}.${secret}`, session: row };
}

export async function validateSessionToken(
  db: Db,
  token: string,
  now: Date,
): Promise<{ session: Session; user: SessionUser } | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [id, secret] = parts;
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  const row = rows[0];
  if (!row) return null;
  const expected = new TextEncoder().encode(row.session.secretHash);
  const given = new TextEncoder().encode(hashSecret(secret));
  if (!constantTimeEqual(expected, given)) return null;
  if (row.user.disabledAt && row.user.disabledAt <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const state = sessionState(row.session, now);
  if (state === "expired") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (state === "valid-touch") {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    row.session.lastSeenAt = now;
  }
  return row;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function markReauthenticated(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ reauthAt: now }).where(eq(sessions.id, sessionId));
}

/** HttpOnly, SameSite=Lax, Path=/; Secure whenever the request came over HTTPS, and always in production. */
const sessionCookie = createCookie("gz_session", { httpOnly: true, sameSite: "lax", path: "/" });

export function isSecureRequest(request: Request): boolean {
  return config().mode === "production" || new URL(request.url).protocol === "https:";
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const v = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof v === "string" ? v : null;
}

export function sessionCookieHeader(request: Request, token: string): Promise<string> {
  return sessionCookie.serialize(token, { secure: isSecureRequest(request), maxAge: SESSION_MAX_MS / 1000 });
}

export function clearSessionCookieHeader(request: Request): Promise<string> {
  return sessionCookie.serialize("", { secure: isSecureRequest(request), maxAge: 0 });
}
