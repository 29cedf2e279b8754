import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { getActor } from "~/auth/guard.server";
import { clearSessionCookieHeader, invalidateSession } from "~/auth/session.server";
import { writeAudit } from "~/audit/audit.server";

// No GET changes state (security.md item 7): logging out is a POST.
export async function loader({ request }: LoaderFunctionArgs) {
  throw redirect((await getActor(request)) ? "/" : "/login");
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (actor) {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await invalidateSession(tx, actor.session.id);
      await writeAudit(tx, now(), { actor: { id: actor.user.id, name: actor.user.name }, action: "auth.logout", ip: actor.ip });
    });
  }
  throw redirect("/login", { status: 303, headers: { "Set-Cookie": await clearSessionCookieHeader(request) } });
}
