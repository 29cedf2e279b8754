import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { oneTimeCodes, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { derivedKey } from "~/config.server";
import { newId } from "~/ids";
import { sendSms } from "~/platform/sms.server";
import { hashPassword, verifyPassword } from "./password.server";
import { invalidateUserSessions, markReauthenticated, createSession } from "./session.server";
import type { Actor } from "./guard.server";
import { maskPhone } from "./mask";
import { findUserByLoginId } from "./login.server";
import { isReauthFresh } from "./rules";

const RESET_CODE_TTL_MS = 15 * 60_000;
const RESET_MAX_ATTEMPTS = 5;

function codeHash(code: string): string {
  return crypto.createHmac("sha256", derivedKey("otp")).update(code).digest("hex");
}

function actorRef(a: Actor) {
  return { id: a.user.id, name: a.user.name };
}

export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<{ ok: true; token: string } | { ok: false; field: "currentPassword"; message: string }> {
  const ok = actor.user.passwordHash ? await verifyPassword(actor.user.passwordHash, input.currentPassword) : false;
  if (!ok) {
    await writeAudit(db, now, { actor: actorRef(actor), action: "auth.password.change", result: "failed", ip: actor.ip });
    return { ok: false, field: "currentPassword", message: "errors.currentPasswordWrong" };
  }
  const hash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, actor.user.id));
    // Every other session ends; this device gets a fresh one.
    await invalidateUserSessions(tx, actor.user.id);
    const { token } = await createSession(tx, actor.user.id, now);
    await writeAudit(tx, now, {
      actor: actorRef(actor),
      action: "auth.password.change",
      target: { kind: "user", id: actor.user.id },
      ip: actor.ip,
    });
    return { ok: true as const, token };
  });
}

/** Always answers the same, whether or not the phone has an account. The code is sent, never logged. */
export async function requestPasswordReset(db: Db, phone: string, ip: string | null, now: Date): Promise<void> {
  const user = (await db.select().from(users).where(eq(users.phone, phone)))[0];
  if (!user || user.disabledAt) {
    await writeAudit(db, now, { actor: null, action: "auth.reset.request", result: "failed", ip, detail: { phone: maskPhone(phone) } });
    return;
  }
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeCodes).values({
      id: newId("otc"),
      userId: user.id,
      purpose: "password_reset",
      codeHash: codeHash(code),
      expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS),
      createdAt: now,
    });
    await writeAudit(tx, now, { actor: null, action: "auth.reset.request", target: { kind: "user", id: user.id }, ip });
  });
  await sendSms(db, phone, `【共治】您的密码重置验证码是 ${code}，15分钟内有效。Gongzhi password reset code: ${code} (15 min).`, now);
}

export async function resetPassword(
  db: Db,
  input: { phone: string; code: string; newPassword: string },
  ip: string | null,
  now: Date,
): Promise<{ ok: true } | { ok: false; message: string }> {
  // `phone` is the login identifier: a phone, or an account number for people without one.
  const user = await findUserByLoginId(db, input.phone);
  const fail = async () => {
    await writeAudit(db, now, { actor: null, action: "auth.reset.complete", result: "failed", ip, detail: { phone: maskPhone(input.phone) } });
    return { ok: false as const, message: "errors.codeWrong" };
  };
  if (!user) return fail();
  const code = (
    await db
      .select()
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, "password_reset"), isNull(oneTimeCodes.usedAt)))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1)
  )[0];
  if (!code || code.expiresAt <= now || code.attempts >= RESET_MAX_ATTEMPTS) return fail();
  const given = Buffer.from(codeHash(input.code));
  if (!crypto.timingSafeEqual(given, Buffer.from(code.codeHash))) {
    await db.update(oneTimeCodes).set({ attempts: code.attempts + 1 }).where(eq(oneTimeCodes.id, code.id));
    return fail();
  }
  const hash = await hashPassword(input.newPassword);
  const claimed = await db.transaction(async (tx) => {
    // Claim the code atomically: of two submissions racing with the same code, exactly one wins.
    const won = await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, code.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (!won.length) return false;
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id);
    await writeAudit(tx, now, { actor: { id: user.id, name: user.name }, action: "auth.reset.complete", target: { kind: "user", id: user.id }, ip });
    return true;
  });
  return claimed ? { ok: true } : fail();
}

/** Re-enter the password for a sensitive action (security.md item 6). */
export async function reauthenticate(db: Db, actor: Actor, password: string, now: Date): Promise<boolean> {
  const ok = actor.user.passwordHash ? await verifyPassword(actor.user.passwordHash, password) : false;
  if (ok) await markReauthenticated(db, actor.session.id, now);
  await writeAudit(db, now, { actor: actorRef(actor), action: "auth.reauth", result: ok ? "ok" : "failed", ip: actor.ip });
  if (ok) actor.session.reauthAt = now;
  return ok;
}

export async function savePreferences(
  db: Db,
  actor: Actor,
  prefs: { locale?: "zh-CN" | "en"; largeText?: boolean },
): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (prefs.locale) set.locale = prefs.locale;
  if (prefs.largeText !== undefined) set.largeText = prefs.largeText;
  if (Object.keys(set).length) await db.update(users).set(set).where(eq(users.id, actor.user.id));
}

/** Issue a reset code in person (for people without a phone of their own): shown once to the staff member,
 *  who hands it over; only its HMAC is stored, and the issue is audited. Valid for 30 minutes. */
export async function issueResetCodeInPerson(db: Db, actor: Actor, userId: string, scopePath: string | null, now: Date): Promise<string> {
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeCodes).values({
      id: newId("otc"),
      userId,
      purpose: "password_reset",
      codeHash: codeHash(code),
      expiresAt: new Date(now.getTime() + 30 * 60_000),
      createdAt: now,
    });
    await writeAudit(tx, now, { actor: actorRef(actor), action: "auth.reset.issue_in_person", target: { kind: "user", id: userId }, scopePath, ip: actor.ip });
  });
  return code;
}

/**
 * Sign-up, step 1: a new account for a phone (no password yet) and an SMS code. The answer is the same
 * whether or not the phone already has an account (an existing one just gets a reset code), so sign-up
 * does not tell who is registered. Step 2 is resetPassword with that code, then a normal login.
 */
export async function startSignup(db: Db, input: { phone: string; name: string }, ip: string | null, now: Date): Promise<void> {
  const existing = (await db.select().from(users).where(eq(users.phone, input.phone)))[0];
  if (!existing) {
    const id = newId("usr");
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id, phone: input.phone, name: input.name, createdAt: now });
      await writeAudit(tx, now, { actor: { id, name: input.name }, action: "auth.signup", target: { kind: "user", id }, ip, after: { phone: maskPhone(input.phone) } });
    });
  }
  await requestPasswordReset(db, input.phone, ip, now);
}

/** True when `password` is right (the session is then re-authenticated), or, with no password given, when the
 *  session was re-authenticated in the last 10 minutes. */
export async function confirmReauth(db: Db, actor: Actor, password: string | undefined, now: Date): Promise<boolean> {
  // A password given is always checked; without one, only a fresh re-authentication will do.
  if (password) return reauthenticate(db, actor, password, now);
  return isReauthFresh(actor.session.reauthAt, now);
}
