import { useTranslation } from "react-i18next";
import { percentText, type Fraction } from "../rules";
import { yuanText } from "../words";

type Figures = { billedFen: number; creditedFen: number; paidFen: number; outstandingFen: number; rate: Fraction | null };

/** A collection rate as "66.7%" (exact fraction, rounded once), or a dash when nothing was billed net. */
export function RatePercent({ rate }: { rate: Fraction | null }) {
  const { t } = useTranslation();
  return rate ? <>{percentText(rate)}</> : <span className="muted" title={t("fees.arrears.home.noBills")}>{t("fees.arrears.home.noRate")}</span>;
}

/** 1234567 → "12,345.67" (yuan, for tables whose header says 元). */
export const yuan = (fen: number) => yuanText(fen, { thousands: true });

/** One period's collection: the rate, by households, and billed / credited / paid / unpaid. */
export function RateCard({ id, title, f, households }: { id: string; title: string; f: Figures; households: Fraction | null }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id} data-testid={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t("fees.arrears.home.rate")}
      </p>
      <p className="stat" style={{ margin: "0 0 .5rem" }} data-testid={`${id}-rate`}>
        <RatePercent rate={f.rate} />
      </p>
      <dl className="grid" style={{ margin: 0, gridTemplateColumns: "repeat(auto-fill, minmax(8rem, 1fr))" }}>
        <div>
          <dt className="muted">{t("fees.arrears.home.households")}</dt>
          <dd style={{ margin: 0 }}>{households ? t("fees.arrears.home.householdsValue", { percent: percentText(households), num: households.num, den: households.den }) : t("fees.arrears.home.noRate")}</dd>
        </div>
        <div>
          <dt className="muted">{t("fees.arrears.home.billed")}</dt>
          <dd style={{ margin: 0 }}>¥{yuan(f.billedFen)}</dd>
        </div>
        <div>
          <dt className="muted">{t("fees.arrears.home.credited")}</dt>
          <dd style={{ margin: 0 }}>¥{yuan(f.creditedFen)}</dd>
        </div>
        <div>
          <dt className="muted">{t("fees.arrears.home.paid")}</dt>
          <dd style={{ margin: 0 }}>¥{yuan(f.paidFen)}</dd>
        </div>
        <div>
          <dt className="muted">{t("fees.arrears.home.unpaid")}</dt>
          <dd style={{ margin: 0 }}>¥{yuan(f.outstandingFen)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The last 12 months: billed, credited, paid, unpaid and the rate of each month's bills. */
export function RatesMonthsTable({ months }: { months: (Figures & { month: string })[] }) {
  const { t } = useTranslation();
  const caption = t("fees.arrears.home.monthsHeading");
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data" data-testid="rates-months">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fees.arrears.home.month")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.billed")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.credited")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.paid")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.unpaid")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {[...months].reverse().map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              <td className="num">{yuan(m.billedFen)}</td>
              <td className="num">{yuan(m.creditedFen)}</td>
              <td className="num">{yuan(m.paidFen)}</td>
              <td className="num">{yuan(m.outstandingFen)}</td>
              <td className="num">
                <RatePercent rate={m.rate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** This month's and this year's rate per building. */
export function RatesBuildingsTable({ buildings }: { buildings: { id: string; name: string; month: Figures; year: Figures }[] }) {
  const { t } = useTranslation();
  const caption = t("fees.arrears.home.buildingsHeading");
  if (buildings.length === 0) return <p className="muted">{t("fees.arrears.home.noBills")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data" data-testid="rates-buildings">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fees.arrears.building")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.buildingMonth")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.buildingYear")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.billed")}</th>
            <th scope="col" className="num">{t("fees.arrears.home.paid")}</th>
          </tr>
        </thead>
        <tbody>
          {buildings.map((b) => (
            <tr key={b.id}>
              <th scope="row">{b.name}</th>
              <td className="num">
                <RatePercent rate={b.month.rate} />
              </td>
              <td className="num">
                <RatePercent rate={b.year.rate} />
              </td>
              <td className="num">{yuan(b.year.billedFen)}</td>
              <td className="num">{yuan(b.year.paidFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
