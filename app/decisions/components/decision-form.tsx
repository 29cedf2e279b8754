import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DecisionSchema } from "~/decisions/schema";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

type Values = { title?: string; form?: string; scope?: string; opensOn?: string; closesOn?: string };

/** The meeting's header, for drafting and editing: title, form, scope, voting window. */
export function DecisionForm({
  buildings,
  values,
  errors,
  earliest,
  submitLabel,
}: {
  buildings: { id: string; name: string }[];
  values: Values;
  errors?: Record<string, string>;
  earliest?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(DecisionSchema, errors);
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <Field label={t("decisions.meetingTitle")} defaultValue={values.title} {...register("title")} error={errorOf("title")} />
      <SelectField
        label={t("decisions.form")}
        defaultValue={values.form ?? "written"}
        {...register("form")}
        error={errorOf("form")}
        options={(["written", "collective"] as const).map((f) => ({ value: f, label: t(`decisions.forms.${f}`) }))}
      />
      <SelectField
        label={t("decisions.scope")}
        defaultValue={values.scope ?? "compound"}
        {...register("scope")}
        error={errorOf("scope")}
        options={[{ value: "compound", label: t("decisions.scopeCompound") }, ...buildings.map((b) => ({ value: b.id, label: t("decisions.scopeBuilding", { name: b.name }) }))]}
      />
      <Field
        label={t("decisions.opensOn")}
        type="date"
        hint={earliest ? `${t("decisions.opensOnHint")} ${t("decisions.earliestOpen", { at: earliest })}` : t("decisions.opensOnHint")}
        defaultValue={values.opensOn}
        {...register("opensOn")}
        error={errorOf("opensOn")}
      />
      <Field label={t("decisions.closesOn")} type="date" hint={t("decisions.closesOnHint")} defaultValue={values.closesOn} {...register("closesOn")} error={errorOf("closesOn")} />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
