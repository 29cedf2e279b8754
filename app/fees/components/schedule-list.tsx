import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { RateText } from "./billing-money";

export type ScheduleOnPage = {
  id: string;
  itemName: string;
  basis: "area" | "space" | "unit";
  rateFen: number;
  unitKinds: string[];
  fromDay: string;
  toDay: string | null;
  dueDayOfMonth: number | null;
  createdAt: Date | string;
  createdByName: string | null;
  endedByName: string | null;
  current: boolean;
};
export type ItemOnPage = { itemCode: string; itemName: string; basis: "area" | "space" | "unit"; schedules: ScheduleOnPage[] };

/** The error of the end form that was submitted, with the month it names. */
export type EndError = { scheduleId: string; key: string; month?: string };

/** Each fee item with its schedules, newest first; collectors get a form to end one that is open or ends later. */
export function ScheduleItems({ items, collects, today, endError }: { items: ItemOnPage[]; collects: boolean; today: string; endError?: EndError | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      {items.map((item) => (
        <section key={item.itemCode} className="card" aria-labelledby={`item-${item.itemCode}`}>
          <h2 id={`item-${item.itemCode}`}>
            {item.itemName} <span className="muted">· {item.itemCode} · {t(`fees.billing.bases.${item.basis}`)}</span>
          </h2>
          <div className="table-wrap" role="region" aria-label={item.itemName} tabIndex={0}>
            <table className="data">
              <caption className="visually-hidden">{item.itemName}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fees.billing.schedules.rate")}</th>
                  <th scope="col">{t("fees.billing.schedules.fromDay")}</th>
                  <th scope="col">{t("fees.billing.schedules.toDay")}</th>
                  <th scope="col">{t("fees.billing.schedules.unitKinds")}</th>
                  <th scope="col">{t("fees.billing.schedules.dueDay")}</th>
                  <th scope="col">{t("fees.billing.schedules.setBy")}</th>
                </tr>
              </thead>
              <tbody>
                {item.schedules.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <RateText basis={s.basis} rateFen={s.rateFen} /> {s.current ? <span className="tag">{t("fees.billing.schedules.current")}</span> : null}
                    </td>
                    <td>{s.fromDay}</td>
                    <td>
                      {s.toDay ?? t("fees.billing.schedules.open")}
                      {s.endedByName ? <div className="muted">{t("fees.billing.schedules.endedBy")}：{s.endedByName}</div> : null}
                    </td>
                    <td>{s.unitKinds.map((k) => t(`registry.kinds.${k}`)).join("、")}</td>
                    <td>{s.dueDayOfMonth ? t("fees.billing.schedules.dueDayValue", { day: s.dueDayOfMonth }) : t("fees.billing.schedules.dueDayDefault")}</td>
                    <td>{t("fees.billing.schedules.byOn", { name: s.createdByName ?? "—", at: formatDateTime(s.createdAt, locale) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {collects
            ? item.schedules
                .filter((s) => s.toDay === null || s.toDay > today)
                .map((s) => <EndScheduleForm key={s.id} schedule={s} error={endError?.scheduleId === s.id ? endError : null} />)
            : null}
        </section>
      ))}
    </>
  );
}

function EndScheduleForm({ schedule, error }: { schedule: ScheduleOnPage; error: EndError | null }) {
  const { t } = useTranslation();
  const id = `end-${schedule.id}`;
  return (
    <Form method="post" className="actions" aria-label={t("fees.billing.schedules.endTitle")} style={{ alignItems: "end", marginTop: "1rem" }}>
      <input type="hidden" name="intent" value="end" />
      <input type="hidden" name="scheduleId" value={schedule.id} />
      <div className="field">
        <label htmlFor={id}>
          {t("fees.billing.schedules.endTitle")} · <RateText basis={schedule.basis} rateFen={schedule.rateFen} />
        </label>
        <span className="hint" id={`${id}-hint`}>
          {t("fees.billing.schedules.endHint")}
        </span>
        <input
          id={id}
          name="toDay"
          type="date"
          required
          min={schedule.fromDay}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        {error ? (
          <span className="error" id={`${id}-error`} role="alert">
            {t(error.key, { month: error.month })}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn secondary">
        {t("fees.billing.schedules.endSubmit")}
      </button>
    </Form>
  );
}
