import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { addDays } from "~/platform/days";
import { ArrearsListSchema, ReminderActionSchema } from "~/fees/arrears-schema";
import { buildingsOf, listArrears, arrearsTotals } from "~/fees/arrears.server";
import { feesViewer, reportAsOf } from "~/fees/home.server";
import { PAY_BY_DAYS, sendBucketReminders, sendReminder } from "~/fees/reminders.server";
import { parseAmountFen } from "~/fees/rules";
import { ArrearsPage } from "~/fees/components/arrears-list";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.arrears.title");

// Arrears per payer of a unit as of a day (fees:view; names masked unless the viewer collects), and reminders (the collector).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const p = ArrearsListSchema.parse(searchParamsObject(new URL(request.url)));
  const viewer = await feesViewer(db, actor, node, t);
  const asOf = reportAsOf(p.asOf, t);
  const min = p.min ? parseAmountFen(p.min) : null;
  const filters = { buildingId: p.building, bucket: p.bucket, minFen: min?.ok ? min.value : undefined, q: p.q, searchNames: true };
  const [list, totals, buildings] = await Promise.all([
    listArrears(db, node.id, p, filters, asOf, { seesNames: viewer.collects }),
    arrearsTotals(db, node.id, asOf),
    buildingsOf(db, node.id),
  ]);
  const today = reportAsOf(undefined, t).day;
  return {
    node: { id: node.id, name: node.name },
    collector: viewer.collector ? { name: viewer.collector.name, kind: viewer.collector.kind } : null,
    collects: viewer.collects,
    asOf: asOf.day,
    today,
    payByDefault: addDays(today, PAY_BY_DAYS),
    minInvalid: !!min && !min.ok,
    params: p,
    rows: list.rows,
    total: list.total,
    totals,
    buildings,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:collect", ["compound"]);
  const db = await getDb();
  const t = now();
  const viewer = await feesViewer(db, actor, node, t);
  if (!viewer.collects || !viewer.collector) throw notFound();
  const values = formValues(await request.formData());
  const parsed = parseObject(ReminderActionSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const compound = { id: node.id, path: node.path };
  const url = new URL(request.url);
  const q = new URLSearchParams(url.search);
  for (const k of ["done", "reminder", "sent", "skipped", "index"]) q.delete(k);
  if (parsed.data.intent === "remind") {
    const r = await sendReminder(db, auditActor(actor), compound, viewer.collector, parsed.data, t);
    if (!r.ok) return badRequest(r.errors, values);
    q.set("done", "reminded");
    q.set("reminder", r.id);
  } else {
    const r = await sendBucketReminders(db, auditActor(actor), compound, viewer.collector, parsed.data, t);
    if (!r.ok) return badRequest(r.errors, values);
    q.set("done", "bucket");
    q.set("sent", String(r.sent));
    q.set("skipped", String(r.skipped));
  }
  throw redirect(`/c/${node.id}/fees/arrears?${q}`, { status: 303 });
}

export default function Arrears() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [search] = useSearchParams();
  const values = a?.values ?? {};
  const errors = a ? { intent: values.intent, unitId: values.unitId, payerKey: values.payerKey, errors: a.errors } : null;
  // After a refused action the page answers that, not the success the URL still carries.
  const done = { done: a ? null : search.get("done"), reminder: search.get("reminder"), sent: search.get("sent"), skipped: search.get("skipped") };
  return <ArrearsPage d={d} errors={errors} values={values} done={done} />;
}
