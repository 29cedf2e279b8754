import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { FEE_ITEMS, FEE_MODELS } from "~db/schema/governance";
import { UNIT_KINDS } from "~db/schema/registry";
import { DEFAULT_DISMISSAL_NOTICE_DAYS } from "../rules";
import { basisOfItem, ContractSchema, SHARE_UNITS } from "../contract-schema";
import { useDecisionLabel, type DecisionOption } from "./model-change-form";

/**
 * Recording a service contract: provider, period, fee model, notice, service level, fee standards by unit kind,
 * the signed document and the owners' decision it rests on. A plain multipart form that works before hydration.
 */
export function ContractForm({
  values,
  errors,
  companies,
  decisions,
}: {
  values: Record<string, string>;
  errors?: Record<string, string>;
  companies: { id: string; name: string }[];
  decisions: DecisionOption[];
}) {
  const { t } = useTranslation();
  const label = useDecisionLabel();
  const { register, onSubmit, errorOf, watch } = useValidatedForm(ContractSchema, errors);
  const feeModel = watch("feeModel") as string | undefined;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <SelectField
        label={t("governance.contracts.company")}
        defaultValue={values.companyId ?? ""}
        {...register("companyId")}
        error={errorOf("companyId")}
        options={[{ value: "", label: t("governance.management.choose") }, ...companies.map((c) => ({ value: c.id, label: c.name }))]}
      />
      <Field label={t("governance.contracts.startDay")} type="date" defaultValue={values.startDay} {...register("startDay")} error={errorOf("startDay")} />
      <Field label={t("governance.contracts.endDay")} type="date" hint={t("governance.contracts.endDayHint")} defaultValue={values.endDay} {...register("endDay")} error={errorOf("endDay")} />
      <SelectField
        label={t("governance.contracts.feeModel")}
        defaultValue={values.feeModel ?? "lump_sum"}
        {...register("feeModel")}
        error={errorOf("feeModel")}
        options={FEE_MODELS.map((m) => ({ value: m, label: t(`governance.feeModels.${m}`) }))}
      />
      <fieldset className="card" style={{ margin: 0, display: feeModel === "lump_sum" ? "none" : "grid", gap: "1rem" }}>
        <legend>{t("governance.contracts.shareLegend")}</legend>
        <Field label={t("governance.contracts.share")} hint={t("governance.contracts.shareHint")} inputMode="decimal" defaultValue={values.share} {...register("share")} error={errorOf("share")} />
        <SelectField
          label={t("governance.contracts.shareUnit")}
          defaultValue={values.shareUnit ?? "percent"}
          {...register("shareUnit")}
          options={SHARE_UNITS.map((u) => ({ value: u, label: t(`governance.contracts.shareUnits.${u}`) }))}
        />
      </fieldset>
      <Field
        label={t("governance.contracts.noticeDays")}
        hint={t("governance.contracts.noticeDaysHint", { days: DEFAULT_DISMISSAL_NOTICE_DAYS })}
        inputMode="numeric"
        defaultValue={values.noticeDays ?? String(DEFAULT_DISMISSAL_NOTICE_DAYS)}
        {...register("noticeDays")}
        error={errorOf("noticeDays")}
      />

      <fieldset className="card" style={{ margin: 0, display: "grid", gap: "1rem" }}>
        <legend>{t("governance.contracts.serviceLevel")}</legend>
        <Field label={t("governance.contracts.cleaningPerWeek")} inputMode="numeric" defaultValue={values.cleaningPerWeek} {...register("cleaningPerWeek")} error={errorOf("cleaningPerWeek")} />
        <Field label={t("governance.contracts.securityHoursPerDay")} inputMode="numeric" defaultValue={values.securityHoursPerDay} {...register("securityHoursPerDay")} error={errorOf("securityHoursPerDay")} />
        <Field label={t("governance.contracts.greenery")} defaultValue={values.greenery} {...register("greenery")} error={errorOf("greenery")} />
        <Field label={t("governance.contracts.urgentResponseHours")} inputMode="numeric" defaultValue={values.urgentResponseHours} {...register("urgentResponseHours")} error={errorOf("urgentResponseHours")} />
        <Field label={t("governance.contracts.ordinaryResponseHours")} inputMode="numeric" defaultValue={values.ordinaryResponseHours} {...register("ordinaryResponseHours")} error={errorOf("ordinaryResponseHours")} />
      </fieldset>

      <fieldset className="card" style={{ margin: 0, display: "grid", gap: "1rem" }}>
        <legend>{t("governance.contracts.feeStandards")}</legend>
        <p className="muted">{t("governance.contracts.feeStandardsHint")}</p>
        {UNIT_KINDS.map((kind) => (
          <div key={kind} className="grid">
            {FEE_ITEMS.map((item) => {
              const name = `rate_${kind}_${item}`;
              return (
                <Field
                  key={name}
                  label={t("governance.contracts.rateLabel", { kind: t(`registry.kinds.${kind}`), item: t(`governance.feeItems.${item}`), unit: t(`governance.feeBases.${basisOfItem(item)}`) })}
                  inputMode="decimal"
                  defaultValue={values[name]}
                  {...register(name)}
                  error={errorOf(name)}
                />
              );
            })}
          </div>
        ))}
      </fieldset>

      <Field
        label={t("governance.contracts.document")}
        name="document"
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        hint={t("governance.contracts.documentHint")}
        error={errors?.document}
      />
      <SelectField
        label={t("governance.contracts.decision")}
        defaultValue={values.motionId ?? ""}
        {...register("motionId")}
        error={errorOf("motionId")}
        options={[{ value: "", label: t("governance.contracts.noDecision") }, ...decisions.map((d) => ({ value: d.motionId, label: label(d) }))]}
      />
      <button type="submit" className="btn">
        {t("governance.contracts.save")}
      </button>
    </Form>
  );
}
