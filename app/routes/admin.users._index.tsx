import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { UserListSchema, USER_SORT_KEYS } from "~/auth/schema";
import { listUsers } from "~/auth/users.server";
import { ROLES } from "~db/schema/auth";
import { ServerTable } from "~/ui/data-table";
import { searchParamsObject } from "~/ui/list-params";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  const params = UserListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows, total } = await listUsers(await getDb(), actor, params, now());
  return { rows, total, params };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function Users() {
  const { rows, total, params } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "name", header: t("users.name"), cell: ({ row }) => <Link to={`/admin/users/${row.original.id}`}>{row.original.name}</Link> },
    { id: "phone", header: t("login.phone"), cell: ({ row }) => row.original.phone || row.original.accountNo || "—" },
    { id: "roles", header: t("users.roles"), cell: ({ row }) => row.original.roles.map((r) => t(`roles.${r}`)).join("、") || "—" },
    { id: "status", header: t("users.status"), cell: ({ row }) => (row.original.disabled ? t("users.disabled") : t("users.active")) },
    { id: "createdAt", header: t("users.createdAt"), cell: ({ row }) => formatDate(row.original.createdAt, i18n.language as Locale) },
  ];
  return (
    <>
      <h1>{t("users.title")}</h1>
      <p>
        <Link className="btn" to="/admin/users/new">
          {t("users.new")}
        </Link>
      </p>
      <ListFilters params={params}>
        <TextFilter name="q" label={t("users.search")} value={params.q} />
        <SelectFilter name="role" label={t("users.role")} value={params.role} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </ListFilters>
      <ServerTable
        caption={t("users.title")}
        columns={columns}
        rows={rows}
        total={total}
        params={params}
        sortable={USER_SORT_KEYS}
        exportPath="/admin/users/export"
      />
    </>
  );
}
