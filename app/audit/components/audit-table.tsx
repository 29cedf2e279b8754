import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { ServerTable } from "~/ui/data-table";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { AUDIT_SORT_KEYS, type AuditListParams } from "../schema";

export type AuditRow = {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  result: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
  change: string | null;
};

export function AuditTable({ rows, total, params, exportPath }: { rows: AuditRow[]; total: number; params: AuditListParams; exportPath: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<AuditRow, unknown>[] = [
    { id: "at", header: t("audit.col.at"), cell: ({ row }) => formatDateTime(row.original.at, locale) },
    { id: "actorName", header: t("audit.col.who"), cell: ({ row }) => row.original.actorName ?? t("audit.anonymous") },
    { id: "action", header: t("audit.col.what"), cell: ({ row }) => <code>{row.original.action}</code> },
    { id: "result", header: t("audit.col.result"), cell: ({ row }) => t(`audit.result.${row.original.result}`) },
    { id: "target", header: t("audit.col.target"), cell: ({ row }) => row.original.target ?? "" },
    { id: "ip", header: t("audit.col.ip"), cell: ({ row }) => row.original.ip ?? "" },
    {
      id: "detail",
      header: t("audit.col.detail"),
      cell: ({ row }) => <small>{[row.original.detail, row.original.change].filter(Boolean).join(" ")}</small>,
    },
  ];
  return (
    <>
      <ListFilters params={params}>
        <TextFilter name="who" label={t("audit.filter.who")} value={params.who} />
        <TextFilter name="what" label={t("audit.filter.what")} value={params.what} placeholder="auth." />
        <SelectFilter
          name="result"
          label={t("audit.filter.result")}
          value={params.result}
          options={(["ok", "denied", "failed"] as const).map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
        />
        <TextFilter name="from" type="date" label={t("audit.filter.from")} value={params.from} />
        <TextFilter name="to" type="date" label={t("audit.filter.to")} value={params.to} />
      </ListFilters>
      <ServerTable
        caption={t("audit.title")}
        columns={columns}
        rows={rows}
        total={total}
        params={params}
        sortable={AUDIT_SORT_KEYS}
        exportPath={exportPath}
      />
    </>
  );
}
