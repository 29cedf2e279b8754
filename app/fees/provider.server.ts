/**
 * Online payment (issue 10): the payment-provider interface and the SANDBOX provider (沙箱支付（演示，不会真实扣款）).
 *
 * A provider turns a payment intent into a checkout URL the resident is sent to, and verifies the provider's
 * callback — a separate, signed machine request — into {intentId, amountFen, providerRef}. The callback route
 * (/api/pay/<provider>/callback, exempt from the origin check in scripts/server.mjs because it is verified by its
 * signature instead, security.md item 7) hands the verified result to `acceptCallback`, which records the payment
 * with the idempotency key "intent:<intentId>": a replayed callback records nothing. A WeChat Pay or Alipay
 * adapter implements `PaymentProvider` (its own checkout URL and its own signature check) and is added to
 * PROVIDERS; nothing else changes.
 *
 * The sandbox stands in for a provider's hosted checkout: its page (/pay/sandbox/<intentId>) shows the amount
 * with "pay" and "cancel"; "pay" makes the SERVER post the signed callback to its own origin as a separate HTTP
 * request, exactly as a provider would. Signature: header `X-Sandbox-Timestamp` (Unix seconds) and
 * `X-Sandbox-Signature: v1=<hex HMAC-SHA256(key, "<timestamp>.<raw body>")>`, compared in constant time; a
 * timestamp more than 5 minutes from the server clock is stale. The key is derived from the server's master
 * secret (config.server derivedKey, an HMAC with the purpose "fees/sandbox-callback"), so no new setting is needed
 * and it differs from every other derived key. The sandbox is offered in demo mode only: in production no money
 * must ever be recorded for a payment nobody made.
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client.server";
import { paymentIntents, payments, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { config, derivedKey } from "~/config.server";
import { nodePath } from "~/platform/area.server";
import { recordPayment, type RecordProblem } from "./payments.server";

// ————————————————————————————————————————————————————————— the interface

/** What a provider needs to start a checkout. */
export type CheckoutIntent = { id: string; compoundId: string; unitId: string; amountFen: number; description: string };

export type CallbackProblem = "MALFORMED" | "BAD_SIGNATURE" | "STALE";
export type VerifiedCallback = { ok: true; intentId: string; amountFen: number; providerRef: string } | { ok: false; reason: CallbackProblem };

export interface PaymentProvider {
  /** Stored in payment_intents.provider and used in the callback path (/api/pay/<id>/callback). */
  readonly id: string;
  /** i18n key of the name residents see. */
  readonly labelKey: string;
  /** A sandbox moves no money: its pages say so. */
  readonly sandbox: boolean;
  /** Where to send the resident to pay (the provider's hosted page, or the sandbox's own page). */
  createCheckout(intent: CheckoutIntent): Promise<{ redirectUrl: string }>;
  /** Verify a callback from its raw body and headers; never trusts anything it has not verified. */
  verifyCallback(rawBody: string, headers: Headers, now: Date): VerifiedCallback | Promise<VerifiedCallback>;
}

// ————————————————————————————————————————————————————————— the sandbox's signature

export const SANDBOX_ID = "sandbox";
export const SANDBOX_CALLBACK_PATH = "/api/pay/sandbox/callback";
export const SIGNATURE_HEADER = "x-sandbox-signature";
export const TIMESTAMP_HEADER = "x-sandbox-timestamp";
/** A callback older (or newer) than this is refused: a captured request cannot be replayed later. */
export const CALLBACK_TOLERANCE_S = 300;

const SandboxBody = z.object({
  intentId: z.string().min(1).max(80),
  amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  providerRef: z.string().min(1).max(80),
});

function sandboxKey(): Buffer {
  return derivedKey("fees/sandbox-callback");
}

