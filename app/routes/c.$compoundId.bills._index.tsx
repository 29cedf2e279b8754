import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { myBills } from "~/fees/my-bills.server";
import { onlineProvider } from "~/fees/provider.server";
import { MyBillsUnit } from "~/fees/components/mybills-unit";
import { yuanText } from "~/fees/words";
import { titled } from "~/ui/meta";

export const meta = titled("fees.payments.mine.title");

const DONE = ["paid", "pending", "cancelled", "payfailed"] as const;

// An owner's or resident's own bills (fees:pay): what is due and overdue, credit, payments with receipts, pay online.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:pay", ["compound"]);
  const page = await myBills(await getDb(), actor.user.id, node.id, now());
  const provider = onlineProvider();
  return { node: { id: node.id, name: node.name }, online: provider !== null && page.collector !== null, ...page };
}

export default function MyBillsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const done = search.get("done");
  const message = (DONE as readonly string[]).includes(done ?? "") ? done : null;
  return (
    <div style={{ maxWidth: "40rem", margin: "0 auto", fontSize: "1.05rem" }}>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>{t("fees.payments.mine.title")}</h1>
      {message ? (
        <p className={message === "paid" ? "alert ok" : message === "payfailed" ? "alert error" : "alert info"} role="status">
          {t(`fees.payments.mine.done.${message}`)}
        </p>
      ) : null}
      {d.units.length === 0 ? (
        <div className="card">
          <p>{t("fees.payments.mine.noUnits")}</p>
          <p>
            <Link to="/claims">{t("fees.payments.mine.claim")}</Link>
          </p>
        </div>
      ) : (
        <>
          <section className="card" aria-labelledby="total-title">
            <h2 id="total-title" style={{ marginTop: 0 }}>
              {t("fees.payments.mine.totalTitle")}
            </h2>
            <p className="stat">¥{yuanText(d.totalDueFen, { thousands: true })}</p>
            {d.totalOverdueFen > 0 ? <p>{t("fees.payments.mine.totalOverdue", { amount: yuanText(d.totalOverdueFen, { thousands: true }) })}</p> : null}
            {d.totalCreditFen > 0 ? <p>{t("fees.payments.mine.totalCredit", { amount: yuanText(d.totalCreditFen, { thousands: true }) })}</p> : null}
            <p className="muted">{d.collector ? t("fees.payments.collectorLine", { name: d.collector.name }) : t("fees.payments.noCollector")}</p>
            <p className="muted">{t("fees.payments.mine.polite")}</p>
          </section>
          {d.units.map((u) => (
            <MyBillsUnit key={u.unitId} u={u} compoundId={d.node.id} online={d.online} />
          ))}
        </>
      )}
    </div>
  );
}
