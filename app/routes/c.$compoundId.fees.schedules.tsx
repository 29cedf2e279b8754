import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound } from "~/auth/guard.server";
import { shanghaiDay } from "~/platform/days";
import { feesAccess } from "~/fees/billing.server";
import { EndScheduleSchema, ScheduleSchema } from "~/fees/billing-schema";
import { addSchedule, endSchedule, feeItems, listSchedules } from "~/fees/schedules.server";
import { BillingNav } from "~/fees/components/billing-money";
import { ScheduleForm } from "~/fees/components/schedule-form";
import { ScheduleItems, type EndError, type ItemOnPage } from "~/fees/components/schedule-list";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("fees.billing.schedules.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, collector, collects } = await feesAccess(request, params.compoundId, "view");
  const db = await getDb();
  const today = shanghaiDay(now());
  return {
    node: { id: node.id, name: node.name },
    collector: collector ? { name: collector.name } : null,
    collects,
    today,
    items: (await listSchedules(db, node.id, today)) as ItemOnPage[],
    codes: collects ? await feeItems(db, node.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await feesAccess(request, params.compoundId, "collect");
  const values = formValues(await request.formData());
  const db = await getDb();
  if (values.intent === "end") {
    const parsed = parseObject(EndScheduleSchema, values);
    const scheduleId = (values.scheduleId ?? "").slice(0, 64);
    if (!parsed.ok) return data({ end: { scheduleId, key: parsed.errors.toDay ?? parsed.errors._form ?? "errors.invalid" } satisfies EndError }, { status: 400 });
    const r = await endSchedule(db, auditActor(actor), node.id, parsed.data, now());
    if (r === null) throw notFound();
    if (!r.ok) return data({ end: { scheduleId, key: r.errors.toDay ?? r.errors._form ?? "errors.invalid", month: r.month } satisfies EndError }, { status: 400 });
    throw redirect(`/c/${node.id}/fees/schedules?done=ended`, { status: 303 });
  }
  const parsed = parseObject(ScheduleSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const r = await addSchedule(db, auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, values);
  throw redirect(`/c/${node.id}/fees/schedules?done=added`, { status: 303 });
}

const DONE = ["added", "ended"] as const;

export default function FeeSchedules() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; end?: EndError } | undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const done = a ? null : DONE.find((x) => x === search.get("done"));
  return (
    <>
      <BillingNav compoundId={d.node.id} current="schedules" />
      <h1>
        {t("fees.billing.schedules.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.billing.schedules.intro")}</p>
      <p>
        {t("fees.billing.collector")}：{d.collector ? d.collector.name : t("fees.billing.noCollector")}
      </p>
      {done ? (
        <p className="alert ok" role="status">
          {t(`fees.billing.done.${done}`)}
        </p>
      ) : null}
      {!d.collects ? <p className="alert info">{t("fees.billing.schedules.readOnly")}</p> : null}
      {d.items.length === 0 ? <p>{t("fees.billing.schedules.none")}</p> : <ScheduleItems items={d.items} collects={d.collects} today={d.today} endError={a?.end ?? null} />}
      {d.collects ? (
        <section className="card narrow" aria-labelledby="schedule-add-title">
          <h2 id="schedule-add-title">{t("fees.billing.schedules.addTitle")}</h2>
          <ScheduleForm key={done ?? "form"} values={a?.values ?? {}} errors={a?.errors} items={d.codes} />
        </section>
      ) : null}
    </>
  );
}
