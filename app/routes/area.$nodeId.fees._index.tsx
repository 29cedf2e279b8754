import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { AreaFeesListSchema } from "~/fees/arrears-schema";
import { reportAsOf } from "~/fees/home.server";
import { areaFeesOverview } from "~/fees/rates.server";
import { AreaFeesView } from "~/fees/components/rates-area";
import { nodeHref } from "~/platform/components/area-view";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.arrears.area.title");

// Fees of every compound under a city, district, street or community (fees:supervise), in a fixed number of queries.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "fees:supervise", ["city", "district", "street", "community"]);
  const t = now();
  const p = AreaFeesListSchema.parse(searchParamsObject(new URL(request.url)));
  const asOf = reportAsOf(p.asOf, t);
  const r = await areaFeesOverview(await getDb(), node.path, p, asOf);
  return {
    node: { id: node.id, name: node.name, href: nodeHref(node) },
    year: r.year,
    asOf: asOf.day,
    today: reportAsOf(undefined, t).day,
    params: p,
    rows: r.rows,
    total: r.total,
  };
}

export default function AreaFees() {
  return <AreaFeesView d={useLoaderData<typeof loader>()} />;
}
