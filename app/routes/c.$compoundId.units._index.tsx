import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { UnitListSchema, UNIT_SORT_KEYS } from "~/registry/schema";
import { listUnits } from "~/registry/list-units.server";
import { now } from "~/clock.server";
import { ServerTable } from "~/ui/data-table";
import { searchParamsObject } from "~/ui/list-params";
import { formatArea, shanghaiDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("registry.unitList");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:view", ["compound"]);
  const p = UnitListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listUnits(await getDb(), node.id, shanghaiDate(now()), p);
  return { node: { id: node.id, name: node.name }, ...r, params: p, manage: can(actor.grants, "registry:manage", node.path) };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function Units() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "building", header: t("registry.building"), cell: ({ row }) => row.original.building },
    { id: "number", header: t("registry.unitNumber"), cell: ({ row }) => <Link to={`/c/${d.node.id}/units/${row.original.id}`}>{row.original.number}</Link> },
    { id: "kind", header: t("registry.kind"), cell: ({ row }) => t(`registry.kinds.${row.original.kind}`) },
    { id: "area", header: t("registry.area"), cell: ({ row }) => formatArea(row.original.area, locale) },
    { id: "areaSource", header: t("registry.areaSource"), cell: ({ row }) => t(`registry.sources.${row.original.areaSource}`) },
    {
      id: "owners",
      header: t("registry.owners"),
      cell: ({ row }) => (row.original.developerUnsold ? <span className="tag">{t("registry.developerUnsold")}</span> : row.original.owners ?? "—"),
    },
  ];
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("registry.unitList")} · {d.node.name}
      </h1>
      {d.manage ? (
        <p className="actions">
          <Link className="btn" to={`/c/${d.node.id}/units/new`}>
            {t("registry.newUnit")}
          </Link>
          <Link className="btn secondary" to={`/c/${d.node.id}/buildings`}>
            {t("registry.buildings")}
          </Link>
          <Link className="btn secondary" to={`/c/${d.node.id}/owners`}>
            {t("registry.ownerList")}
          </Link>
          <Link className="btn secondary" to={`/c/${d.node.id}/import`}>
            {t("import.link")}
          </Link>
        </p>
      ) : null}
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t("registry.searchUnit")} value={d.params.q} />
        <SelectFilter name="building" label={t("registry.building")} value={d.params.building} options={d.buildings.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectFilter
          name="kind"
          label={t("registry.kind")}
          value={d.params.kind}
          options={(["dwelling", "shop", "parking"] as const).map((k) => ({ value: k, label: t(`registry.kinds.${k}`) }))}
        />
      </ListFilters>
      <ServerTable
        caption={t("registry.unitList")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={UNIT_SORT_KEYS}
        numeric={["area"]}
        exportPath={`/c/${d.node.id}/units/export`}
      />
    </>
  );
}
