import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { shanghaiDay } from "~/platform/days";
import { feesAccess, listBills } from "~/fees/billing.server";
import { BillListSchema } from "~/fees/billing-schema";
import { yuanText } from "~/fees/words";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

/** GET /c/:compoundId/fees/bills/export?format=csv|xlsx — the bills list with its filters; payer names masked unless the reader collects. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, collects } = await feesAccess(request, params.compoundId, "view");
  const p = BillListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listBills(await getDb(), node.id, p, shanghaiDay(now()), { revealNames: collects, all: true });
  return exportResponse(p.format ?? "csv", `bills-${node.id}`, [
    { header: "bill_id", value: (r) => r.id },
    { header: "building", value: (r) => r.buildingName },
    { header: "unit", value: (r) => r.unitNumber },
    { header: "item_code", value: (r) => r.itemCode },
    { header: "item", value: (r) => r.itemName },
    { header: "period_from", value: (r) => r.periodFrom },
    { header: "period_to", value: (r) => r.periodTo },
    { header: "months", value: (r) => r.months },
    { header: "payer_kind", value: (r) => r.payerKind },
    { header: "payer", value: (r) => r.payerName },
    { header: "amount_yuan", value: (r) => yuanText(r.amountFen) },
    { header: "paid_yuan", value: (r) => yuanText(r.paidFen) },
    { header: "credited_yuan", value: (r) => yuanText(r.creditedFen) },
    { header: "outstanding_yuan", value: (r) => yuanText(r.outstandingFen) },
    { header: "due_day", value: (r) => r.dueDay },
    { header: "days_overdue", value: (r) => r.daysOverdue },
    { header: "status", value: (r) => r.state },
    { header: "run_id", value: (r) => r.runId },
  ], rows);
}
