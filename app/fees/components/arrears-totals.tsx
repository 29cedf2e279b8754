import { useTranslation } from "react-i18next";
import { AGING_BUCKETS, type AgingBucket } from "../rules";
import { yuan } from "./rates-figures";

type Total = { payers: number; totalFen: number; buckets: Record<AgingBucket, number> };
type Totals = Total & { buildings: (Total & { id: string; name: string })[] };

/** Arrears per building and for the compound by bucket (each bill in the bucket of its own age), with payers owing. */
export function ArrearsTotalsTable({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const caption = t("fees.arrears.totalsHeading");
  if (totals.payers === 0) return <p className="muted" data-testid="arrears-none">{t("fees.arrears.noArrears")}</p>;
  const row = (key: string, name: string, x: Total, strong = false) => (
    <tr key={key} data-testid={`arrears-total-${key}`}>
      <th scope="row">{strong ? <strong>{name}</strong> : name}</th>
      <td className="num">{x.payers}</td>
      {AGING_BUCKETS.map((b) => (
        <td key={b} className="num">
          {yuan(x.buckets[b])}
        </td>
      ))}
      <td className="num">{strong ? <strong>{yuan(x.totalFen)}</strong> : yuan(x.totalFen)}</td>
    </tr>
  );
  return (
    <>
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="data" data-testid="arrears-totals">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fees.arrears.building")}</th>
              <th scope="col" className="num">{t("fees.arrears.payers")}</th>
              {AGING_BUCKETS.map((b) => (
                <th key={b} scope="col" className="num">
                  {t(`fees.arrears.buckets.${b}`)}
                </th>
              ))}
              <th scope="col" className="num">{t("fees.arrears.total")}</th>
            </tr>
          </thead>
          <tbody>
            {totals.buildings.map((b) => row(b.id, b.name, b))}
            {row("compound", t("fees.arrears.compoundTotal"), totals, true)}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("fees.arrears.totalsNote")}</p>
    </>
  );
}
