import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PERIOD_KINDS } from "../rules";
import type { BillingProblem, RunPreview } from "../billing.server";
import { useMoney } from "./billing-money";

/** The preview form: item, period kind, first month. A GET form, so a preview is a link and works before hydration. */
export function RunPreviewForm({ items, values, errors }: { items: { code: string; name: string }[]; values: Record<string, string>; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const err = (name: string) =>
    errors?.[name] ? (
      <span className="error" id={`run-${name}-error`} role="alert">
        {t(errors[name])}
      </span>
    ) : null;
  const described = (name: string, hint = false) => [hint ? `run-${name}-hint` : null, errors?.[name] ? `run-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="get" className="stack" aria-labelledby="run-preview-title">
      <div className="field">
        <label htmlFor="run-itemCode">{t("fees.billing.runs.item")}</label>
        <select id="run-itemCode" name="itemCode" defaultValue={values.itemCode ?? ""} aria-invalid={errors?.itemCode ? true : undefined} aria-describedby={described("itemCode")}>
          <option value="">{t("fees.billing.runs.chooseItem")}</option>
          {items.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name}（{i.code}）
            </option>
          ))}
        </select>
        {err("itemCode")}
      </div>
      <div className="field">
        <label htmlFor="run-periodKind">{t("fees.billing.runs.periodKind")}</label>
        <select id="run-periodKind" name="periodKind" defaultValue={values.periodKind ?? "month"} aria-invalid={errors?.periodKind ? true : undefined} aria-describedby={described("periodKind")}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`fees.billing.periodKinds.${k}`)}
            </option>
          ))}
        </select>
        {err("periodKind")}
      </div>
      <div className="field">
        <label htmlFor="run-periodFrom">{t("fees.billing.runs.periodFrom")}</label>
        <span className="hint" id="run-periodFrom-hint">
          {t("fees.billing.runs.periodFromHint")}
        </span>
        <input
          id="run-periodFrom"
          name="periodFrom"
          type="month"
          placeholder="2026-01"
          pattern="\d{4}-\d{2}"
          defaultValue={values.periodFrom}
          aria-invalid={errors?.periodFrom ? true : undefined}
          aria-describedby={described("periodFrom", true)}
        />
        {err("periodFrom")}
      </div>
      <button type="submit" className="btn secondary">
        {t("fees.billing.runs.previewSubmit")}
      </button>
    </Form>
  );
}

/** Why a run is refused, one line per problem. */
export function BillingProblems({ problems }: { problems: BillingProblem[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div className="alert error" role="alert">
      <p style={{ margin: 0 }}>{t("fees.billing.runs.refused")}</p>
      <ul style={{ margin: 0 }}>
        {problems.map((p, i) => (
          <li key={i}>{p.code === "PERIOD_START" ? t(`fees.billing.runs.problems.PERIOD_START.${p.reason}`) : t(`fees.billing.runs.problems.${p.code}`, p)}</li>
        ))}
      </ul>
    </div>
  );
}

/** What the run would do, and the button that starts it (POST, with the previewed input). */
export function RunPreviewPanel({ preview }: { preview: Omit<RunPreview, "collector"> & { collector: { name: string } | null } }) {
  const { t } = useTranslation();
  const money = useMoney();
  const busy = useNavigation().state === "submitting";
  const p = preview;
  return (
    <section className="card" aria-labelledby="run-preview-result">
      <h2 id="run-preview-result">
        {p.itemName ?? p.input.itemCode} · {p.period ? t("fees.billing.periodValue", { from: p.period.from, to: p.period.to }) : p.input.periodFrom}
      </h2>
      <BillingProblems problems={p.problems} />
      {p.problems.length === 0 ? (
        <>
          <dl className="grid" style={{ margin: "0 0 1rem", gridTemplateColumns: "repeat(auto-fill, minmax(10rem, 1fr))" }}>
            <div>
              <dt>{t("fees.billing.collector")}</dt>
              <dd>{p.collector?.name}</dd>
            </div>
            <div>
              <dt>{t("fees.billing.runs.units")}</dt>
              <dd>{p.unitsTotal}</dd>
            </div>
            <div>
              <dt>{t("fees.billing.runs.toBill")}</dt>
              <dd>{p.unitsToBill}</dd>
            </div>
            <div>
              <dt>{t("fees.billing.runs.skipped")}</dt>
              <dd>{p.unitsSkipped}</dd>
            </div>
            <div>
              <dt>{t("fees.billing.runs.bills")}</dt>
              <dd>{p.bills}</dd>
            </div>
            <div>
              <dt>{t("fees.billing.runs.total")}</dt>
              <dd>{money(p.totalFen)}</dd>
            </div>
          </dl>
          {p.bills === 0 ? (
            <p className="alert info" role="status">
              {t("fees.billing.runs.nothingToBill")}
            </p>
          ) : null}
          {p.samples.length ? (
            <div className="table-wrap" role="region" aria-label={t("fees.billing.runs.samples")} tabIndex={0}>
              <table className="data">
                <caption>{t("fees.billing.runs.samples")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fees.billing.runs.sampleUnit")}</th>
                    <th scope="col">{t("fees.billing.runs.samplePayer")}</th>
                    <th scope="col">{t("fees.billing.runs.samplePeriod")}</th>
                    <th scope="col" className="num">
                      {t("fees.billing.runs.sampleAmount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.samples.map((s) => (
                    <tr key={`${s.unitId}-${s.periodFrom}`}>
                      <td>{s.unitLabel}</td>
                      <td>{s.payerKind === "developer" ? t("fees.billing.developer") : s.payerName}</td>
                      <td>{s.periodFrom === s.periodTo ? s.periodFrom : t("fees.billing.periodValue", { from: s.periodFrom, to: s.periodTo })}</td>
                      <td className="num">{money(s.amountFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Form method="post" className="actions" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="itemCode" value={p.input.itemCode} />
            <input type="hidden" name="periodKind" value={p.input.periodKind} />
            <input type="hidden" name="periodFrom" value={p.input.periodFrom} />
            <button type="submit" className="btn" disabled={busy}>
              {t("fees.billing.runs.startSubmit")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
