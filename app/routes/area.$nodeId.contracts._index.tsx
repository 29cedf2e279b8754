import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { shanghaiDay } from "~/platform/days";
import { listExpiringContracts } from "~/governance/contracts.server";
import { EXPIRING_LEVELS, EXPIRING_SORT_KEYS, ExpiringListSchema } from "~/governance/contract-schema";
import { ContractStanding } from "~/governance/components/contract-details";
import { nodeHref } from "~/platform/components/area-view";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("governance.contracts.expiringTitle");

// Contracts under a city, district, street or community that end within 90 days, or ended with no successor.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "contract:view", ["city", "district", "street", "community"]);
  const p = ExpiringListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listExpiringContracts(await getDb(), node.path, p, shanghaiDay(now()));
  return { node: { id: node.id, kind: node.kind, name: node.name }, rows: r.rows, total: r.total, params: p };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function ExpiringContracts() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "compound", header: t("governance.contracts.compound"), cell: ({ row }) => <Link to={`/c/${row.original.compoundId}/management`}>{row.original.compoundName}</Link> },
    {
      id: "company",
      header: t("governance.contracts.company"),
      cell: ({ row }) => <Link to={`/c/${row.original.compoundId}/management/contracts/${row.original.contractId}`}>{row.original.companyName}</Link>,
    },
    { id: "period", header: t("governance.contracts.period"), cell: ({ row }) => t("governance.contracts.periodValue", { start: row.original.startDay, end: row.original.endDay }) },
    {
      id: "endDay",
      header: t("governance.contracts.lastDay"),
      cell: ({ row }) => (
        <>
          {row.original.lastDay}
          {row.original.terminatedOn ? <div className="muted">{t("governance.contracts.endedEarly")}</div> : null}
        </>
      ),
    },
    {
      id: "level",
      header: t("governance.contracts.standing"),
      cell: ({ row }) => <ContractStanding status="in_force" warning={row.original.level} />,
    },
    {
      id: "successor",
      header: t("governance.contracts.successor"),
      cell: ({ row }) => (row.original.successorStart ? t("governance.contracts.successorFrom", { day: row.original.successorStart }) : <span className="tag">{t("governance.contracts.noSuccessor")}</span>),
    },
  ];
  return (
    <>
      <p>
        <Link to={nodeHref(d.node)}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("governance.contracts.expiringTitle")} · {d.node.name}
      </h1>
      <p className="muted">{t("governance.contracts.expiringIntro")}</p>
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t("governance.contracts.search")} value={d.params.q} />
        <SelectFilter name="level" label={t("governance.contracts.standing")} value={d.params.level} options={EXPIRING_LEVELS.map((l) => ({ value: l, label: t(`governance.expiry.${l}`) }))} />
      </ListFilters>
      <ServerTable
        caption={t("governance.contracts.expiringTitle")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={EXPIRING_SORT_KEYS}
        exportPath={`/area/${d.node.id}/contracts/export`}
      />
    </>
  );
}
