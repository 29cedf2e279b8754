import { usePollWhile } from "~/ui/use-poll-while";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { useMoney } from "./billing-money";
import { RunStatus, type RunOnPage } from "./billing-runs-table";

export type RunDetail = RunOnPage & { active: boolean; collectorKey: string; finishedAt: Date | string | null; unitsBilled?: number; creditedFen?: number };

/** A run: what it bills, its progress while running (refreshing itself), its outcome, and for collectors continue / reverse. */
export function BillingRunPanel({ run, itemName, compoundId, collects, reverseErrors }: { run: RunDetail; itemName: string; compoundId: string; collects: boolean; reverseErrors?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const money = useMoney();
  const busy = useNavigation().state === "submitting";
  const running = run.status === "running" && !run.stopped;
  usePollWhile(running);
  const done = Math.min(run.unitsDone, run.unitsTotal);
  return (
    <>
      <section className="card" aria-labelledby="run-title">
        <h2 id="run-title">
          {itemName} · {run.periodFrom === run.periodTo ? run.periodFrom : t("fees.billing.periodValue", { from: run.periodFrom, to: run.periodTo })} <RunStatus run={run} />
        </h2>
        <dl className="grid" style={{ margin: "0 0 1rem", gridTemplateColumns: "repeat(auto-fill, minmax(10rem, 1fr))" }}>
          <div>
            <dt>{t("fees.billing.run.startedBy")}</dt>
            <dd>{run.startedByName ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("fees.billing.run.startedAt")}</dt>
            <dd>{formatDateTime(run.startedAt, locale)}</dd>
          </div>
          {run.finishedAt ? (
            <div>
              <dt>{t("fees.billing.run.finishedAt")}</dt>
              <dd>{formatDateTime(run.finishedAt, locale)}</dd>
            </div>
          ) : null}
        </dl>
        <progress id="run-progress" value={done} max={Math.max(1, run.unitsTotal)} aria-label={t("fees.billing.run.progress")} style={{ width: "100%", height: "1.5rem" }} />
        <p aria-live="polite" role="status">
          {t("fees.billing.run.progressText", { done, total: run.unitsTotal, bills: run.billsCreated })}
        </p>
        {running ? <p>{t("fees.billing.run.running")}</p> : null}
        {run.stopped ? (
          <div className="alert error" role="alert">
            <p style={{ margin: 0 }}>{t("fees.billing.run.stopped")}</p>
            {collects ? (
              <Form method="post" style={{ marginTop: ".5rem" }}>
                <input type="hidden" name="intent" value="continue" />
                <button type="submit" className="btn" disabled={busy}>
                  {t("fees.billing.run.continue")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {run.status === "done" ? (
          <p className={run.billsCreated === 0 ? "alert info" : "alert ok"} role="status">
            {run.billsCreated === 0
              ? t("fees.billing.run.zeroText", { units: run.unitsTotal })
              : t("fees.billing.run.doneText", { bills: run.billsCreated, total: money(run.totalFen), units: run.unitsBilled ?? 0 })}
          </p>
        ) : null}
        {run.status === "reversed" ? (
          <p className="alert info" role="status">
            {t("fees.billing.run.reversedText", { credited: money(run.creditedFen ?? 0) })}
          </p>
        ) : null}
        {run.billsCreated > 0 ? (
          <p>
            <Link to={`/c/${compoundId}/fees/bills?run=${run.id}`}>{t("fees.billing.run.viewBills")}</Link>
          </p>
        ) : null}
      </section>
      {collects && run.status === "done" && run.billsCreated > 0 ? (
        <section className="card narrow" aria-labelledby="reverse-title">
          <h2 id="reverse-title">{t("fees.billing.run.reverseTitle")}</h2>
          <p className="muted">{t("fees.billing.run.reverseIntro")}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="reverse" />
            {reverseErrors?._form ? (
              <div className="alert error" role="alert">
                {t(reverseErrors._form)}
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="reverse-reason">{t("fees.billing.run.reason")}</label>
              <input id="reverse-reason" name="reason" maxLength={200} aria-invalid={reverseErrors?.reason ? true : undefined} aria-describedby={reverseErrors?.reason ? "reverse-reason-error" : undefined} />
              {reverseErrors?.reason ? (
                <span className="error" id="reverse-reason-error" role="alert">
                  {t(reverseErrors.reason)}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="confirm" value="on" style={{ width: "auto", minHeight: 0 }} aria-describedby={reverseErrors?.confirm ? "reverse-confirm-error" : undefined} /> {t("fees.billing.run.confirm")}
              </label>
              {reverseErrors?.confirm ? (
                <span className="error" id="reverse-confirm-error" role="alert">
                  {t(reverseErrors.confirm)}
                </span>
              ) : null}
            </div>
            <button type="submit" className="btn secondary" disabled={busy}>
              {t("fees.billing.run.reverseSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
