import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { UnitListSchema } from "~/registry/schema";
import { listUnits } from "~/registry/list-units.server";
import { areaText } from "~/registry/rules";
import { now } from "~/clock.server";
import { shanghaiDate } from "~/i18n/format";
import { exportResponse } from "~/ui/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:view", ["compound"]);
  const p = UnitListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows } = await listUnits(await getDb(), node.id, shanghaiDate(now()), p, { all: true });
  return exportResponse(p.format ?? "csv", `units-${node.id}`, [
    { header: "building", value: (r) => r.building },
    { header: "unit", value: (r) => r.number },
    { header: "kind", value: (r) => r.kind },
    { header: "area_m2", value: (r) => areaText(r.area) },
    { header: "area_source", value: (r) => r.areaSource },
    { header: "owners", value: (r) => (r.developerUnsold ? "developer" : r.owners) },
  ], rows);
}
