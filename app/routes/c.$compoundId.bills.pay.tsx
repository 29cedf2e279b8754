import crypto from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { createIntent, INTENT_PROBLEM_KEYS, myBills } from "~/fees/my-bills.server";
import { onlineProvider } from "~/fees/provider.server";
import { PayOnlineSchema } from "~/fees/payments-schema";
import { PayForm } from "~/fees/components/mybills-pay-form";
import { yuanText } from "~/fees/words";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("fees.payments.pay.title");

// Paying one unit online: choose everything due or an amount, then on to the provider's page (the sandbox in demo).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:pay", ["compound"]);
  const provider = onlineProvider();
  if (!provider) throw notFound();
  const unitId = new URL(request.url).searchParams.get("unit") ?? "";
  const page = await myBills(await getDb(), actor.user.id, node.id, now());
  const u = page.units.find((x) => x.unitId === unitId);
  if (!u || !page.collector) throw notFound();
  return {
    node: { id: node.id, name: node.name },
    unit: { id: u.unitId, label: `${u.building} ${u.number}`, dueFen: u.dueNowFen, creditFen: u.creditFen },
    collector: page.collector.name,
    provider: { labelKey: provider.labelKey, sandbox: provider.sandbox },
    token: crypto.randomBytes(16).toString("base64url"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:pay", ["compound"]);
  const provider = onlineProvider();
  if (!provider) throw notFound();
  const values = formValues(await request.formData());
  const parsed = parseObject(PayOnlineSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const db = await getDb();
  const t = now();
  const r = await createIntent(db, { id: actor.user.id, name: actor.user.name }, node.id, parsed.data, provider, t, actor.ip);
  if (!r) throw notFound();
  if (!r.ok) return badRequest({ _form: INTENT_PROBLEM_KEYS[r.reason] }, values);
  if (r.intent.status === "paid") throw redirect(`/c/${node.id}/bills?done=paid`, { status: 303 });
  if (r.intent.status === "failed") throw redirect(`/c/${node.id}/bills?done=cancelled`, { status: 303 });
  const { redirectUrl } = await provider.createCheckout({ id: r.intent.id, compoundId: node.id, unitId: r.intent.unitId, amountFen: r.intent.amountFen, description: node.name });
  throw redirect(redirectUrl, { status: 303 });
}

export default function PayPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow" style={{ fontSize: "1.05rem" }}>
      <p>
        <Link to={`/c/${d.node.id}/bills`}>← {t("fees.payments.mine.title")}</Link>
      </p>
      <h1>{t("fees.payments.pay.title")}</h1>
      <p>
        {d.node.name} {d.unit.label}
      </p>
      <p className="muted">{t("fees.payments.collectorLine", { name: d.collector })}</p>
      {d.unit.creditFen > 0 ? <p className="alert info">{t("fees.payments.mine.credit", { amount: yuanText(d.unit.creditFen, { thousands: true }) })}</p> : null}
      <PayForm
        unitId={d.unit.id}
        dueFen={d.unit.dueFen}
        token={d.token}
        values={(a?.values as Record<string, string> | undefined) ?? {}}
        errors={a?.errors as Record<string, string> | undefined}
        providerLabel={t(d.provider.labelKey)}
        sandbox={d.provider.sandbox}
      />
    </div>
  );
}
