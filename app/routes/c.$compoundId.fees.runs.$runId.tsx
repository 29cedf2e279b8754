import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound } from "~/auth/guard.server";
import { continueRun, feesAccess, getRun, reverseRun } from "~/fees/billing.server";
import { ReverseSchema } from "~/fees/billing-schema";
import { feeItems } from "~/fees/schedules.server";
import { BillingNav } from "~/fees/components/billing-money";
import { BillingRunPanel, type RunDetail } from "~/fees/components/billing-run-panel";
import { formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("fees.billing.run.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, collects } = await feesAccess(request, params.compoundId, "view");
  const db = await getDb();
  const run = await getRun(db, node.id, (params.runId ?? "").slice(0, 64));
  if (!run) throw notFound();
  const item = (await feeItems(db, node.id)).find((i) => i.code === run.itemCode);
  return { node: { id: node.id, name: node.name }, collects, run: run as RunDetail, itemName: item?.name ?? run.itemCode };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await feesAccess(request, params.compoundId, "collect");
  const db = await getDb();
  const runId = (params.runId ?? "").slice(0, 64);
  const run = await getRun(db, node.id, runId);
  if (!run) throw notFound();
  const values = formValues(await request.formData());
  if (values.intent === "continue") {
    if (run.status === "running") continueRun(db, run.id);
    throw redirect(`/c/${node.id}/fees/runs/${run.id}`, { status: 303 });
  }
  const parsed = parseObject(ReverseSchema, values);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const r = await reverseRun(db, auditActor(actor), node.id, run.id, parsed.data.reason, now());
  if (!r) throw notFound();
  if (!r.ok) return data({ errors: { _form: r.error === "RUNNING" ? "fees.billing.errors.reverseRunning" : "fees.billing.errors.alreadyReversed" } as Record<string, string> }, { status: 400 });
  throw redirect(`/c/${node.id}/fees/runs/${run.id}?done=reversed&notes=${r.notes}`, { status: 303 });
}

export default function BillingRun() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <>
      <BillingNav compoundId={d.node.id} current="runs" />
      <p>
        <Link to={`/c/${d.node.id}/fees/runs`}>← {t("fees.billing.run.back")}</Link>
      </p>
      <h1>
        {t("fees.billing.run.title")} · {d.node.name}
      </h1>
      {!a && search.get("done") === "reversed" ? (
        <p className="alert ok" role="status">
          {t("fees.billing.done.reversed", { notes: Number(search.get("notes") ?? 0) })}
        </p>
      ) : null}
      <BillingRunPanel run={d.run} itemName={d.itemName} compoundId={d.node.id} collects={d.collects} reverseErrors={a?.errors} />
    </>
  );
}
