import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import type { ServiceLevel } from "~db/schema/governance";
import { fenText, perMilleText } from "../management-rules";
import { TerminateSchema } from "../model-schema";
import { useDecisionLabel, type DecisionOption } from "./model-change-form";

type Warning = "none" | "within_90" | "within_30" | "expired";
type Status = "upcoming" | "in_force" | "ended";

/** The contract's standing: not started yet, in force (with its expiry warning), or ended. */
export function ContractStanding({ status, warning }: { status: Status; warning: Warning }) {
  const { t } = useTranslation();
  if (status === "upcoming") return <span className="tag">{t("governance.contracts.statuses.upcoming")}</span>;
  if (status === "ended") return <span className="tag">{t("governance.contracts.statuses.ended")}</span>;
  if (warning === "none") return <span className="tag">{t("governance.contracts.statuses.in_force")}</span>;
  // On white: --warn on the tag's grey (#eef1f4) is 4.3:1, under WCAG AA's 4.5:1 (axe color-contrast).
  return (
    <span className="tag" style={{ borderColor: "var(--warn)", background: "#fff", color: warning === "within_30" ? "var(--err)" : "var(--warn)" }}>
      {t(`governance.expiry.${warning}`)}
    </span>
  );
}

export function FeeModelText({ feeModel, perMille }: { feeModel: "lump_sum" | "remuneration"; perMille: number | null }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`governance.feeModels.${feeModel}`)}
      {feeModel === "remuneration" && perMille !== null ? ` · ${t("governance.contracts.shareIs", { share: perMilleText(perMille) })}` : ""}
    </>
  );
}

export type ContractRow = {
  id: string;
  companyName: string;
  startDay: string;
  endDay: string;
  terminatedOn: string | null;
  feeModel: "lump_sum" | "remuneration";
  remunerationPerMille: number | null;
  noticeDays: number;
  status: Status;
  warning: Warning;
};

/** The compound's contracts on its management page, newest first. */
export function ContractTable({ compoundId, rows }: { compoundId: string; rows: ContractRow[] }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="muted">{t("governance.contracts.none")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("governance.contracts.title")} tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("governance.contracts.company")}</th>
            <th scope="col">{t("governance.contracts.period")}</th>
            <th scope="col">{t("governance.contracts.feeModel")}</th>
            <th scope="col" className="num">
              {t("governance.contracts.noticeDays")}
            </th>
            <th scope="col">{t("governance.contracts.standing")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/c/${compoundId}/management/contracts/${c.id}`}>{c.companyName}</Link>
              </td>
              <td>
                {t("governance.contracts.periodValue", { start: c.startDay, end: c.endDay })}
                {c.terminatedOn ? (
                  <div className="muted">{t("governance.contracts.endedEarlyOn", { day: c.terminatedOn })}</div>
                ) : null}
              </td>
              <td>
                <FeeModelText feeModel={c.feeModel} perMille={c.remunerationPerMille} />
              </td>
              <td className="num">{c.noticeDays}</td>
              <td>
                <ContractStanding status={c.status} warning={c.warning} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The service level agreed: cleaning, security, greenery, repair response times ("not agreed" where none). */
export function ServiceLevelList({ level }: { level: ServiceLevel }) {
  const { t } = useTranslation();
  const rows: [string, string | number | null][] = [
    ["governance.contracts.cleaningPerWeek", level.cleaningPerWeek],
    ["governance.contracts.securityHoursPerDay", level.securityHoursPerDay],
    ["governance.contracts.greenery", level.greenery],
    ["governance.contracts.urgentResponseHours", level.urgentResponseHours],
    ["governance.contracts.ordinaryResponseHours", level.ordinaryResponseHours],
  ];
  return (
    <ul>
      {rows.map(([key, value]) => (
        <li key={key}>
          {t(key)}
          {t("governance.management.colon")}
          {value ?? t("governance.contracts.notAgreed")}
        </li>
      ))}
    </ul>
  );
}

export type RateRow = { unitKind: "dwelling" | "shop" | "parking"; item: "property" | "parking" | "other"; basis: "per_m2_month" | "per_unit_month"; rateFen: number };

export function FeeStandardTable({ rates }: { rates: RateRow[] }) {
  const { t } = useTranslation();
  if (!rates.length) return <p className="muted">{t("governance.contracts.noRates")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("governance.contracts.feeStandards")} tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("governance.contracts.unitKind")}</th>
            <th scope="col">{t("governance.contracts.feeItem")}</th>
            <th scope="col" className="num">
              {t("governance.contracts.rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={`${r.unitKind}-${r.item}`}>
              <td>{t(`registry.kinds.${r.unitKind}`)}</td>
              <td>{t(`governance.feeItems.${r.item}`)}</td>
              <td className="num">
                {fenText(r.rateFen)} {t(`governance.feeBases.${r.basis}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Ending the contract early by an owners' decision: the last day of service, the decision (with the earliest
 * day its notice allows), and whether the decision itself sets another day.
 */
export function TerminateForm({
  values,
  errors,
  earliest,
  decisions,
  noticeDays,
}: {
  values: Record<string, string>;
  errors?: Record<string, string>;
  earliest?: string;
  decisions: (DecisionOption & { earliestEnd: string | null })[];
  noticeDays: number;
}) {
  const { t } = useTranslation();
  const label = useDecisionLabel();
  const { register, onSubmit, errorOf } = useValidatedForm(TerminateSchema, errors);
  const dateErr = errorOf("terminatedOn");
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <p className="muted">{t("governance.contracts.terminateHint", { days: noticeDays })}</p>
      <SelectField
        label={t("governance.contracts.terminationDecision")}
        defaultValue={values.motionId ?? ""}
        {...register("motionId")}
        error={errorOf("motionId")}
        options={[
          { value: "", label: decisions.length ? t("governance.management.choose") : t("governance.management.noDecisions") },
          ...decisions.map((d) => ({ value: d.motionId, label: d.earliestEnd ? `${label(d)} · ${t("governance.contracts.earliestEnd", { day: d.earliestEnd })}` : label(d) })),
        ]}
      />
      <Field
        label={t("governance.contracts.terminatedOn")}
        type="date"
        defaultValue={values.terminatedOn}
        {...register("terminatedOn")}
        error={dateErr}
        hint={earliest ? t("governance.contracts.earliestEnd", { day: earliest }) : undefined}
      />
      <label style={{ fontWeight: 400 }}>
        <input type="checkbox" value="on" style={{ width: "auto", minHeight: 0 }} name="decisionSetsDay" defaultChecked={values.decisionSetsDay === "on"} />{" "}
        {t("governance.contracts.decisionSetsDay")}
      </label>
      <button type="submit" className="btn">
        {t("governance.contracts.terminate")}
      </button>
    </Form>
  );
}
