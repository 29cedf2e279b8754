import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { clientIp } from "~/auth/guard.server";
import { acceptCallback, onlineProvider, sandboxProvider, SANDBOX_ID } from "~/fees/provider.server";

/** Bodies larger than this are not a sandbox callback. */
const MAX_BODY = 4096;

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

// The sandbox provider's signed callback (POST only). Exempt from the origin check (scripts/server.mjs): it is a
// machine request verified by its HMAC signature; a replay answers 200 "already recorded" and records nothing.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text(405, "method not allowed");
  // The sandbox only where it is offered (demo mode): elsewhere no sandbox intent can exist.
  if (onlineProvider()?.id !== SANDBOX_ID) return text(404, "not found");
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY) return text(413, "too large");
  const raw = await request.text();
  if (raw.length > MAX_BODY) return text(413, "too large");
  const r = await acceptCallback(await getDb(), sandboxProvider, raw, request.headers, now(), clientIp(request));
  return text(r.status, r.body);
}

export function loader() {
  return text(405, "method not allowed");
}
