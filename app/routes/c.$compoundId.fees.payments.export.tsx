import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { shanghaiIso } from "~/i18n/format";
import { collectorSide, listPayments } from "~/fees/payments.server";
import { PaymentsListSchema } from "~/fees/payments-schema";
import { yuanText } from "~/fees/words";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

// The payments list as CSV or XLSX, with the list's filters and sort (payers masked unless one collects).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:view", ["compound"]);
  const db = await getDb();
  const p = PaymentsListSchema.parse(searchParamsObject(new URL(request.url)));
  const { collects } = await collectorSide(db, { userId: actor.user.id, grants: actor.grants }, node, now());
  const { rows } = await listPayments(db, node.id, p, { collects, all: true });
  return exportResponse(p.format ?? "csv", `payments-${node.id}`, [
    { header: "receipt_no", value: (r) => r.receiptNo },
    { header: "paid_at", value: (r) => shanghaiIso(r.paidAt) },
    { header: "building", value: (r) => r.building },
    { header: "unit", value: (r) => r.number },
    { header: "payer", value: (r) => r.payerName },
    { header: "method", value: (r) => r.method },
    // The signed integer as a number (a text starting with "-" would be quoted against formula injection).
    { header: "amount_fen", value: (r) => r.amountFen },
    { header: "amount_yuan", value: (r) => yuanText(r.amountFen) },
    { header: "reverses_receipt_no", value: (r) => r.reversesNo },
    { header: "reversed_by_receipt_no", value: (r) => r.reversedByNo },
    { header: "reference", value: (r) => r.reference },
    { header: "note", value: (r) => r.note },
    { header: "recorded_by", value: (r) => r.recordedBy },
    { header: "voucher", value: (r) => (r.hasVoucher ? "yes" : "no") },
  ], rows);
}
