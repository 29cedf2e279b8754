import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { DecisionSchema } from "~/decisions/schema";
import { findDecision, updateDecision } from "~/decisions/decisions.server";
import { DecisionForm } from "~/decisions/components/decision-form";
import { listBuildings } from "~/registry/maintain.server";
import { shanghaiDay } from "~/platform/days";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.edit");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  return { actor, node, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d } = await load(request, params);
  const buildings = await listBuildings(await getDb(), node.id);
  return {
    node: { id: node.id, name: node.name },
    id: d.id,
    noticed: d.status === "noticed",
    frozen: d.status !== "draft" && d.status !== "noticed",
    buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
    values: { title: d.title, form: d.form, scope: d.buildingId ?? "compound", opensOn: shanghaiDay(d.opensAt), closesOn: shanghaiDay(d.closesAt) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d } = await load(request, params);
  const parsed = await parseForm(request, DecisionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await updateDecision(await getDb(), auditActor(actor), node.id, d.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/decisions/${d.id}`, { status: 303 });
}

export default function EditDecision() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/decisions/${d.id}`}>← {d.values.title}</Link>
      </p>
      <h1>{t("decisions.edit")}</h1>
      {d.frozen ? <p className="alert">{t("decisions.errors.agendaFrozen")}</p> : null}
      {d.noticed ? <p className="alert">{t("decisions.agendaChangeWarning")}</p> : null}
      {d.frozen ? null : <DecisionForm buildings={d.buildings} values={a?.values ?? d.values} errors={a?.errors} submitLabel={t("decisions.edit")} />}
    </div>
  );
}
