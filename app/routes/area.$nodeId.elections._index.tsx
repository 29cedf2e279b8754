import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { listElectionOverview } from "~/elections/overview.server";
import { OVERVIEW_SORT_KEYS, OVERVIEW_STAGES, OverviewListSchema } from "~/elections/review-schema";
import { OverviewShares } from "~/elections/components/overview-share";
import { nodeHref } from "~/platform/components/area-view";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("elections.overview.title");

// Where every compound under a street (district, city, community) stands in forming its owners' committee.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "election:supervise", ["city", "district", "street", "community"]);
  const p = OverviewListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listElectionOverview(await getDb(), node.path, p, now());
  return { node: { id: node.id, kind: node.kind, name: node.name }, rows: r.rows, total: r.total, params: p };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function ElectionOverview() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dash = <span className="muted">{t("elections.overview.shareNone")}</span>;
  const has = (r: Row) => r.electionId !== null;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "name", header: t("elections.overview.compound"), cell: ({ row }) => <Link to={`/c/${row.original.id}/elections`}>{row.original.name}</Link> },
    { id: "stage", header: t("elections.overview.stage"), cell: ({ row }) => <span className="tag">{t(`elections.stages.${row.original.stage}`)}</span> },
    { id: "openObjections", header: t("elections.overview.openObjections"), cell: ({ row }) => row.original.openObjections },
    { id: "nominees", header: t("elections.overview.nominees"), cell: ({ row }) => (has(row.original) ? row.original.nominees : dash) },
    { id: "underReview", header: t("elections.overview.underReview"), cell: ({ row }) => (has(row.original) ? row.original.underReview : dash) },
    { id: "cleared", header: t("elections.overview.cleared"), cell: ({ row }) => (has(row.original) ? row.original.cleared : dash) },
    { id: "rejected", header: t("elections.overview.rejected"), cell: ({ row }) => (has(row.original) ? row.original.rejected : dash) },
    { id: "overdue", header: t("elections.overview.overdue"), cell: ({ row }) => (has(row.original) ? row.original.overdueReviews : dash) },
    { id: "party", header: t("elections.overview.partyShare"), cell: ({ row }) => <OverviewShares nominees={row.original.nomineeShares?.partyMembers} cleared={row.original.clearedShares?.partyMembers} /> },
    { id: "retirees", header: t("elections.overview.retireeShare"), cell: ({ row }) => <OverviewShares nominees={row.original.nomineeShares?.retirees} cleared={row.original.clearedShares?.retirees} /> },
    { id: "publicServants", header: t("elections.overview.publicServantShare"), cell: ({ row }) => <OverviewShares nominees={row.original.nomineeShares?.publicServants} cleared={row.original.clearedShares?.publicServants} /> },
    {
      id: "target",
      header: t("elections.overview.target"),
      cell: ({ row }) => {
        const r = row.original;
        if (r.partyTargetPercent === null) return <span className="muted">{t("elections.overview.noTarget")}</span>;
        if (r.partyTargetMet === null) return t("elections.overview.targetOnly", { target: r.partyTargetPercent });
        return r.partyTargetMet ? t("elections.overview.targetMet", { target: r.partyTargetPercent }) : t("elections.overview.targetNotMet", { target: r.partyTargetPercent });
      },
    },
  ];
  return (
    <>
      <p>
        <Link to={nodeHref(d.node)}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("elections.overview.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("elections.overview.figuresNote")}</p>
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t("elections.overview.search")} value={d.params.q} />
        <SelectFilter name="stage" label={t("elections.overview.stage")} value={d.params.stage} options={OVERVIEW_STAGES.map((s) => ({ value: s, label: t(`elections.stages.${s}`) }))} />
      </ListFilters>
      <ServerTable
        caption={t("elections.overview.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={OVERVIEW_SORT_KEYS}
        numeric={["openObjections", "nominees", "underReview", "cleared", "rejected", "overdue"]}
        exportPath={`/area/${d.node.id}/elections/export`}
      />
    </>
  );
}
