import { useTranslation } from "react-i18next";
import { yuanText } from "../words";

export type MembersPaymentsView = {
  asOf: string;
  hasBills: boolean;
  members: { memberId: string; name: string; role: string; paidUp: boolean; owesFen: number; oldestDueDay: string | null }[];
};

/** The committee members' own fee payments, as of the end of the last half-year (Beijing Art. 44). */
export function MembersPaymentsSection({ p }: { p: MembersPaymentsView | null }) {
  const { t } = useTranslation();
  if (!p) return null;
  const caption = t("fees.arrears.committee.heading");
  return (
    <section aria-labelledby="cm-payments" data-testid="member-payments">
      <h2 id="cm-payments">{caption}</h2>
      <p className="muted">{t("fees.arrears.committee.intro", { day: p.asOf })}</p>
      {!p.hasBills ? (
        <p className="muted">{t("fees.arrears.committee.noBills")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="data">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fees.arrears.committee.member")}</th>
                <th scope="col">{t("fees.arrears.committee.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.members.map((m) => (
                <tr key={m.memberId} data-testid={`member-payment-${m.memberId}`}>
                  <th scope="row">
                    {m.name} <span className="muted">{t(`committees.roles.${m.role}`)}</span>
                  </th>
                  <td>{m.paidUp ? t("fees.arrears.committee.paidUp") : t("fees.arrears.committee.owes", { amount: yuanText(m.owesFen, { thousands: true }), due: m.oldestDueDay })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
