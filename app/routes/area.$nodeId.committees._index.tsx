import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { listCommitteeOverview } from "~/committees/overview.server";
import { AREA_SORT_KEYS, AreaCommitteeListSchema, COMMITTEE_STATUSES } from "~/committees/filing-schema";
import { CommitteeStatusTag, ReElectionPrompt } from "~/committees/components/area-committee-cells";
import { FilingStateTag } from "~/committees/components/filing-status";
import { nodeHref } from "~/platform/components/area-view";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("committees.area.title");

// The owners' committee of every compound under a street (district, city, community): its status, term, members,
// filing, and a call to form a re-election group where the term is ending or over with none at work.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "committee:supervise", ["city", "district", "street", "community"]);
  const p = AreaCommitteeListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listCommitteeOverview(await getDb(), node.path, p, now());
  return { node: { id: node.id, kind: node.kind, name: node.name }, rows: r.rows, total: r.total, reElectionPrompts: r.reElectionPrompts, params: p };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function AreaCommittees() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dash = <span className="muted">—</span>;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "name", header: t("committees.area.compound"), cell: ({ row }) => <Link to={`/c/${row.original.id}/committee`}>{row.original.name}</Link> },
    {
      id: "status",
      header: t("committees.area.status"),
      cell: ({ row }) => (
        <>
          <CommitteeStatusTag status={row.original.status} />
          {row.original.reElectionPrompt ? (
            <div style={{ marginTop: ".25rem" }}>
              <ReElectionPrompt compoundId={row.original.id} name={row.original.name} />
            </div>
          ) : null}
        </>
      ),
    },
    { id: "termLastDay", header: t("committees.area.termLastDay"), cell: ({ row }) => row.original.termLastDay ?? dash },
    { id: "reElectionFrom", header: t("committees.area.reElectionFrom"), cell: ({ row }) => row.original.reElectionFrom ?? dash },
    {
      id: "members",
      header: t("committees.area.members"),
      cell: ({ row }) => (row.original.membersInOffice === null ? dash : t("committees.area.membersValue", { n: row.original.membersInOffice, seats: row.original.seats })),
    },
    {
      id: "filing",
      header: t("committees.area.filing"),
      cell: ({ row }) =>
        row.original.filing === null ? (
          dash
        ) : (
          <>
            <FilingStateTag state={row.original.filing} />
            {row.original.filing !== "accepted" && row.original.filingLastDay ? <div className="muted">{t("committees.area.filingDue", { day: row.original.filingLastDay })}</div> : null}
          </>
        ),
    },
    {
      id: "pendingFilings",
      header: t("committees.area.pendingFilings"),
      cell: ({ row }) =>
        row.original.pendingFilings > 0 ? (
          <Link to={`/c/${row.original.id}/committee/filings`} aria-label={t("committees.area.reviewFor", { n: row.original.pendingFilings, name: row.original.name })}>
            {row.original.pendingFilings}
          </Link>
        ) : (
          0
        ),
    },
  ];
  return (
    <>
      <p>
        <Link to={nodeHref(d.node)}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("committees.area.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("committees.area.intro")}</p>
      {d.reElectionPrompts > 0 ? (
        <p className="alert info" data-testid="re-election-prompts">
          {t("committees.area.promptsSummary", { n: d.reElectionPrompts })}
        </p>
      ) : null}
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t("committees.area.search")} value={d.params.q} />
        <SelectFilter name="status" label={t("committees.area.status")} value={d.params.status} options={COMMITTEE_STATUSES.map((s) => ({ value: s, label: t(`committees.area.statuses.${s}`) }))} />
      </ListFilters>
      <ServerTable
        caption={t("committees.area.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={AREA_SORT_KEYS}
        numeric={["pendingFilings"]}
        exportPath={`/area/${d.node.id}/committees/export`}
      />
    </>
  );
}
