import { and, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { loginFailures, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { maskPhone } from "./mask";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { loginBlockedUntil } from "./rules";
import { createSession } from "./session.server";
import { newId } from "~/ids";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_MAX_PER_ACCOUNT = 5;
/** Per address the limit is higher: many old people share one compound's Wi-Fi or one family phone. */
export const LOGIN_MAX_PER_IP = 30;

export type LoginResult =
  | { ok: true; token: string; user: typeof users.$inferSelect }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "LOCKED"; retryAt: Date };

function accountKey(identifier: string) {
  return `acct:${identifier}`;
}
function ipKey(ip: string) {
  return `ip:${ip}`;
}

export async function findUserByLoginId(db: Db, identifier: string) {
  const byPhone = /^\d{11}$/.test(identifier);
  const rows = await db
    .select()
    .from(users)
    .where(byPhone ? eq(users.phone, identifier) : eq(users.accountNo, identifier));
  return rows[0] ?? null;
}

async function blockedUntil(db: Db, identifier: string, ip: string | null, now: Date): Promise<Date | null> {
  const keys = [accountKey(identifier), ...(ip ? [ipKey(ip)] : [])];
  const rows = await db
    .select({ key: loginFailures.key, at: loginFailures.at })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))));
  const acct = loginBlockedUntil(
    rows.filter((r) => r.key === keys[0]).map((r) => r.at),
    now,
    LOGIN_MAX_PER_ACCOUNT,
    LOGIN_WINDOW_MS,
  );
  const byIp = ip
    ? loginBlockedUntil(rows.filter((r) => r.key === keys[1]).map((r) => r.at), now, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MS)
    : null;
  if (acct && byIp) return acct > byIp ? acct : byIp;
  return acct ?? byIp;
}

/** Log in with phone (or account number) and password. Unknown accounts and wrong passwords give the same
 *  answer and cost the same hash (security.md item 2); throttled per account and per address (item 3). */
export async function login(
  db: Db,
  input: {
    identifier: string;
    password: string;
    ip: string | null;
    /** Preferences chosen on this device before logging in; they are saved to the user. */
    chosen?: { locale?: "zh-CN" | "en"; largeText?: boolean };
  },
  now: Date,
): Promise<LoginResult> {
  const retryAt = await blockedUntil(db, input.identifier, input.ip, now);
  const shown = /^\d{11}$/.test(input.identifier) ? maskPhone(input.identifier) : input.identifier;
  if (retryAt) {
    await writeAudit(db, now, {
      actor: null,
      action: "auth.login",
      result: "denied",
      ip: input.ip,
      detail: { login: shown, reason: "throttled" },
    });
    return { ok: false, reason: "LOCKED", retryAt };
  }
  const user = await findUserByLoginId(db, input.identifier);
  let ok = false;
  if (user?.passwordHash && !user.disabledAt) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  if (!ok || !user) {
    await db.transaction(async (tx) => {
      await tx.insert(loginFailures).values([
        { id: newId("lf"), key: accountKey(input.identifier), at: now },
        ...(input.ip ? [{ id: newId("lf"), key: ipKey(input.ip), at: now }] : []),
      ]);
      await writeAudit(tx, now, {
        actor: user ? { id: user.id, name: user.name } : null,
        action: "auth.login",
        result: "failed",
        ip: input.ip,
        detail: { login: shown },
      });
    });
    return { ok: false, reason: "INVALID" };
  }
  return db.transaction(async (tx) => {
    // A success clears the account's failure count (not the address's).
    await tx.delete(loginFailures).where(eq(loginFailures.key, accountKey(input.identifier)));
    const prefs = {
      ...(input.chosen?.locale && input.chosen.locale !== user.locale ? { locale: input.chosen.locale } : {}),
      ...(input.chosen?.largeText !== undefined && input.chosen.largeText !== user.largeText ? { largeText: input.chosen.largeText } : {}),
    };
    if (Object.keys(prefs).length) {
      await tx.update(users).set(prefs).where(eq(users.id, user.id));
      Object.assign(user, prefs);
    }
    const { token } = await createSession(tx, user.id, now);
    await writeAudit(tx, now, {
      actor: { id: user.id, name: user.name },
      action: "auth.login",
      ip: input.ip,
      target: { kind: "user", id: user.id },
    });
    return { ok: true as const, token, user };
  });
}
