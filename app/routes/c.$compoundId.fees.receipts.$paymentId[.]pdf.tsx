import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { getLocale } from "~/i18n/i18n.server";
import { paymentOf } from "~/fees/payments.server";
import { receiptAccess, receiptData, receiptPdf, receiptPdfResponse } from "~/fees/receipt.server";

// The receipt as an A5 PDF with the Chinese font embedded, for the same people who see the receipt page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const db = await getDb();
  const p = await paymentOf(db, node.id, params.paymentId ?? "");
  if (!p) throw notFound();
  const access = await receiptAccess(db, { userId: actor.user.id, grants: actor.grants }, node, p, now());
  if (!access) throw notFound();
  const d = await receiptData(db, node.id, p.id, { maskPayer: access.maskPayer });
  if (!d) throw notFound();
  return receiptPdfResponse(await receiptPdf(d, await getLocale(request)), `receipt-${d.receiptNo}.pdf`);
}
