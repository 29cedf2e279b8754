import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/ui/field";

/** The compound's registry fields; the management model only when registering (afterwards it changes with a basis, on the management page). */
export function CompoundFields({
  errors,
  defaults = {},
  withModel = true,
}: {
  errors?: Record<string, string>;
  defaults?: Record<string, string | number | null | undefined>;
  withModel?: boolean;
}) {
  const { t } = useTranslation();
  const v = (k: string) =>
    defaults[k] === null || defaults[k] === undefined
      ? ""
      : String(defaults[k]);
  return (
    <>
      <Field
        label={t("registry.compoundName")}
        name="name"
        defaultValue={v("name")}
        error={errors?.name}
      />
      <Field
        label={t("registry.address")}
        name="address"
        defaultValue={v("address")}
        error={errors?.address}
      />
      <Field
        label={t("registry.yearBuilt")}
        name="yearBuilt"
        inputMode="numeric"
        defaultValue={v("yearBuilt")}
        error={errors?.yearBuilt}
      />
      <Field
        label={t("registry.households")}
        name="households"
        inputMode="numeric"
        defaultValue={v("households")}
        error={errors?.households}
      />
      {withModel ? (
        <SelectField
          label={t("registry.model")}
          name="managementModel"
          defaultValue={v("managementModel") || "none"}
          error={errors?.managementModel}
          options={(
            [
              "none",
              "property_company",
              "self_governance",
              "quasi_property",
            ] as const
          ).map((m) => ({ value: m, label: t(`registry.models.${m}`) }))}
        />
      ) : null}
    </>
  );
}
