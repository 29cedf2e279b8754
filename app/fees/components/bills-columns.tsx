import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { useMoney } from "./billing-money";

export type BillOnPage = {
  id: string;
  buildingName: string;
  unitId: string;
  unitNumber: string;
  itemName: string;
  periodFrom: string;
  periodTo: string;
  months: number;
  payerKind: "owner" | "developer";
  payerName: string;
  amountFen: number;
  paidFen: number;
  creditedFen: number;
  outstandingFen: number;
  dueDay: string;
  daysOverdue: number;
  state: "paid" | "credited" | "overdue" | "partly" | "open";
};

/** The bills table's columns (sortable ids match BILL_SORT_KEYS). */
export function useBillColumns(): ColumnDef<BillOnPage, unknown>[] {
  const { t } = useTranslation();
  const money = useMoney();
  return [
    { id: "unit", header: t("fees.billing.bills.unit"), cell: ({ row }) => `${row.original.buildingName} ${row.original.unitNumber}` },
    { id: "item", header: t("fees.billing.bills.item"), cell: ({ row }) => row.original.itemName },
    {
      id: "period",
      header: t("fees.billing.bills.months"),
      cell: ({ row }) => (row.original.periodFrom === row.original.periodTo ? row.original.periodFrom : t("fees.billing.periodValue", { from: row.original.periodFrom, to: row.original.periodTo })),
    },
    { id: "payer", header: t("fees.billing.bills.payer"), cell: ({ row }) => (row.original.payerKind === "developer" ? t("fees.billing.developer") : row.original.payerName) },
    { id: "amount", header: t("fees.billing.bills.amount"), cell: ({ row }) => money(row.original.amountFen) },
    { id: "paid", header: t("fees.billing.bills.paid"), cell: ({ row }) => money(row.original.paidFen) },
    { id: "credited", header: t("fees.billing.bills.credited"), cell: ({ row }) => money(row.original.creditedFen) },
    { id: "outstanding", header: t("fees.billing.bills.outstanding"), cell: ({ row }) => money(row.original.outstandingFen) },
    { id: "due", header: t("fees.billing.bills.due"), cell: ({ row }) => row.original.dueDay },
    {
      id: "status",
      header: t("fees.billing.bills.status"),
      cell: ({ row }) => (
        <>
          <span className="tag">{t(`fees.billing.bills.states.${row.original.state}`)}</span>
          {row.original.daysOverdue > 0 ? <div className="muted">{t("fees.billing.bills.daysOverdue", { days: row.original.daysOverdue })}</div> : null}
        </>
      ),
    },
  ];
}

export const BILL_NUMERIC = ["amount", "paid", "credited", "outstanding"] as const;
