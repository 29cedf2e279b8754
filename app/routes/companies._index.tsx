import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { scopesWith } from "~/auth/permissions";
import { CompanyListSchema, COMPANY_SORT_KEYS } from "~/governance/company-schema";
import { listCompanies } from "~/governance/companies.server";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { shanghaiDay } from "~/platform/days";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("governance.companies.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "company:view");
  const params = CompanyListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows, total } = await listCompanies(await getDb(), params, shanghaiDay(now()));
  return { rows, total, params, manage: scopesWith(actor.grants, "company:manage").length > 0 };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function Companies() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "name", header: t("governance.companies.name"), cell: ({ row }) => <Link to={`/companies/${row.original.id}`}>{row.original.name}</Link> },
    { id: "creditCode", header: t("governance.companies.creditCode"), cell: ({ row }) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{row.original.creditCode}</span> },
    { id: "contact", header: t("governance.companies.contact"), cell: ({ row }) => `${row.original.contactName} ${row.original.contactPhone}` },
    {
      id: "party",
      header: t("governance.companies.party"),
      cell: ({ row }) => (row.original.hasPartyOrg ? (row.original.partyOrgName ?? t("governance.companies.partyYes")) : t("governance.companies.partyNo")),
    },
    { id: "servingNow", header: t("governance.companies.servingNow"), cell: ({ row }) => row.original.servingNow },
    { id: "createdAt", header: t("governance.companies.createdAt"), cell: ({ row }) => formatDate(row.original.createdAt, locale) },
  ];
  return (
    <>
      <h1>{t("governance.companies.title")}</h1>
      <p className="muted">{t("governance.companies.intro")}</p>
      {d.manage ? (
        <p className="actions">
          <Link className="btn" to="/companies/new">
            {t("governance.companies.register")}
          </Link>
        </p>
      ) : null}
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t("governance.companies.search")} value={d.params.q} />
        <SelectFilter
          name="party"
          label={t("governance.companies.party")}
          value={d.params.party}
          options={[
            { value: "yes", label: t("governance.companies.partyYes") },
            { value: "no", label: t("governance.companies.partyNo") },
          ]}
        />
      </ListFilters>
      <ServerTable
        caption={t("governance.companies.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={COMPANY_SORT_KEYS}
        numeric={["servingNow"]}
        exportPath="/companies/export"
      />
    </>
  );
}
