import { now } from "~/clock.server";
import { shanghaiDay } from "~/platform/days";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { CompoundListSchema } from "~/registry/schema";
import { listCompounds } from "~/registry/list-compounds.server";
import { areaText } from "~/registry/rules";
import { exportResponse } from "~/ui/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "area:view", ["city", "district", "street", "community"]);
  const p = CompoundListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows } = await listCompounds(await getDb(), node.path, p, shanghaiDay(now()), { all: true });
  return exportResponse(p.format ?? "csv", `compounds-${node.id}`, [
    { header: "id", value: (r) => r.id },
    { header: "name", value: (r) => r.name },
    { header: "community", value: (r) => r.community },
    { header: "address", value: (r) => r.address },
    { header: "year_built", value: (r) => r.yearBuilt },
    { header: "households", value: (r) => r.households },
    { header: "units", value: (r) => r.units },
    { header: "exclusive_area_m2", value: (r) => areaText(BigInt(r.area)) },
    { header: "management_model", value: (r) => r.model },
  ], rows);
}
