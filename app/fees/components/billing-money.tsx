import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { yuanText } from "../words";

/** Integer fen as ¥ figures with thousands separators (no floats). */
export function useMoney() {
  const { t } = useTranslation();
  return (fen: number) => t("fees.billing.yuan", { amount: yuanText(fen, { thousands: true }) });
}

/** A schedule's rate in words of its basis: "1.50 元/平方米·月". */
export function RateText({ basis, rateFen }: { basis: "area" | "space" | "unit"; rateFen: number }) {
  const { t } = useTranslation();
  return <>{t(`fees.billing.rateValue.${basis}`, { rate: yuanText(rateFen) })}</>;
}

/** Links between the billing pages, and back to the compound's fees. */
export function BillingNav({ compoundId, current }: { compoundId: string; current: "schedules" | "runs" | "bills" }) {
  const { t } = useTranslation();
  const pages = ["schedules", "runs", "bills"] as const;
  return (
    <nav aria-label={t("fees.title")} className="actions" style={{ marginBottom: "1rem" }}>
      <Link to={`/c/${compoundId}/fees`}>← {t("fees.billing.nav.back")}</Link>
      {pages.map((p) =>
        p === current ? (
          <strong key={p} aria-current="page">
            {t(`fees.billing.nav.${p}`)}
          </strong>
        ) : (
          <Link key={p} to={`/c/${compoundId}/fees/${p}`}>
            {t(`fees.billing.nav.${p}`)}
          </Link>
        ),
      )}
    </nav>
  );
}