function hmacHex(key: Buffer, timestamp: string, rawBody: string): string {
  return crypto.createHmac("sha256", key).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** A sandbox callback, signed as the sandbox server sends it (also what the tests forge and replay). */
export function signSandboxCallback(body: { intentId: string; amountFen: number; providerRef: string }, now: Date, key: Buffer = sandboxKey()): { rawBody: string; headers: Record<string, string> } {
  const rawBody = JSON.stringify({ intentId: body.intentId, amountFen: body.amountFen, providerRef: body.providerRef });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { rawBody, headers: { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${hmacHex(key, timestamp, rawBody)}` } };
}

/** Verify a sandbox callback: signature over the raw body (constant-time compare), then freshness, then shape. */
export function verifySandboxCallback(rawBody: string, headers: Headers, now: Date, key: Buffer = sandboxKey()): VerifiedCallback {
  const timestamp = headers.get(TIMESTAMP_HEADER) ?? "";
  const signature = headers.get(SIGNATURE_HEADER) ?? "";
  const m = /^v1=([0-9a-f]{64})$/.exec(signature.trim());
  if (!/^\d{1,12}$/.test(timestamp) || !m) return { ok: false, reason: "BAD_SIGNATURE" };
  const expected = Buffer.from(hmacHex(key, timestamp, rawBody), "hex");
  const given = Buffer.from(m[1], "hex");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "BAD_SIGNATURE" };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > CALLBACK_TOLERANCE_S) return { ok: false, reason: "STALE" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: "MALFORMED" };
  }
  const r = SandboxBody.safeParse(parsed);
  if (!r.success) return { ok: false, reason: "MALFORMED" };
  return { ok: true, ...r.data };
}

/** The sandbox provider: its checkout is our own clearly labelled page; its callbacks are HMAC-signed. */
export const sandboxProvider: PaymentProvider = {
  id: SANDBOX_ID,
  labelKey: "fees.payments.online.sandboxName",
  sandbox: true,
  async createCheckout(intent) {
    return { redirectUrl: `/pay/sandbox/${encodeURIComponent(intent.id)}` };
  },
  verifyCallback(rawBody, headers, now) {
    return verifySandboxCallback(rawBody, headers, now);
  },
};

/** Every provider the app knows. A real adapter is added here. */
const PROVIDERS: readonly PaymentProvider[] = [sandboxProvider];

export function providerById(id: string): PaymentProvider | null {
  return PROVIDERS.find((p) => p.id === id) ?? null;
}

/**
 * The provider residents pay with, or null when online payment is not offered. The sandbox only in demo mode:
 * a production site without a real adapter offers offline payment only.
 */
export function onlineProvider(): PaymentProvider | null {
  return config().mode === "demo" ? sandboxProvider : null;
}

// ————————————————————————————————————————————————————————— the sandbox server's "pay"

/** Where the server reaches itself: the loopback and the port it listens on (never a Host header a client sent). */
export function selfOrigin(): string {
  return `http://127.0.0.1:${config().port}`;
}

export type Poster = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string }) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * The sandbox's "pay" button: as a provider's server would, post the signed callback for the intent's full amount
 * to the app's callback endpoint as a separate HTTP request. Returns whether the app accepted it (2xx).
 */
export async function sandboxPay(intent: { id: string; amountFen: number }, now: Date, post: Poster = (url, init) => fetch(url, init)): Promise<{ ok: boolean; status: number; body: string }> {
  const providerRef = `sbx_${crypto.randomBytes(8).toString("hex")}`;
  const { rawBody, headers } = signSandboxCallback({ intentId: intent.id, amountFen: intent.amountFen, providerRef }, now);
  try {
    const res = await post(`${selfOrigin()}${SANDBOX_CALLBACK_PATH}`, { method: "POST", headers, body: rawBody });
    return { ok: res.status >= 200 && res.status < 300, status: res.status, body: await res.text() };
  } catch (e) {
    return { ok: false, status: 0, body: e instanceof Error ? e.message : String(e) };
  }
}

// ————————————————————————————————————————————————————————— accepting a callback

export type CallbackAnswer = { status: number; body: string; paymentId?: string };

/**
 * Accept a provider's callback: verify it; find the intent (of this provider) and check the amount; record the
 * payment once (idempotency key "intent:<intentId>", method online, paid now, the resident as payer, the
 * provider's reference) and mark the intent paid. A replay answers 200 "already recorded" and writes nothing; a
 * forged, stale or malformed callback, an unknown intent or a different amount answers 4xx, writes nothing but
 * an audit row of the denial.
 */
export async function acceptCallback(db: Db, provider: PaymentProvider, rawBody: string, headers: Headers, now: Date, ip: string | null = null): Promise<CallbackAnswer> {
  const deny = async (status: number, reason: string, detail: Record<string, unknown> = {}, scopePath: string | null = null): Promise<CallbackAnswer> => {
    await writeAudit(db, now, {
      actor: null,
      action: "fees.payment.callback",
      result: "denied",
      target: { kind: "payment_intent", id: typeof detail.intentId === "string" ? detail.intentId : "" },
      scopePath,
      ip,
      detail: { provider: provider.id, reason, ...detail },
    });
    return { status, body: reason };
  };
  const v = await provider.verifyCallback(rawBody, headers, now);
  if (!v.ok) return deny(v.reason === "MALFORMED" ? 400 : 401, v.reason === "MALFORMED" ? "malformed callback" : v.reason === "STALE" ? "stale callback" : "invalid signature");

  const [intent] = await db
    .select({ i: paymentIntents, userName: users.name })
    .from(paymentIntents)
    .innerJoin(users, eq(users.id, paymentIntents.userId))
    .where(and(eq(paymentIntents.id, v.intentId), eq(paymentIntents.provider, provider.id)));
  if (!intent) return deny(400, "unknown intent", { intentId: v.intentId });
  const scope = await nodePath(db, intent.i.compoundId);
  if (intent.i.amountFen !== v.amountFen) return deny(400, "amount mismatch", { intentId: v.intentId, amountFen: v.amountFen, expectedFen: intent.i.amountFen }, scope);

  const key = `intent:${intent.i.id}`;
  const [already] = await db.select({ id: payments.id }).from(payments).where(eq(payments.idempotencyKey, key));
  if (already) return { status: 200, body: "already recorded", paymentId: already.id };

  const result = await db.transaction(async (tx) => {
    const r = await recordPayment(
      tx,
      null,
      intent.i.compoundId,
      { unitId: intent.i.unitId, amountFen: intent.i.amountFen, method: "online", paidAt: now, payerName: intent.userName, reference: `${provider.id}:${v.providerRef}`, idempotencyKey: key },
      now,
      { ip, detail: { provider: provider.id, intentId: intent.i.id, providerRef: v.providerRef, userId: intent.i.userId } },
    );
    if (r.ok && r.created) await tx.update(paymentIntents).set({ status: "paid", paymentId: r.payment.id, paidAt: now }).where(eq(paymentIntents.id, intent.i.id));
    return r;
  });
  if (!result.ok) return deny(409, `not recorded: ${result.reason satisfies RecordProblem}`, { intentId: intent.i.id }, scope);
  return result.created ? { status: 200, body: "recorded", paymentId: result.payment.id } : { status: 200, body: "already recorded", paymentId: result.payment.id };
}
