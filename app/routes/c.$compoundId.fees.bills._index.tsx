import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { shanghaiDay } from "~/platform/days";
import { billFilterOptions, feesAccess, listBills } from "~/fees/billing.server";
import { BILL_SORT_KEYS, BILL_STATUSES, BillListSchema } from "~/fees/billing-schema";
import { BillingNav, useMoney } from "~/fees/components/billing-money";
import { BILL_NUMERIC, useBillColumns, type BillOnPage } from "~/fees/components/bills-columns";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.billing.bills.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, collects } = await feesAccess(request, params.compoundId, "view");
  const p = BillListSchema.parse(searchParamsObject(new URL(request.url)));
  const db = await getDb();
  const r = await listBills(db, node.id, p, shanghaiDay(now()), { revealNames: collects });
  return { node: { id: node.id, name: node.name }, collects, rows: r.rows as BillOnPage[], total: r.total, totals: r.totals, params: p, options: await billFilterOptions(db, node.id) };
}

export default function Bills() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const money = useMoney();
  const columns = useBillColumns();
  return (
    <>
      <BillingNav compoundId={d.node.id} current="bills" />
      <h1>
        {t("fees.billing.bills.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.billing.bills.intro")}</p>
      {!d.collects ? <p className="muted">{t("fees.billing.masked")}</p> : null}
      <ListFilters params={d.params}>
        <TextFilter name="q" label={d.collects ? t("fees.billing.bills.search") : t("fees.billing.bills.searchUnit")} value={d.params.q} />
        <SelectFilter name="item" label={t("fees.billing.bills.item")} value={d.params.item} options={d.options.items.map((i) => ({ value: i.code, label: i.name }))} />
        <TextFilter name="period" label={t("fees.billing.bills.period")} value={d.params.period} placeholder={t("fees.billing.bills.periodHint")} />
        <SelectFilter name="building" label={t("fees.billing.bills.building")} value={d.params.building} options={d.options.buildings.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectFilter name="status" label={t("fees.billing.bills.status")} value={d.params.status} options={BILL_STATUSES.map((s) => ({ value: s, label: t(`fees.billing.bills.filters.${s}`) }))} />
        {d.params.run ? <input type="hidden" name="run" value={d.params.run} /> : null}
      </ListFilters>
      <p role="status">
        {t("fees.billing.bills.totals", { billed: money(d.totals.billedFen), paid: money(d.totals.paidFen), credited: money(d.totals.creditedFen), outstanding: money(d.totals.outstandingFen) })}
      </p>
      <ServerTable
        caption={t("fees.billing.bills.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={BILL_SORT_KEYS}
        numeric={BILL_NUMERIC}
        exportPath={`/c/${d.node.id}/fees/bills/export`}
      />
    </>
  );
}
