import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FeesHome } from "../home.server";
import { ArrearsTotalsTable } from "./arrears-totals";
import { RateCard, RatesBuildingsTable, RatesMonthsTable } from "./rates-figures";

export type FeesHomeData = FeesHome & {
  node: { id: string; name: string };
  collector: { name: string; kind: "company" | "owners" | "community" } | null;
  collects: boolean;
  asOf: string;
  today: string;
};

/** The compound's fees home: who collects, this month's and this year's collection rate, arrears by age, links to the fee pages, 12 months and buildings. */
export function FeesHomeView({ d }: { d: FeesHomeData }) {
  const { t } = useTranslation();
  const base = `/c/${d.node.id}/fees`;
  const r = d.rates;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("fees.arrears.home.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.arrears.home.intro")}</p>
      <section className="card" aria-labelledby="fees-collector">
        <h2 id="fees-collector" style={{ marginTop: 0 }}>
          {t("fees.arrears.collector")}
        </h2>
        <p data-testid="fees-collector" style={{ margin: 0 }}>
          {d.collector ? (
            <>
              <strong>{d.collector.name}</strong> <span className="tag">{t(`fees.arrears.collectorKinds.${d.collector.kind}`)}</span>
            </>
          ) : (
            t("fees.arrears.noCollector")
          )}
        </p>
      </section>
      <nav aria-labelledby="fees-links" className="card">
        <h2 id="fees-links" style={{ marginTop: 0 }}>
          {t("fees.arrears.home.links")}
        </h2>
        <p className="actions" style={{ margin: 0 }}>
          <Link className="btn secondary" to={`${base}/schedules`}>
            {t("fees.arrears.home.schedules")}
          </Link>
          <Link className="btn secondary" to={`${base}/runs`}>
            {t("fees.arrears.home.runs")}
          </Link>
          <Link className="btn secondary" to={`${base}/bills`}>
            {t("fees.arrears.home.bills")}
          </Link>
          <Link className="btn secondary" to={`${base}/payments`}>
            {t("fees.arrears.home.payments")}
          </Link>
          <Link className="btn secondary" to={`${base}/arrears`}>
            {t("fees.arrears.home.arrearsLink")}
          </Link>
        </p>
      </nav>
      <Form method="get" className="actions" style={{ marginBottom: "1rem" }}>
        <label htmlFor="fees-asof">{t("fees.arrears.asOf")}</label>
        <input id="fees-asof" name="asOf" type="date" defaultValue={d.asOf} max={d.today} style={{ width: "auto" }} />
        <button type="submit" className="btn small secondary">
          {t("fees.arrears.apply")}
        </button>
      </Form>
      <p className="muted">{t("fees.arrears.asOfValue", { day: d.asOf })}</p>
      <div className="grid">
        <RateCard id="rate-month" title={t("fees.arrears.home.thisMonth", { month: r.month })} f={r.thisMonth} households={r.thisMonth.households} />
        <RateCard id="rate-year" title={t("fees.arrears.home.thisYear", { year: r.year })} f={r.thisYear} households={r.thisYear.households} />
      </div>
      <h2>{t("fees.arrears.home.arrearsHeading")}</h2>
      <ArrearsTotalsTable totals={d.arrears} />
      <p>
        <Link to={`${base}/arrears?asOf=${d.asOf}`}>{t("fees.arrears.home.arrearsLink")} →</Link>
      </p>
      <h2>{t("fees.arrears.home.monthsHeading")}</h2>
      <RatesMonthsTable months={r.months} />
      <h2>{t("fees.arrears.home.buildingsHeading")}</h2>
      <RatesBuildingsTable buildings={r.buildings} />
    </>
  );
}
