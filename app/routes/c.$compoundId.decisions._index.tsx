import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { DecisionListSchema, DECISION_SORT_KEYS } from "~/decisions/schema";
import { listDecisions } from "~/decisions/decisions.server";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { titled } from "~/ui/meta";
import { DECISION_STATUSES } from "~db/schema/decisions";

export const meta = titled("decisions.list");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:view", ["compound"]);
  const organise = can(actor.grants, "decision:organise", node.path);
  const p = DecisionListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listDecisions(await getDb(), node.id, p, { staff: organise });
  return {
    node: { id: node.id, name: node.name },
    rows: r.rows.map((x) => ({ ...x, opensAt: x.opensAt.toISOString(), closesAt: x.closesAt.toISOString() })),
    total: r.total,
    params: p,
    organise,
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function Decisions() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "title", header: t("decisions.meetingTitle"), cell: ({ row }) => <Link to={`/c/${d.node.id}/decisions/${row.original.id}`}>{row.original.title}</Link> },
    { id: "status", header: t("decisions.status"), cell: ({ row }) => <span className="tag">{t(`decisions.statuses.${row.original.status}`)}</span> },
    { id: "scope", header: t("decisions.scope"), cell: ({ row }) => (row.original.building ? t("decisions.scopeBuilding", { name: row.original.building }) : t("decisions.scopeCompound")) },
    { id: "opensAt", header: t("decisions.opensOn"), cell: ({ row }) => formatDateTime(row.original.opensAt, locale) },
    { id: "closesAt", header: t("decisions.closesOn"), cell: ({ row }) => formatDateTime(row.original.closesAt, locale) },
    { id: "ballots", header: t("decisions.ballots"), cell: ({ row }) => row.original.ballots },
  ];
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("decisions.list")} · {d.node.name}
      </h1>
      {d.organise ? (
        <p className="actions">
          <Link className="btn" to={`/c/${d.node.id}/decisions/new`}>
            {t("decisions.newMeeting")}
          </Link>
        </p>
      ) : null}
      <ListFilters params={d.params}>
        <SelectFilter
          name="status"
          label={t("decisions.status")}
          value={d.params.status}
          options={DECISION_STATUSES.filter((s) => d.organise || s !== "draft").map((s) => ({ value: s, label: t(`decisions.statuses.${s}`) }))}
        />
      </ListFilters>
      <ServerTable
        caption={t("decisions.list")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={DECISION_SORT_KEYS}
        numeric={["ballots"]}
        exportPath={`/c/${d.node.id}/decisions/export`}
      />
    </>
  );
}
