import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { AreaFeesListSchema } from "~/fees/arrears-schema";
import { reportAsOf } from "~/fees/home.server";
import { areaFeesOverview } from "~/fees/rates.server";
import { percentText } from "~/fees/rules";
import { yuanText } from "~/fees/words";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

/** The area fees overview with the page's filters and sort, as CSV or XLSX. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "fees:supervise", ["city", "district", "street", "community"]);
  const p = AreaFeesListSchema.parse(searchParamsObject(new URL(request.url)));
  const asOf = reportAsOf(p.asOf, now());
  const { rows, year } = await areaFeesOverview(await getDb(), node.path, p, asOf, { all: true });
  return exportResponse(p.format ?? "csv", `fees-${node.id}-${asOf.day}`, [
    { header: "as_of", value: () => asOf.day },
    { header: "year", value: () => year },
    { header: "compound_id", value: (r) => r.compoundId },
    { header: "compound", value: (r) => r.compoundName },
    { header: "collector_kind", value: (r) => r.collector?.kind ?? "none" },
    { header: "collector", value: (r) => r.collector?.name ?? null },
    { header: "billed_yuan", value: (r) => yuanText(r.billedFen) },
    { header: "credited_yuan", value: (r) => yuanText(r.creditedFen) },
    { header: "paid_yuan", value: (r) => yuanText(r.paidFen) },
    { header: "outstanding_yuan", value: (r) => yuanText(r.outstandingFen) },
    { header: "collection_rate", value: (r) => (r.rate ? percentText(r.rate, 2) : null) },
    { header: "arrears_over_90_days_yuan", value: (r) => yuanText(r.arrears91Fen) },
  ], rows);
}
