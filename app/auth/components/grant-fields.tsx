import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/ui/field";

export type NodeOption = { id: string; name: string; kind: string; depth: number };

/** Role, scope and validity fields, shared by "new user" and "add role". */
export function GrantFields({
  roles,
  nodes,
  partyOrgs = [],
  errors,
}: {
  roles: string[];
  nodes: NodeOption[];
  partyOrgs?: { id: string; name: string }[];
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("users.role")}
        name="role"
        error={errors?.role}
        options={[{ value: "", label: t("users.chooseRole") }, ...roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
      />
      <SelectField
        label={t("users.scope")}
        name="nodeId"
        error={errors?.nodeId}
        options={[
          { value: "", label: t("users.chooseScope") },
          ...nodes.map((n) => ({ value: n.id, label: `${"　".repeat(n.depth)}${n.name}（${t(`area.kind.${n.kind}`)}）` })),
          ...partyOrgs.map((o) => ({ value: o.id, label: `${o.name}（${t("users.partyOrgScope")}）` })),
        ]}
      />
      <Field label={t("users.validFrom")} name="validFrom" type="date" hint={t("users.validFromHint")} error={errors?.validFrom} />
      <Field label={t("users.validTo")} name="validTo" type="date" hint={t("users.validToHint")} error={errors?.validTo} />
    </>
  );
}
