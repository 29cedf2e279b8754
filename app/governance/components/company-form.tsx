import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CompanySchema, CompanyUpdateSchema } from "~/governance/company-schema";
import { Field, FormError, SelectField, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

const CHECK = { width: "auto", minHeight: 0 } as const;

export type CompanyFormValues = {
  name?: string;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  qualificationNotes?: string;
  hasPartyOrg?: string;
  partyOrgId?: string;
};

/**
 * A property company's details, for registering (`maskedPhone` absent: the contact phone is required) and for
 * editing (the stored phone is shown masked; an empty field keeps it).
 */
export function CompanyForm({
  values,
  errors,
  partyOrgs,
  maskedPhone,
  submitLabel,
}: {
  values: CompanyFormValues;
  errors?: Record<string, string>;
  partyOrgs: { id: string; name: string }[];
  maskedPhone?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const editing = maskedPhone !== undefined;
  const { register, onSubmit, errorOf } = useValidatedForm(editing ? CompanyUpdateSchema : CompanySchema, errors);
  const partyErr = errorOf("hasPartyOrg");
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <Field label={t("governance.companies.name")} defaultValue={values.name} autoComplete="organization" {...register("name")} error={errorOf("name")} />
      <Field
        label={t("governance.companies.creditCode")}
        hint={t("governance.companies.creditCodeHint")}
        defaultValue={values.creditCode}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        {...register("creditCode")}
        error={errorOf("creditCode")}
      />
      <Field label={t("governance.companies.contactName")} defaultValue={values.contactName} autoComplete="off" {...register("contactName")} error={errorOf("contactName")} />
      <Field
        label={t("governance.companies.contactPhone")}
        hint={editing ? t("governance.companies.contactPhoneKeep", { phone: maskedPhone }) : undefined}
        defaultValue={values.contactPhone}
        inputMode="tel"
        autoComplete="off"
        {...register("contactPhone")}
        error={errorOf("contactPhone")}
      />
      <Field label={t("governance.companies.address")} defaultValue={values.address} autoComplete="off" {...register("address")} error={errorOf("address")} />
      <TextAreaField
        label={t("governance.companies.qualificationNotes")}
        defaultValue={values.qualificationNotes}
        rows={3}
        {...register("qualificationNotes")}
        error={errorOf("qualificationNotes")}
      />
      <div className="field">
        <label>
          <input type="checkbox" value="on" style={CHECK} defaultChecked={values.hasPartyOrg === "on"} {...register("hasPartyOrg")} /> {t("governance.companies.hasPartyOrg")}
        </label>
        {partyErr ? (
          <span className="error" role="alert">
            {t(partyErr)}
          </span>
        ) : null}
      </div>
      <SelectField
        label={t("governance.companies.partyOrg")}
        defaultValue={values.partyOrgId ?? ""}
        {...register("partyOrgId")}
        error={errorOf("partyOrgId")}
        options={[{ value: "", label: t("governance.companies.partyOrgNone") }, ...partyOrgs.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <div>
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
