import { Form, Link } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { AREA_FEES_SORT_KEYS, COLLECTOR_FILTERS } from "../arrears-schema";
import type { Fraction } from "../rules";
import { RatePercent, yuan } from "./rates-figures";

export type AreaFeesRowView = {
  compoundId: string;
  compoundName: string;
  collector: { kind: "company" | "owners" | "community"; name: string } | null;
  billedFen: number;
  creditedFen: number;
  paidFen: number;
  outstandingFen: number;
  rate: Fraction | null;
  arrears91Fen: number;
};

export type AreaFeesData = {
  node: { id: string; name: string; href: string };
  year: string;
  asOf: string;
  today: string;
  params: { page: number; size: number; sort: string; dir: "asc" | "desc"; q?: string; collector?: string };
  rows: AreaFeesRowView[];
  total: number;
};

/** Fees under an area node: each compound's collector, this year's figures and rate, and arrears past 90 days. */
export function AreaFeesView({ d }: { d: AreaFeesData }) {
  const { t } = useTranslation();
  const columns: ColumnDef<AreaFeesRowView, unknown>[] = [
    { id: "compound", header: t("fees.arrears.area.compound"), cell: ({ row }) => <Link to={`/c/${row.original.compoundId}/fees`}>{row.original.compoundName}</Link> },
    {
      id: "collector",
      header: t("fees.arrears.area.collector"),
      cell: ({ row }) =>
        row.original.collector ? (
          <>
            {row.original.collector.name}
            <div className="muted">{t(`fees.arrears.collectorKinds.${row.original.collector.kind}`)}</div>
          </>
        ) : (
          <span className="tag">{t("fees.arrears.area.noCollector")}</span>
        ),
    },
    { id: "billed", header: t("fees.arrears.area.billed"), cell: ({ row }) => yuan(row.original.billedFen - row.original.creditedFen) },
    { id: "paid", header: t("fees.arrears.area.paid"), cell: ({ row }) => yuan(row.original.paidFen) },
    { id: "outstanding", header: t("fees.arrears.area.outstanding"), cell: ({ row }) => yuan(row.original.outstandingFen) },
    { id: "rate", header: t("fees.arrears.area.rate"), cell: ({ row }) => <RatePercent rate={row.original.rate} /> },
    { id: "arrears91", header: t("fees.arrears.area.arrears91"), cell: ({ row }) => yuan(row.original.arrears91Fen) },
  ];
  return (
    <>
      <p>
        <Link to={d.node.href}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("fees.arrears.area.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.arrears.area.intro", { year: d.year })}</p>
      <Form method="get" className="actions" style={{ marginBottom: "1rem" }}>
        <label htmlFor="area-fees-asof">{t("fees.arrears.asOf")}</label>
        <input id="area-fees-asof" name="asOf" type="date" defaultValue={d.asOf} max={d.today} style={{ width: "auto" }} />
        <button type="submit" className="btn small secondary">
          {t("fees.arrears.apply")}
        </button>
      </Form>
      <ListFilters params={d.params}>
        <input type="hidden" name="asOf" value={d.asOf} />
        <TextFilter name="q" label={t("fees.arrears.area.search")} value={d.params.q} />
        <SelectFilter
          name="collector"
          label={t("fees.arrears.area.collector")}
          value={d.params.collector}
          options={COLLECTOR_FILTERS.map((c) => ({ value: c, label: c === "none" ? t("fees.arrears.area.noCollector") : t(`fees.arrears.collectorKinds.${c}`) }))}
        />
      </ListFilters>
      <ServerTable
        caption={t("fees.arrears.area.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={AREA_FEES_SORT_KEYS}
        numeric={["billed", "paid", "outstanding", "rate", "arrears91"]}
        exportPath={`/area/${d.node.id}/fees/export`}
      />
    </>
  );
}
