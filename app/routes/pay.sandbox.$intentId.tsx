import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireActor, requireNode } from "~/auth/guard.server";
import { cancelIntent, intentForUser } from "~/fees/my-bills.server";
import { sandboxPay, SANDBOX_ID, onlineProvider } from "~/fees/provider.server";
import { SandboxCheckout } from "~/fees/components/payment-sandbox";
import { titled } from "~/ui/meta";

export const meta = titled("fees.payments.sandbox.title");

/** The signed-in user's own sandbox intent (and still fees:pay on its compound), else 404. */
async function ownIntent(request: Request, intentId: string | undefined) {
  const actor = await requireActor(request);
  if (onlineProvider()?.id !== SANDBOX_ID) throw notFound();
  const db = await getDb();
  const intent = await intentForUser(db, intentId ?? "", actor.user.id, now());
  if (!intent || intent.provider !== SANDBOX_ID) throw notFound();
  await requireNode(request, intent.compoundId, "fees:pay", ["compound"]);
  return { actor, db, intent };
}

// The SANDBOX provider's checkout page (demo only; moves no money): pay or cancel.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { intent } = await ownIntent(request, params.intentId);
  return { intent };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, db, intent } = await ownIntent(request, params.intentId);
  const form = await request.formData();
  const back = `/c/${intent.compoundId}/bills`;
  if (form.get("intent") === "cancel") {
    await cancelIntent(db, intent.id, { id: actor.user.id, name: actor.user.name }, now(), actor.ip);
    throw redirect(`${back}?done=cancelled`, { status: 303 });
  }
  if (form.get("intent") !== "pay") return { error: "errors.invalid" };
  if (intent.status === "paid") throw redirect(`${back}?done=paid`, { status: 303 });
  if (intent.status !== "pending") return { error: "fees.payments.sandbox.cancelled" };
  // As a provider's server would: a separate, signed request to our callback endpoint.
  const r = await sandboxPay(intent, now());
  if (!r.ok) return { error: "fees.payments.mine.done.payfailed" };
  throw redirect(`${back}?done=paid`, { status: 303 });
}

export default function SandboxPage() {
  const { intent } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return <SandboxCheckout intent={intent} error={a?.error} />;
}
