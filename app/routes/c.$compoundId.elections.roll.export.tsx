import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { RollListSchema } from "~/decisions/schema";
import { ownerRollRows } from "~/elections/owner-roll.server";
import { areaText } from "~/registry/rules";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

// The masked owner roll for checking, for the organisers only (everyone else reads it on the page).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "election:organise", ["compound"]);
  const p = RollListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await ownerRollRows(await getDb(), node.id, p, now());
  if (!r) throw notFound();
  return exportResponse(p.format ?? "csv", `owner-roll-${node.id}`, [
    { header: "voter_no", value: (x) => x.voter },
    { header: "unit", value: (x) => x.unit },
    { header: "area_m2", value: (x) => areaText(x.area) },
    { header: "owners", value: (x) => (x.developer ? "developer" : x.owners.join("、")) },
    { header: "problem", value: (x) => (x.problem ? "yes" : "") },
  ], r.rows);
}
