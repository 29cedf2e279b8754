import { Form, Link } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { ServerTable } from "~/ui/data-table";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { ARREARS_SORT_KEYS } from "../arrears-schema";
import { AGING_BUCKETS, type AgingBucket } from "../rules";
import { ArrearsTotalsTable } from "./arrears-totals";
import { yuan } from "./rates-figures";
import { RemindBucketForm, RemindButton, type ReminderErrors } from "./reminder-forms";

export type ArrearsRowView = {
  unitId: string;
  payerKey: string;
  payerKind: "owner" | "developer";
  payerName: string;
  buildingName: string;
  unitNumber: string;
  outstandingFen: number;
  oldestDueDay: string;
  daysOverdue: number;
  bucket: AgingBucket;
  bills: number;
  lastReminderId: string | null;
  lastReminderDay: string | null;
};

export type ArrearsPageData = {
  node: { id: string; name: string };
  collector: { name: string; kind: "company" | "owners" | "community" } | null;
  collects: boolean;
  asOf: string;
  today: string;
  payByDefault: string;
  minInvalid: boolean;
  params: { page: number; size: number; sort: string; dir: "asc" | "desc"; building?: string; bucket?: string; min?: string; q?: string; asOf?: string };
  rows: ArrearsRowView[];
  total: number;
  totals: Parameters<typeof ArrearsTotalsTable>[0]["totals"];
  buildings: { id: string; name: string }[];
};

export type ArrearsDone = { done: string | null; reminder: string | null; sent: string | null; skipped: string | null };

function Done({ d, done }: { d: ArrearsPageData; done: ArrearsDone }) {
  const { t } = useTranslation();
  if (done.done === "reminded") {
    return (
      <p className="alert ok" role="status" data-testid="done">
        {t("fees.arrears.done.reminded")}{" "}
        {done.reminder ? (
          <a href={`/c/${d.node.id}/fees/reminders/${encodeURIComponent(done.reminder)}.pdf`} download>
            {t("fees.arrears.letterLink")}
          </a>
        ) : null}
      </p>
    );
  }
  if (done.done === "bucket") {
    return (
      <p className="alert ok" role="status" data-testid="done">
        {t("fees.arrears.done.bucket", { sent: Number(done.sent ?? 0), skipped: Number(done.skipped ?? 0) })}
      </p>
    );
  }
  return null;
}

