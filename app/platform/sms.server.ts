import crypto from "node:crypto";
import type { Db } from "~db/client.server";
import { smsOutbox } from "~db/schema";
import { config } from "~/config.server";
import { newId } from "~/ids";

/**
 * Text messages. Demo mode: the development provider writes to the outbox table, shown on /dev/outbox
 * (demo mode only) and never logged. Production: a signed HTTPS webhook to the city's SMS gateway.
 */
export async function sendSms(db: Db, phone: string, body: string, now: Date): Promise<void> {
  const c = config();
  if (c.sms.kind === "outbox") {
    await db.insert(smsOutbox).values({ id: newId("sms"), phone, body, createdAt: now });
    return;
  }
  const payload = JSON.stringify({ phone, body, at: now.toISOString() });
  const signature = crypto.createHmac("sha256", c.sms.secret).update(payload).digest("hex");
  const res = await fetch(c.sms.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-gongzhi-signature": signature },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
}
