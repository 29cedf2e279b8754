import crypto from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import {
  collectorSide, listPayments, paymentFormData, recordPayment, RECORD_PROBLEM_FIELDS, REVERSE_PROBLEM_KEYS, reversePayment, reverseTarget, type PaymentListRow,
} from "~/fees/payments.server";
import { PAYMENT_SORT_KEYS, PaymentsListSchema, RecordPaymentSchema, REVERSAL_FILTERS, ReversePaymentSchema } from "~/fees/payments-schema";
import { OpenBillsList, RecordPaymentForm, UnitFinder } from "~/fees/components/payment-record-form";
import { ReversePaymentForm } from "~/fees/components/payment-reverse-form";
import { yuanText } from "~/fees/words";
import { checkFile, parseUploadForm } from "~/platform/files.server";
import { shanghaiDay } from "~/platform/days";
import { ServerTable } from "~/ui/data-table";
import { badRequest, parseObject } from "~/ui/form.server";
import { ListFilters, SelectFilter, TextFilter } from "~/ui/list-filters";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.payments.list.title");

/** "2026-01-05T09:30" in Shanghai: the record form's default paid-at. */
const localMinute = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

// The compound's payments (fees:view; payers masked unless one collects); the collecting body's staff also record
// offline payments (unit by building and number, amount, method, voucher) and reverse them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const p = PaymentsListSchema.parse(searchParamsObject(new URL(request.url)));
  const { collector, collects } = await collectorSide(db, { userId: actor.user.id, grants: actor.grants }, node, t);
  const [list, form, reverse] = await Promise.all([
    listPayments(db, node.id, p, { collects }),
    collects ? paymentFormData(db, node.id, { building: p.building, number: p.number }, collector?.key ?? null, shanghaiDay(t)) : Promise.resolve(null),
    collects && collector && p.reverse ? reverseTarget(db, node.id, p.reverse, collector.key) : Promise.resolve(null),
  ]);
  return {
    node: { id: node.id, name: node.name },
    collector: collector ? { name: collector.name, key: collector.key } : null,
    collects,
    rows: list.rows,
    total: list.total,
    params: p,
    form: form ? { ...form, token: crypto.randomBytes(16).toString("base64url"), nowLocal: localMinute(t) } : null,
    reverse,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:collect", ["compound"]);
  const db = await getDb();
  const t = now();
  const { collector, collects } = await collectorSide(db, { userId: actor.user.id, grants: actor.grants }, node, t);
  if (!collects || !collector) throw notFound();
  const form = await parseUploadForm(request, "voucher");
  if (!form.ok) return badRequest({ voucher: form.error });

  if (form.fields.intent === "reverse") {
    const parsed = parseObject(ReversePaymentSchema, form.fields);
    if (!parsed.ok) return badRequest(parsed.errors, form.fields);
    const r = await reversePayment(db, auditActor(actor), node.id, parsed.data.paymentId, parsed.data.reason, t, { collectorKey: collector.key, ip: actor.ip });
    if (!r) throw notFound();
    if (!r.ok) return badRequest({ _form: REVERSE_PROBLEM_KEYS[r.reason] }, form.fields);
    throw redirect(`/c/${node.id}/fees/receipts/${r.reversal.id}?done=reversed`, { status: 303 });
  }

  const parsed = parseObject(RecordPaymentSchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors, form.fields);
  const voucher = form.files.length ? await checkFile(form.files[0]) : null;
  if (voucher && "error" in voucher) return badRequest({ voucher: voucher.error }, form.fields);
  const d = parsed.data;
  const r = await recordPayment(
    db,
    auditActor(actor),
    node.id,
    {
      unitId: d.unitId,
      amountFen: d.amount,
      method: d.method,
      paidAt: d.paidAt,
      payerName: d.payerName,
      reference: d.reference,
      note: d.note,
      voucher,
      idempotencyKey: `offline:${node.id}:${d.token}`,
    },
    t,
    { collectorKey: collector.key, ip: actor.ip },
  );
  if (!r.ok) {
    const e = RECORD_PROBLEM_FIELDS[r.reason];
    return badRequest({ [e.field]: e.key }, form.fields);
  }
  throw redirect(`/c/${node.id}/fees/receipts/${r.payment.id}?done=${r.created ? "recorded" : "already"}`, { status: 303 });
}

type Row = PaymentListRow;

