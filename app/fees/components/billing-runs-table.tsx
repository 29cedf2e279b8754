import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { useMoney } from "./billing-money";

export type RunOnPage = {
  id: string;
  itemCode: string;
  periodKind: "month" | "quarter" | "year";
  periodFrom: string;
  periodTo: string;
  status: "running" | "done" | "reversed";
  stopped: boolean;
  unitsTotal: number;
  unitsDone: number;
  billsCreated: number;
  totalFen: number;
  startedAt: Date | string;
  startedByName: string | null;
};

export function RunStatus({ run }: { run: Pick<RunOnPage, "status" | "stopped"> }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`fees.billing.runs.statuses.${run.stopped ? "stopped" : run.status}`)}</span>;
}

/** The compound's billing runs, newest first. */
export function BillingRunsTable({ runs, compoundId, itemNames }: { runs: RunOnPage[]; compoundId: string; itemNames: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const locale = i18n.language as Locale;
  if (!runs.length) return <p>{t("fees.billing.runs.none")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("fees.billing.runs.listTitle")} tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">{t("fees.billing.runs.listTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fees.billing.runs.startedAt")}</th>
            <th scope="col">{t("fees.billing.runs.item")}</th>
            <th scope="col">{t("fees.billing.run.period")}</th>
            <th scope="col">{t("fees.billing.run.status")}</th>
            <th scope="col" className="num">
              {t("fees.billing.runs.progress")}
            </th>
            <th scope="col" className="num">
              {t("fees.billing.runs.billsColumn")}
            </th>
            <th scope="col" className="num">
              {t("fees.billing.runs.total")}
            </th>
            <th scope="col">{t("fees.billing.runs.startedBy")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/c/${compoundId}/fees/runs/${r.id}`}>{formatDateTime(r.startedAt, locale)}</Link>
              </td>
              <td>{itemNames[r.itemCode] ?? r.itemCode}</td>
              <td>
                {r.periodFrom === r.periodTo ? r.periodFrom : t("fees.billing.periodValue", { from: r.periodFrom, to: r.periodTo })} <span className="muted">{t(`fees.billing.periodKinds.${r.periodKind}`)}</span>
              </td>
              <td>
                <RunStatus run={r} />
              </td>
              <td className="num">
                {Math.min(r.unitsDone, r.unitsTotal)} / {r.unitsTotal}
              </td>
              <td className="num">{r.billsCreated}</td>
              <td className="num">{money(r.totalFen)}</td>
              <td>{r.startedByName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
