import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { getActor, safeRedirect } from "~/auth/guard.server";
import { PrefsSchema } from "~/auth/schema";
import { savePreferences } from "~/auth/account.server";
import { prefsCookieHeaders } from "~/i18n/i18n.server";
import { parseForm } from "~/ui/form.server";

// Language and large-text mode: remembered in a cookie before login, and saved to the user when signed in.
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, PrefsSchema);
  if (!parsed.ok) throw redirect("/", { status: 303 });
  const prefs = {
    locale: parsed.data.locale,
    largeText: parsed.data.largeText === undefined ? undefined : parsed.data.largeText === "on",
  };
  const actor = await getActor(request);
  if (actor) await savePreferences(await getDb(), actor, prefs);
  const headers = new Headers();
  for (const c of await prefsCookieHeaders(request, prefs)) headers.append("Set-Cookie", c);
  throw redirect(safeRedirect(parsed.data.next, "/"), { status: 303, headers });
}

