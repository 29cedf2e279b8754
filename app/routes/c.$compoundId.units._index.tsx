import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
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

export const meta: MetaFunction = () => [{ title: "房屋与业主 · 共治 Gongzhi" }];

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
        </p>
      ) : null}
      <Form method="get" className="card filters" aria-label={t("table.filters")}>
        <div className="field">
          <label htmlFor="q">{t("registry.searchUnit")}</label>
          <input id="q" name="q" defaultValue={d.params.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="building">{t("registry.building")}</label>
          <select id="building" name="building" defaultValue={d.params.building ?? ""}>
            <option value="">{t("table.all")}</option>
            {d.buildings.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t("registry.kind")}</label>
          <select id="kind" name="kind" defaultValue={d.params.kind ?? ""}>
            <option value="">{t("table.all")}</option>
            {(["dwelling", "shop", "parking"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`registry.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={d.params.sort} />
        <input type="hidden" name="dir" value={d.params.dir} />
        <input type="hidden" name="size" value={d.params.size} />
        <button type="submit" className="btn">
          {t("table.filter")}
        </button>
      </Form>
      <ServerTable
        caption={t("registry.unitList")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        page={d.params.page}
        size={d.params.size}
        sort={d.params.sort}
        dir={d.params.dir}
        sortable={UNIT_SORT_KEYS}
        numeric={["area"]}
        exportPath={`/c/${d.node.id}/units/export`}
      />
    </>
  );
}
