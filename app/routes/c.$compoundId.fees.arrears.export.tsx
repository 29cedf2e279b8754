import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { ArrearsListSchema } from "~/fees/arrears-schema";
import { listArrears } from "~/fees/arrears.server";
import { feesViewer, reportAsOf } from "~/fees/home.server";
import { parseAmountFen } from "~/fees/rules";
import { yuanText } from "~/fees/words";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

/** The arrears list with the page's filters and sort as CSV or XLSX (names masked as on the page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const p = ArrearsListSchema.parse(searchParamsObject(new URL(request.url)));
  const viewer = await feesViewer(db, actor, node, t);
  const asOf = reportAsOf(p.asOf, t);
  const min = p.min ? parseAmountFen(p.min) : null;
  const filters = { buildingId: p.building, bucket: p.bucket, minFen: min?.ok ? min.value : undefined, q: p.q, searchNames: true };
  const { rows } = await listArrears(db, node.id, p, filters, asOf, { seesNames: viewer.collects }, { all: true });
  return exportResponse(p.format ?? "csv", `arrears-${node.id}-${asOf.day}`, [
    { header: "as_of", value: () => asOf.day },
    { header: "building", value: (r) => r.buildingName },
    { header: "unit", value: (r) => r.unitNumber },
    { header: "payer", value: (r) => r.payerName },
    { header: "payer_kind", value: (r) => r.payerKind },
    { header: "outstanding_yuan", value: (r) => yuanText(r.outstandingFen) },
    { header: "oldest_due_day", value: (r) => r.oldestDueDay },
    { header: "days_overdue", value: (r) => r.daysOverdue },
    { header: "bucket", value: (r) => r.bucket },
    { header: "bills", value: (r) => r.bills },
    { header: "last_reminder_day", value: (r) => r.lastReminderDay },
  ], rows);
}
