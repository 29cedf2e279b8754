import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SCHEDULE_BASES } from "~db/schema/fees";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { COMMON_ITEMS, KIND_FIELDS, ScheduleSchema } from "../billing-schema";

const CHECK = { width: "auto", minHeight: 0 } as const;

/** Adding a fee schedule: item code and name, basis, rate in 元, unit kinds, from which day, optional due day. Works before hydration. */
export function ScheduleForm({ values, errors, items }: { values: Record<string, string>; errors?: Record<string, string>; items: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(ScheduleSchema, errors);
  const kindsErr = errorOf("unitKinds");
  const codes = [...new Set([...items.map((i) => i.code), ...COMMON_ITEMS])];
  const kindDefault = (name: string) => (Object.keys(values).length ? values[name] === "on" : name === "kind_dwelling" || name === "kind_shop");
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit} aria-labelledby="schedule-add-title">
      <input type="hidden" name="intent" value="add" />
      <FormError message={errors?._form} />
      <Field label={t("fees.billing.schedules.itemCode")} hint={t("fees.billing.schedules.itemCodeHint")} list="schedule-item-codes" autoComplete="off" defaultValue={values.itemCode} {...register("itemCode")} error={errorOf("itemCode")} />
      <datalist id="schedule-item-codes">
        {codes.map((c) => (
          <option key={c} value={c}>
            {items.find((i) => i.code === c)?.name ?? c}
          </option>
        ))}
      </datalist>
      <Field label={t("fees.billing.schedules.itemName")} autoComplete="off" defaultValue={values.itemName} {...register("itemName")} error={errorOf("itemName")} />
      <SelectField
        label={t("fees.billing.schedules.basis")}
        defaultValue={values.basis ?? "area"}
        {...register("basis")}
        error={errorOf("basis")}
        options={SCHEDULE_BASES.map((b) => ({ value: b, label: t(`fees.billing.bases.${b}`) }))}
      />
      <Field label={t("fees.billing.schedules.rate")} hint={t("fees.billing.schedules.rateHint")} inputMode="decimal" autoComplete="off" defaultValue={values.rate} {...register("rate")} error={errorOf("rate")} />
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={kindsErr ? "schedule-kinds-error" : undefined}>
        <legend>{t("fees.billing.schedules.unitKinds")}</legend>
        <div className="actions">
          {KIND_FIELDS.map((f) => (
            <label key={f.name}>
              <input type="checkbox" value="on" style={CHECK} defaultChecked={kindDefault(f.name)} {...register(f.name)} /> {t(`registry.kinds.${f.kind}`)}
            </label>
          ))}
        </div>
        {kindsErr ? (
          <span className="error" id="schedule-kinds-error" role="alert">
            {t(kindsErr)}
          </span>
        ) : null}
      </fieldset>
      <Field label={t("fees.billing.schedules.fromDay")} hint={t("fees.billing.schedules.fromDayHint")} type="date" defaultValue={values.fromDay} {...register("fromDay")} error={errorOf("fromDay")} />
      <Field label={t("fees.billing.schedules.dueDay")} hint={t("fees.billing.schedules.dueDayHint")} inputMode="numeric" autoComplete="off" defaultValue={values.dueDayOfMonth} {...register("dueDayOfMonth")} error={errorOf("dueDayOfMonth")} />
      <button type="submit" className="btn">
        {t("fees.billing.schedules.addSubmit")}
      </button>
    </Form>
  );
}
