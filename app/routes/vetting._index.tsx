import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { listReviewerQueue } from "~/elections/queue.server";
import { QUEUE_SORT_KEYS, QUEUE_TASKS, QueueListSchema } from "~/elections/review-schema";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("elections.queue.title");

// The reviewer's queue (联审) across the Party organisations they review for.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "election:review");
  const p = QueueListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await listReviewerQueue(await getDb(), actor.user.id, p, now());
  return {
    orgs: r.orgs,
    rows: r.rows.map((x) => ({ ...x, since: x.since.toISOString(), due: x.due.toISOString() })),
    total: r.total,
    overdue: r.overdue,
    params: p,
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function VettingQueue() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const href = (r: Row) => `/c/${r.compoundId}/elections/${r.electionId}/candidates/${r.candidateId}`;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "compound", header: t("elections.queue.compound"), cell: ({ row }) => row.original.compoundName },
    { id: "candidate", header: t("elections.queue.candidate"), cell: ({ row }) => <Link to={href(row.original)}>{row.original.name}</Link> },
    { id: "task", header: t("elections.queue.task"), cell: ({ row }) => t(`elections.queue.tasks.${row.original.task}`) },
    { id: "org", header: t("elections.queue.org"), cell: ({ row }) => row.original.orgName },
    { id: "since", header: t("elections.queue.since"), cell: ({ row }) => formatDateTime(row.original.since, locale) },
    { id: "due", header: t("elections.queue.due"), cell: ({ row }) => formatDateTime(row.original.due, locale) },
    {
      id: "overdue",
      header: t("elections.queue.status"),
      cell: ({ row }) => (row.original.overdue ? <span className="tag">{t("elections.queue.overdue")}</span> : <span className="muted">{t("elections.queue.notOverdue")}</span>),
    },
  ];
  return (
    <>
      <h1>{t("elections.queue.title")}</h1>
      <p className="muted">{t("elections.queue.intro")}</p>
      <p data-testid="queue-summary">{t("elections.queue.summary", { total: d.total, overdue: d.overdue })}</p>
      <ListFilters params={d.params}>
        {d.orgs.length > 1 ? (
          <SelectFilter name="org" label={t("elections.queue.org")} value={d.params.org} options={d.orgs.map((o) => ({ value: o.id, label: o.name }))} />
        ) : null}
        <SelectFilter name="task" label={t("elections.queue.task")} value={d.params.task} options={QUEUE_TASKS.map((k) => ({ value: k, label: t(`elections.queue.tasks.${k}`) }))} />
        <div className="field">
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={d.params.overdue} style={{ width: "auto", minHeight: 0 }} /> {t("elections.queue.overdueOnly")}
          </label>
        </div>
      </ListFilters>
      <ServerTable caption={t("elections.queue.title")} columns={columns} rows={d.rows} total={d.total} params={d.params} sortable={QUEUE_SORT_KEYS} exportPath="/vetting/export" />
    </>
  );
}
