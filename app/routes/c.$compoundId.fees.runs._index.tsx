import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor } from "~/auth/guard.server";
import { continueRun, feesAccess, listRuns, previewRun, startRun, type BillingProblem } from "~/fees/billing.server";
import { RunSchema } from "~/fees/billing-schema";
import { feeItems } from "~/fees/schedules.server";
import { BillingNav } from "~/fees/components/billing-money";
import { BillingProblems, RunPreviewForm, RunPreviewPanel } from "~/fees/components/billing-run-form";
import { BillingRunsTable, type RunOnPage } from "~/fees/components/billing-runs-table";
import { formValues, parseObject } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.billing.runs.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, collector, collects } = await feesAccess(request, params.compoundId, "view");
  const db = await getDb();
  const query = searchParamsObject(new URL(request.url));
  const asked = collects && ("itemCode" in query || "periodFrom" in query);
  const parsed = asked ? parseObject(RunSchema, query) : null;
  const preview = parsed?.ok ? await previewRun(db, node.id, parsed.data, now(), { collectorKey: collector?.key }) : null;
  const items = await feeItems(db, node.id);
  return {
    node: { id: node.id, name: node.name },
    collects,
    collector: collector ? { name: collector.name } : null,
    items: items.map((i) => ({ code: i.code, name: i.name })),
    query: asked ? query : {},
    errors: parsed && !parsed.ok ? parsed.errors : undefined,
    preview: preview ? { ...preview, collector: preview.collector ? { name: preview.collector.name } : null } : null,
    runs: (await listRuns(db, node.id)) as RunOnPage[],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, collector } = await feesAccess(request, params.compoundId, "collect");
  const parsed = parseObject(RunSchema, formValues(await request.formData()));
  if (!parsed.ok) return data({ problems: [] as BillingProblem[], errors: parsed.errors }, { status: 400 });
  const db = await getDb();
  const r = await startRun(db, auditActor(actor), node.id, parsed.data, now(), { collectorKey: collector?.key ?? "" });
  if (!r.ok) return data({ problems: r.problems, errors: undefined }, { status: 400 });
  // Carried out in the background, chunk by chunk; the run's page shows the progress.
  continueRun(db, r.runId);
  throw redirect(`/c/${node.id}/fees/runs/${r.runId}`, { status: 303 });
}

export default function BillingRuns() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const itemNames = Object.fromEntries(d.items.map((i) => [i.code, i.name]));
  return (
    <>
      <BillingNav compoundId={d.node.id} current="runs" />
      <h1>
        {t("fees.billing.runs.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("fees.billing.runs.intro")}</p>
      <p>
        {t("fees.billing.collector")}：{d.collector ? d.collector.name : t("fees.billing.noCollector")}
      </p>
      {d.collects ? (
        <section className="card narrow" aria-labelledby="run-preview-title">
          <h2 id="run-preview-title">{t("fees.billing.runs.previewTitle")}</h2>
          {d.items.length === 0 ? <p>{t("fees.billing.runs.noItems")}</p> : <RunPreviewForm items={d.items} values={d.query} errors={a?.errors ?? d.errors} />}
        </section>
      ) : null}
      {a?.problems?.length ? <BillingProblems problems={a.problems} /> : null}
      {d.preview ? <RunPreviewPanel preview={d.preview} /> : null}
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{t("fees.billing.runs.listTitle")}</h2>
        <BillingRunsTable runs={d.runs} compoundId={d.node.id} itemNames={itemNames} />
      </section>
    </>
  );
}
