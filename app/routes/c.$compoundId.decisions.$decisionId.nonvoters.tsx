import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { NonVoterFilterSchema } from "~/decisions/schema";
import { findDecision } from "~/decisions/decisions.server";
import { nonVoters } from "~/decisions/turnout.server";
import { areaText } from "~/registry/rules";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

/** The door-to-door list as XLSX or CSV (masked contacts, as on screen). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d || !d.headerCanonical) throw notFound();
  const f = NonVoterFilterSchema.parse(searchParamsObject(new URL(request.url)));
  const rows = await nonVoters(db, d, { buildingId: f.building, status: f.status });
  return exportResponse(f.format ?? "xlsx", `nonvoters-${d.id}`, [
    { header: "buildings", value: (r) => r.buildings.join(" ") },
    { header: "units", value: (r) => r.units.join(" ") },
    { header: "owners", value: (r) => (r.developer ? "developer" : r.owners.join(" ")) },
    { header: "contact", value: (r) => r.phones.join(" ") },
    { header: "area_m2", value: (r) => areaText(BigInt(r.area)) },
    { header: "status", value: (r) => r.status },
    { header: "note", value: (r) => r.note },
  ], rows);
}
