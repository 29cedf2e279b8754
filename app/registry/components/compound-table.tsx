import { Form, Link } from "@remix-run/react";
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
      <Form method="get" className="card filters" aria-label={t("table.filters")}>
        <div className="field">
          <label htmlFor="q">{t("registry.searchCompound")}</label>
          <input id="q" name="q" defaultValue={params.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="model">{t("registry.model")}</label>
          <select id="model" name="model" defaultValue={params.model ?? ""}>
            <option value="">{t("table.all")}</option>
            {(["property_company", "self_governance", "quasi_property", "none"] as const).map((m) => (
              <option key={m} value={m}>
                {t(`registry.models.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <input type="hidden" name="size" value={params.size} />
        <button type="submit" className="btn">
          {t("table.filter")}
        </button>
      </Form>
      <ServerTable
        caption={t("registry.compounds")}
        columns={columns}
        rows={rows}
        total={total}
        page={params.page}
        size={params.size}
        sort={params.sort}
        dir={params.dir}
        sortable={COMPOUND_SORT_KEYS}
        numeric={["units", "area", "yearBuilt"]}
        exportPath={exportPath}
      />
    </>
  );
}
