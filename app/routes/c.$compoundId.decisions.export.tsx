import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { DecisionListSchema } from "~/decisions/schema";
import { listDecisions } from "~/decisions/decisions.server";
import { shanghaiIso } from "~/i18n/format";
import { searchParamsObject } from "~/ui/list-params";
import { exportResponse } from "~/ui/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:view", ["compound"]);
  const p = DecisionListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listDecisions(await getDb(), node.id, p, { all: true, staff: can(actor.grants, "decision:organise", node.path) });
  return exportResponse(p.format ?? "csv", `decisions-${node.id}`, [
    { header: "id", value: (r) => r.id },
    { header: "title", value: (r) => r.title },
    { header: "status", value: (r) => r.status },
    { header: "form", value: (r) => r.form },
    { header: "scope", value: (r) => r.building ?? "compound" },
    { header: "opens_at", value: (r) => shanghaiIso(r.opensAt) },
    { header: "closes_at", value: (r) => shanghaiIso(r.closesAt) },
    { header: "ballots", value: (r) => String(r.ballots) },
  ], rows);
}
