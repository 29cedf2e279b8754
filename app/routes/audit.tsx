import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAnywhere } from "~/auth/guard.server";
import { roleHas } from "~/auth/permissions";

// /audit → the audit log of the broadest scope the actor may read (404 for anyone who may read none).
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "audit:read");
  const g = actor.grants
    .filter((x) => x.nodePath && roleHas(x.role, "audit:read"))
    .sort((a, b) => a.nodePath!.length - b.nodePath!.length)[0];
  throw redirect(`/area/${g.nodeId}/audit`);
}
