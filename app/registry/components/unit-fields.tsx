import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/ui/field";

export type UnitDefaults = { buildingId?: string; number?: string; kind?: string; area?: string; areaSource?: string; certificateNo?: string | null };

/** The unit form's fields, shared by "new unit" and "edit unit". */
export function UnitFields({ buildings, errors, defaults = {} }: { buildings: { id: string; name: string }[]; errors?: Record<string, string>; defaults?: UnitDefaults }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("registry.building")}
        name="buildingId"
        error={errors?.buildingId}
        defaultValue={defaults.buildingId ?? ""}
        options={[{ value: "", label: t("registry.chooseBuilding") }, ...buildings.map((b) => ({ value: b.id, label: b.name }))]}
      />
      <Field label={t("registry.unitNumber")} name="number" hint={t("registry.unitNumberHint")} error={errors?.number} defaultValue={defaults.number ?? ""} />
      <SelectField
        label={t("registry.kind")}
        name="kind"
        error={errors?.kind}
        defaultValue={defaults.kind ?? "dwelling"}
        options={(["dwelling", "shop", "parking"] as const).map((k) => ({ value: k, label: t(`registry.kinds.${k}`) }))}
      />
      <Field label={t("registry.areaM2")} name="area" hint={t("registry.areaHint")} inputMode="decimal" error={errors?.area} defaultValue={defaults.area ?? ""} />
      <SelectField
        label={t("registry.areaSource")}
        name="areaSource"
        error={errors?.areaSource}
        defaultValue={defaults.areaSource ?? "register"}
        options={(["register", "survey", "contract"] as const).map((k) => ({ value: k, label: t(`registry.sources.${k}`) }))}
      />
      <Field label={t("registry.certificateNo")} name="certificateNo" error={errors?.certificateNo} defaultValue={defaults.certificateNo ?? ""} />
    </>
  );
}
