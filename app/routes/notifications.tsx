import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireActor, safeRedirect } from "~/auth/guard.server";
import { markNotificationRead } from "~/decisions/turnout.server";
import { parseForm } from "~/ui/form.server";

// Dismiss one of one's own in-app messages (another user's id changes nothing).
export async function loader({ request }: { request: Request }) {
  await requireActor(request);
  throw redirect("/");
}

const Schema = z.object({ id: z.string().trim().min(1).max(64), next: z.string().max(300).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = await parseForm(request, Schema);
  if (parsed.ok) await markNotificationRead(await getDb(), actor.user.id, parsed.data.id, now());
  throw redirect(safeRedirect(parsed.ok ? parsed.data.next : undefined, "/"), { status: 303 });
}
