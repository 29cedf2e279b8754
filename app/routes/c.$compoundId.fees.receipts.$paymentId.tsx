import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { paymentOf } from "~/fees/payments.server";
import { receiptAccess, receiptData } from "~/fees/receipt.server";
import { BackLink, ReceiptView } from "~/fees/components/receipt-view";
import { titled } from "~/ui/meta";

export const meta = titled("fees.payments.receipt.title");

// A payment's receipt, printable: for the collecting body's staff, fees:view holders (payer masked) and the payer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const db = await getDb();
  const p = await paymentOf(db, node.id, params.paymentId ?? "");
  if (!p) throw notFound();
  const access = await receiptAccess(db, { userId: actor.user.id, grants: actor.grants }, node, p, now());
  if (!access) throw notFound();
  const d = await receiptData(db, node.id, p.id, { maskPayer: access.maskPayer });
  if (!d) throw notFound();
  return { node: { id: node.id, name: node.name }, staff: access.staff, receipt: d };
}

export default function ReceiptPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const done = search.get("done");
  const back = d.staff ? { to: `/c/${d.node.id}/fees/payments`, label: t("fees.payments.list.title") } : { to: `/c/${d.node.id}/bills`, label: t("fees.payments.mine.title") };
  return (
    <>
      <BackLink to={back.to} label={back.label} />
      {done ? (
        <p className="alert ok no-print" role="status">
          {t(`fees.payments.done.${done === "reversed" ? "reversed" : done === "already" ? "already" : "recorded"}`)}
        </p>
      ) : null}
      <ReceiptView d={d.receipt} pdfHref={`/c/${d.node.id}/fees/receipts/${d.receipt.paymentId}.pdf`} />
    </>
  );
}