/** The arrears page: who collects, totals by age, the per-payer list with filters and export, and (for the collector) reminders. */
export function ArrearsPage({ d, errors, values, done }: { d: ArrearsPageData; errors: ReminderErrors; values: Record<string, string>; done: ArrearsDone }) {
  const { t } = useTranslation();
  const base = `/c/${d.node.id}/fees`;
  const columns: ColumnDef<ArrearsRowView, unknown>[] = [
    { id: "unit", header: t("fees.arrears.unit"), cell: ({ row }) => `${row.original.buildingName} ${row.original.unitNumber}` },
    {
      id: "payer",
      header: t("fees.arrears.payer"),
      cell: ({ row }) => (
        <>
          {row.original.payerName}
          {row.original.payerKind === "developer" ? <div className="muted">{t("fees.arrears.developer")}</div> : null}
        </>
      ),
    },
    { id: "outstanding", header: t("fees.arrears.outstanding"), cell: ({ row }) => yuan(row.original.outstandingFen) },
    { id: "oldestDue", header: t("fees.arrears.oldestDue"), cell: ({ row }) => row.original.oldestDueDay },
    { id: "days", header: t("fees.arrears.days"), cell: ({ row }) => row.original.daysOverdue },
    { id: "bucket", header: t("fees.arrears.bucket"), cell: ({ row }) => <span className="tag">{t(`fees.arrears.buckets.${row.original.bucket}`)}</span> },
    {
      id: "lastReminder",
      header: t("fees.arrears.lastReminder"),
      cell: ({ row }) =>
        row.original.lastReminderDay ? (
          <>
            {t("fees.arrears.remindedOn", { day: row.original.lastReminderDay })}
            {d.collects && row.original.lastReminderId ? (
              <>
                {" · "}
                <a href={`${base}/reminders/${encodeURIComponent(row.original.lastReminderId)}.pdf`} download>
                  {t("fees.arrears.printLetter")}
                </a>
              </>
            ) : null}
          </>
        ) : (
          <span className="muted">{t("fees.arrears.notReminded")}</span>
        ),
    },
  ];
  if (d.collects) {
    columns.push({
      id: "actions",
      header: t("fees.arrears.actions"),
      cell: ({ row }) => <RemindButton unitId={row.original.unitId} payerKey={row.original.payerKey} errors={errors} label={`${row.original.buildingName} ${row.original.unitNumber}`} />,
    });
  }
  const stray = errors && errors.intent !== "remind" && errors.intent !== "remindBucket" ? (errors.errors._form ?? "errors.invalid") : null;
  return (
    <>
      <p>
        <Link to={base}>← {t("fees.arrears.back")}</Link>
      </p>
      <h1>
        {t("fees.arrears.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.arrears.intro")}</p>
      <Done d={d} done={done} />
      {stray ? (
        <p className="alert error" role="alert">
          {t(stray)}
        </p>
      ) : null}
      <dl className="grid" style={{ margin: "0 0 1rem" }}>
        <div>
          <dt className="muted">{t("fees.arrears.collector")}</dt>
          <dd style={{ margin: 0 }} data-testid="fees-collector">
            {d.collector ? (
              <>
                {d.collector.name} <span className="tag">{t(`fees.arrears.collectorKinds.${d.collector.kind}`)}</span>
              </>
            ) : (
              t("fees.arrears.noCollector")
            )}
          </dd>
        </div>
      </dl>
      <Form method="get" className="actions" style={{ marginBottom: "1rem" }}>
        <label htmlFor="arrears-asof">{t("fees.arrears.asOf")}</label>
        <input id="arrears-asof" name="asOf" type="date" defaultValue={d.asOf} max={d.today} style={{ width: "auto" }} />
        <button type="submit" className="btn small secondary">
          {t("fees.arrears.apply")}
        </button>
      </Form>

      <h2>{t("fees.arrears.totalsHeading")}</h2>
      <ArrearsTotalsTable totals={d.totals} />

      {d.collects ? (
        <RemindBucketForm errors={errors} values={errors?.intent === "remindBucket" ? values : {}} payByDefault={d.payByDefault} />
      ) : (
        <p className="alert info">
          {d.collector ? t("fees.arrears.onlyCollector", { collector: d.collector.name }) : t("fees.arrears.noCollector")} {t("fees.arrears.masked")}
        </p>
      )}

      <h2>{t("fees.arrears.asOfValue", { day: d.asOf })}</h2>
      {d.collects ? <p className="muted">{t("fees.arrears.remindHint")}</p> : null}
      <ListFilters params={d.params}>
        <input type="hidden" name="asOf" value={d.asOf} />
        <SelectFilter name="building" label={t("fees.arrears.building")} value={d.params.building} options={d.buildings.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectFilter name="bucket" label={t("fees.arrears.bucket")} value={d.params.bucket} options={AGING_BUCKETS.map((b) => ({ value: b, label: t(`fees.arrears.buckets.${b}`) }))} />
        <TextFilter name="min" label={t("fees.arrears.min")} value={d.params.min} />
        <TextFilter name="q" label={d.collects ? t("fees.arrears.searchNames") : t("fees.arrears.search")} value={d.params.q} />
      </ListFilters>
      {d.minInvalid ? (
        <p className="alert error" role="alert">
          {t("fees.arrears.minInvalid")}
        </p>
      ) : null}
      <ServerTable
        caption={t("fees.arrears.title")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={ARREARS_SORT_KEYS}
        numeric={["outstanding", "days"]}
        exportPath={`${base}/arrears/export`}
      />
    </>
  );
}
