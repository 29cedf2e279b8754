import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { yuanText } from "../words";

export type ReceiptViewData = {
  collector: string;
  compound: string;
  receiptNo: string;
  payerName: string;
  unit: string;
  method: string;
  paidAt: Date;
  recordedBy: string | null;
  reference: string | null;
  note: string | null;
  reversal: boolean;
  reversesNo: string | null;
  reversedBy: { receiptNo: string; at: Date; reason: string | null } | null;
  totalFen: number;
  totalWords: string;
  items: { billId: string; itemName: string; periodFrom: string; periodTo: string; fen: number }[];
  prepaidFen: number;
  laterApplied: { billId: string; itemName: string; periodFrom: string; periodTo: string; fen: number; at: Date }[];
};

const money = (fen: number) => `¥${yuanText(fen, { thousands: true })}`;

/** The printable receipt (HTML): the same content as the PDF; the page's links and buttons do not print. */
export function ReceiptView({ d, pdfHref }: { d: ReceiptViewData; pdfHref: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const period = (from: string, to: string) => (from === to ? from : t("fees.payments.receipt.periodRange", { from, to }));
  return (
    <article className="card" aria-labelledby="receipt-title" style={{ maxWidth: "44rem", marginLeft: "auto", marginRight: "auto" }}>
      <p style={{ textAlign: "center", margin: 0 }}>{d.collector}</p>
      <h1 id="receipt-title" style={{ textAlign: "center" }}>
        {t(d.reversal ? "fees.payments.receipt.reversalTitle" : "fees.payments.receipt.title")}
      </h1>
      {d.reversal ? (
        <p className="alert error" style={{ textAlign: "center" }}>
          {t("fees.payments.receipt.reversalLabel", { no: d.reversesNo ?? "" })}
        </p>
      ) : null}
      <p className="actions" style={{ justifyContent: "space-between" }}>
        <strong>{t("fees.payments.receipt.number", { no: d.receiptNo })}</strong>
        <span>{t("fees.payments.receipt.paidAtValue", { at: formatDateTime(d.paidAt, locale) })}</span>
      </p>
      <dl className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(12rem, 1fr))", margin: "0 0 1rem" }}>
        <div>
          <dt className="muted">{t("fees.payments.receipt.payer")}</dt>
          <dd style={{ margin: 0 }}>{d.payerName}</dd>
        </div>
        <div>
          <dt className="muted">{t("fees.payments.receipt.unit")}</dt>
          <dd style={{ margin: 0 }}>
            {d.compound} {d.unit}
          </dd>
        </div>
        <div>
          <dt className="muted">{t("fees.payments.receipt.method")}</dt>
          <dd style={{ margin: 0 }}>{t(`fees.payments.methods.${d.method}`)}</dd>
        </div>
        {d.reference ? (
          <div>
            <dt className="muted">{t("fees.payments.receipt.reference")}</dt>
            <dd style={{ margin: 0 }}>{d.reference}</dd>
          </div>
        ) : null}
      </dl>
      <div className="table-wrap" role="region" aria-label={t("fees.payments.receipt.itemsLabel")} tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">{t("fees.payments.receipt.itemsLabel")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fees.payments.receipt.item")}</th>
              <th scope="col">{t("fees.payments.receipt.period")}</th>
              <th scope="col" className="num">
                {t("fees.payments.receipt.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr key={i.billId}>
                <td>{i.itemName}</td>
                <td>{period(i.periodFrom, i.periodTo)}</td>
                <td className="num">{money(i.fen)}</td>
              </tr>
            ))}
            {d.prepaidFen > 0 ? (
              <tr>
                <td colSpan={2}>{t(d.reversal ? "fees.payments.receipt.prepaidReversed" : "fees.payments.receipt.prepaid")}</td>
                <td className="num">{money(d.prepaidFen)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t(d.reversal ? "fees.payments.receipt.totalReversal" : "fees.payments.receipt.total")}</th>
              <td>{t("fees.payments.receipt.inWords", { words: d.totalWords })}</td>
              <td className="num">
                <strong>{money(d.totalFen)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {d.note ? <p>{t(d.reversal ? "fees.payments.receipt.reason" : "fees.payments.receipt.note", { text: d.note })}</p> : null}
      {d.reversedBy ? (
        <p className="alert error">{t("fees.payments.receipt.reversedBy", { no: d.reversedBy.receiptNo, at: formatDateTime(d.reversedBy.at, locale) })}</p>
      ) : null}
      {d.laterApplied.length ? (
        <div>
          <h2>{t("fees.payments.receipt.laterTitle")}</h2>
          <ul className="plain">
            {d.laterApplied.map((a, i) => (
              <li key={`${a.billId}-${i}`}>
                {t("fees.payments.receipt.laterLine", { at: formatDateTime(a.at, locale), item: a.itemName, period: period(a.periodFrom, a.periodTo), amount: yuanText(a.fen, { thousands: true }) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="actions" style={{ justifyContent: "space-between", marginTop: "1.5rem" }}>
        <span>{t("fees.payments.receipt.collectorSeal", { name: d.collector })}</span>
        <span>{t("fees.payments.receipt.handledBy", { name: d.recordedBy ?? t("fees.payments.receipt.online") })}</span>
      </p>
      <p className="muted">{t("fees.payments.receipt.footer")}</p>
      <p className="actions no-print">
        <a className="btn" href={pdfHref}>
          {t("fees.payments.receipt.downloadPdf")}
        </a>
        <PrintButton />
      </p>
    </article>
  );
}

/** Print the page (hidden before hydration would do nothing, so it is a real button only once scripts run). */
function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn secondary" onClick={() => window.print()}>
      {t("fees.payments.receipt.print")}
    </button>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="no-print">
      <Link to={to}>← {label}</Link>
    </p>
  );
}
