import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { yuanText } from "../words";

export type MyBillRow = {
  id: string;
  itemName: string;
  periodFrom: string;
  periodTo: string;
  dueDay: string;
  amountFen: number;
  paidFen: number;
  creditedFen: number;
  outstandingFen: number;
  status: "paid" | "due" | "overdue";
  daysOverdue: number;
};

export type MyUnit = {
  unitId: string;
  building: string;
  number: string;
  relation: "owner" | "resident" | "billed";
  open: MyBillRow[];
  settled: MyBillRow[];
  outstandingFen: number;
  dueNowFen: number;
  otherCollectorFen: number;
  creditFen: number;
  payments: { id: string; receiptNo: string; paidAt: Date; amountFen: number; method: string; isReversal: boolean; reversed: boolean }[];
};

const money = (fen: number) => `¥${yuanText(fen, { thousands: true })}`;

/** A bill as a short list item (no table: it reads on a 375 px phone with large text). */
function BillItem({ b }: { b: MyBillRow }) {
  const { t } = useTranslation();
  const period = b.periodFrom === b.periodTo ? b.periodFrom : t("fees.payments.receipt.periodRange", { from: b.periodFrom, to: b.periodTo });
  return (
    <li>
      <div className="actions" style={{ justifyContent: "space-between" }}>
        <strong>
          {b.itemName} · {period}
        </strong>
        <strong>{money(b.outstandingFen > 0 ? b.outstandingFen : b.amountFen)}</strong>
      </div>
      <div>
        {b.status === "overdue" ? (
          <span className="tag" style={{ borderColor: "var(--err)", color: "var(--err)" }}>
            {t("fees.payments.mine.overdue", { days: b.daysOverdue })}
          </span>
        ) : b.status === "due" ? (
          <span className="tag">{t("fees.payments.mine.dueBy", { day: b.dueDay })}</span>
        ) : (
          <span className="tag" style={{ borderColor: "var(--ok)", color: "var(--ok)" }}>
            {t("fees.payments.mine.paid")}
          </span>
        )}
        {b.status !== "paid" && b.paidFen + b.creditedFen > 0 ? <span className="muted"> {t("fees.payments.mine.partlyPaid", { billed: yuanText(b.amountFen, { thousands: true }), paid: yuanText(b.paidFen + b.creditedFen, { thousands: true }) })}</span> : null}
      </div>
    </li>
  );
}

/** One unit on the payer's page: what is due, the pay button, bills, credit and the payments with receipts. */
export function MyBillsUnit({ u, compoundId, online }: { u: MyUnit; compoundId: string; online: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card" aria-labelledby={`unit-${u.unitId}`}>
      <h2 id={`unit-${u.unitId}`} style={{ marginTop: 0 }}>
        {u.building} {u.number}
      </h2>
      {u.relation === "billed" ? <p className="muted">{t("fees.payments.mine.formerUnit")}</p> : null}
      {u.dueNowFen > 0 ? (
        <>
          <p>
            {t("fees.payments.mine.unitDue")} <span className="stat">{money(u.dueNowFen)}</span>
          </p>
          {online ? (
            <p>
              <Link className="btn" to={`/c/${compoundId}/bills/pay?unit=${encodeURIComponent(u.unitId)}`} style={{ fontSize: "1.15rem", minHeight: "3.25rem" }}>
                {t("fees.payments.mine.payButton")}
              </Link>
            </p>
          ) : (
            <p className="muted">{t("fees.payments.mine.payOffline")}</p>
          )}
        </>
      ) : (
        <>
          <p className="alert ok">{t("fees.payments.mine.allPaid")}</p>
          {online ? (
            <p>
              <Link className="btn secondary" to={`/c/${compoundId}/bills/pay?unit=${encodeURIComponent(u.unitId)}`}>
                {t("fees.payments.mine.prepay")}
              </Link>
            </p>
          ) : null}
        </>
      )}
      {u.creditFen > 0 ? <p className="alert info">{t("fees.payments.mine.credit", { amount: yuanText(u.creditFen, { thousands: true }) })}</p> : null}
      {u.otherCollectorFen > 0 ? <p className="alert info">{t("fees.payments.mine.otherCollector", { amount: yuanText(u.otherCollectorFen, { thousands: true }) })}</p> : null}

      <h3>{t("fees.payments.mine.openTitle")}</h3>
      {u.open.length ? (
        <ul className="plain">
          {u.open.map((b) => (
            <BillItem key={b.id} b={b} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t("fees.payments.mine.noOpen")}</p>
      )}

      {u.settled.length ? (
        <details>
          <summary>{t("fees.payments.mine.settledTitle", { n: u.settled.length })}</summary>
          <ul className="plain">
            {u.settled.map((b) => (
              <BillItem key={b.id} b={b} />
            ))}
          </ul>
        </details>
      ) : null}

      <h3>{t("fees.payments.mine.paymentsTitle")}</h3>
      {u.payments.length ? (
        <ul className="plain">
          {u.payments.map((p) => (
            <li key={p.id}>
              <div className="actions" style={{ justifyContent: "space-between" }}>
                <span>
                  {formatDate(p.paidAt, locale)} · {t(`fees.payments.methods.${p.method}`)}
                </span>
                <strong>{p.isReversal ? t("fees.payments.mine.reversalAmount", { amount: yuanText(-p.amountFen, { thousands: true }) }) : money(p.amountFen)}</strong>
              </div>
              <div className="actions">
                <span className="muted">{t("fees.payments.receipt.number", { no: p.receiptNo })}</span>
                {p.reversed ? <span className="tag">{t("fees.payments.status.reversed")}</span> : null}
                <Link to={`/c/${compoundId}/fees/receipts/${p.id}`}>{t("fees.payments.mine.viewReceipt")}</Link>
                <a href={`/c/${compoundId}/fees/receipts/${p.id}.pdf`}>{t("fees.payments.mine.receiptPdf")}</a>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("fees.payments.mine.noPayments")}</p>
      )}
    </section>
  );
}