export default function PaymentsPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const base = `/c/${d.node.id}/fees/payments`;
  const errors = a?.errors as Record<string, string> | undefined;
  const values = (a?.values as Record<string, string> | undefined) ?? {};
  const reverseFailed = values.intent === "reverse";
  const keep = new URLSearchParams(Object.entries(d.params).filter(([k, v]) => v !== undefined && k !== "reverse" && k !== "format").map(([k, v]) => [k, String(v)]));
  const reverseHref = (id: string) => `${base}?${new URLSearchParams([...keep, ["reverse", id]])}#reverse`;
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "receipt",
      header: t("fees.payments.list.receiptNo"),
      cell: ({ row }) => <Link to={`/c/${d.node.id}/fees/receipts/${row.original.id}`}>{row.original.receiptNo}</Link>,
    },
    { id: "paidAt", header: t("fees.payments.list.paidAt"), cell: ({ row }) => formatDateTime(row.original.paidAt, locale) },
    { id: "unit", header: t("fees.payments.list.unit"), cell: ({ row }) => `${row.original.building} ${row.original.number}` },
    { id: "payer", header: t("fees.payments.list.payer"), cell: ({ row }) => row.original.payerName },
    {
      id: "method",
      header: t("fees.payments.list.method"),
      cell: ({ row }) => (
        <>
          {t(`fees.payments.methods.${row.original.method}`)}
          {row.original.hasVoucher ? <div className="muted">{t("fees.payments.list.hasVoucher")}</div> : null}
        </>
      ),
    },
    { id: "amount", header: t("fees.payments.list.amount"), cell: ({ row }) => yuanText(row.original.amountFen, { thousands: true }) },
    {
      id: "status",
      header: t("fees.payments.list.status"),
      cell: ({ row }) =>
        row.original.reversesNo ? (
          <span className="tag">{t("fees.payments.status.reversalOf", { no: row.original.reversesNo })}</span>
        ) : row.original.reversedByNo ? (
          <span className="tag">{t("fees.payments.status.reversedBy", { no: row.original.reversedByNo })}</span>
        ) : (
          t("fees.payments.status.normal")
        ),
    },
    { id: "recordedBy", header: t("fees.payments.list.recordedBy"), cell: ({ row }) => row.original.recordedBy ?? t("fees.payments.receipt.online") },
    ...(d.collects
      ? [
          {
            id: "actions",
            header: t("fees.payments.list.actions"),
            cell: ({ row }: { row: { original: Row } }) =>
              row.original.amountFen > 0 && !row.original.reversedById && row.original.collectorKey === d.collector?.key ? (
                <Link to={reverseHref(row.original.id)}>{t("fees.payments.reverse.link")}</Link>
              ) : null,
          } satisfies ColumnDef<Row, unknown>,
        ]
      : []),
  ];
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/fees`}>← {t("fees.title")}</Link>
      </p>
      <h1>
        {t("fees.payments.list.title")} · {d.node.name}
      </h1>
      <p>{d.collector ? t("fees.payments.collectorLine", { name: d.collector.name }) : t("fees.payments.noCollector")}</p>
      {!d.collects ? <p className="muted">{t("fees.payments.list.viewOnly")}</p> : null}

      {d.reverse ? (
        <div id="reverse">
          <ReversePaymentForm target={d.reverse} cancelHref={`${base}?${keep}`} values={reverseFailed ? values : {}} errors={reverseFailed ? errors : undefined} />
        </div>
      ) : null}

      {d.form ? (
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title" style={{ marginTop: 0 }}>
            {t("fees.payments.record.title")}
          </h2>
          <p className="muted">{t("fees.payments.record.intro")}</p>
          <UnitFinder buildings={d.form.buildings} building={d.params.building} number={d.params.number} notFound={d.form.notFound} />
          {d.form.unit ? (
            <>
              <h3>
                {d.form.unit.building} {d.form.unit.number} · {d.form.unit.payerName || t("fees.payments.record.noPayer")}
              </h3>
              <OpenBillsList unit={d.form.unit} />
              <RecordPaymentForm
                key={d.form.unit.id}
                unit={d.form.unit}
                token={d.form.token}
                nowLocal={d.form.nowLocal}
                values={reverseFailed ? {} : values}
                errors={reverseFailed ? undefined : errors}
              />
            </>
          ) : null}
        </section>
      ) : null}

      <h2>{t("fees.payments.list.heading")}</h2>
      <ListFilters params={d.params}>
        <TextFilter name="q" label={t(d.collects ? "fees.payments.list.searchCollector" : "fees.payments.list.search")} value={d.params.q} />
        <SelectFilter name="method" label={t("fees.payments.list.method")} value={d.params.method} options={["cash", "transfer", "voucher", "online"].map((m) => ({ value: m, label: t(`fees.payments.methods.${m}`) }))} />
        <TextFilter name="from" type="date" label={t("fees.payments.list.from")} value={d.params.from} />
        <TextFilter name="to" type="date" label={t("fees.payments.list.to")} value={d.params.to} />
        <SelectFilter name="reversal" label={t("fees.payments.list.status")} value={d.params.reversal} options={REVERSAL_FILTERS.map((r) => ({ value: r, label: t(`fees.payments.reversalFilter.${r}`) }))} />
      </ListFilters>
      <ServerTable
        caption={t("fees.payments.list.heading")}
        columns={columns}
        rows={d.rows}
        total={d.total}
        params={d.params}
        sortable={PAYMENT_SORT_KEYS}
        numeric={["amount"]}
        exportPath={`${base}/export`}
      />
    </>
  );
}
