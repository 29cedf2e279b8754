import { Form } from "@remix-run/react";
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
      <Form method="get" className="card filters" aria-label={t("table.filters")}>
        <div className="field">
          <label htmlFor="who">{t("audit.filter.who")}</label>
          <input id="who" name="who" defaultValue={params.who ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="what">{t("audit.filter.what")}</label>
          <input id="what" name="what" defaultValue={params.what ?? ""} placeholder="auth." />
        </div>
        <div className="field">
          <label htmlFor="result">{t("audit.filter.result")}</label>
          <select id="result" name="result" defaultValue={params.result ?? ""}>
            <option value="">{t("table.all")}</option>
            <option value="ok">{t("audit.result.ok")}</option>
            <option value="denied">{t("audit.result.denied")}</option>
            <option value="failed">{t("audit.result.failed")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("audit.filter.from")}</label>
          <input id="from" name="from" type="date" defaultValue={params.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.filter.to")}</label>
          <input id="to" name="to" type="date" defaultValue={params.to ?? ""} />
        </div>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <input type="hidden" name="size" value={params.size} />
        <button type="submit" className="btn">
          {t("table.filter")}
        </button>
      </Form>
      <ServerTable
        caption={t("audit.title")}
        columns={columns}
        rows={rows}
        total={total}
        page={params.page}
        size={params.size}
        sort={params.sort}
        dir={params.dir}
        sortable={AUDIT_SORT_KEYS}
        exportPath={exportPath}
      />
    </>
  );
}
