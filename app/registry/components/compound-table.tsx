import { Link } from "@remix-run/react";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { ServerTable } from "~/ui/data-table";
import { formatArea } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { COMPOUND_SORT_KEYS, type CompoundListParams } from "../schema";

export type CompoundRow = {
  id: string;
  name: string;
  community: string | null;
  address: string | null;
  yearBuilt: number | null;
  households: number | null;
  model: string | null;
  units: number;
  area: string;
};

export function CompoundTable({ rows, total, params, exportPath }: { rows: CompoundRow[]; total: number; params: CompoundListParams; exportPath: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<CompoundRow, unknown>[] = [
    { id: "name", header: t("registry.compound"), cell: ({ row }) => <Link to={`/c/${row.original.id}`}>{row.original.name}</Link> },
    { id: "community", header: t("area.kind.community"), cell: ({ row }) => row.original.community ?? "" },
    { id: "units", header: t("registry.units"), cell: ({ row }) => row.original.units },
    { id: "area", header: t("registry.exclusiveArea"), cell: ({ row }) => formatArea(BigInt(row.original.area), locale) },
    { id: "yearBuilt", header: t("registry.yearBuilt"), cell: ({ row }) => row.original.yearBuilt ?? "" },
    { id: "model", header: t("registry.model"), cell: ({ row }) => t(`registry.models.${row.original.model ?? "none"}`) },
  ];
  return (
    <>
      <ListFilters params={params}>
        <TextFilter name="q" label={t("registry.searchCompound")} value={params.q} />
        <SelectFilter
          name="model"
          label={t("registry.model")}
          value={params.model}
          options={(["property_company", "self_governance", "quasi_property", "none"] as const).map((m) => ({ value: m, label: t(`registry.models.${m}`) }))}
        />
      </ListFilters>
      <ServerTable
        caption={t("registry.compounds")}
        columns={columns}
        rows={rows}
        total={total}
        params={params}
        sortable={COMPOUND_SORT_KEYS}
        numeric={["units", "area", "yearBuilt"]}
        exportPath={exportPath}
      />
    </>
  );
}
