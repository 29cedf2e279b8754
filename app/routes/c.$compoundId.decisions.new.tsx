import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { DecisionSchema } from "~/decisions/schema";
import { createDecision } from "~/decisions/decisions.server";
import { DecisionForm } from "~/decisions/components/decision-form";
import { listBuildings } from "~/registry/maintain.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.newMeeting");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const buildings = await listBuildings(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, buildings: buildings.map((b) => ({ id: b.id, name: b.name })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const parsed = await parseForm(request, DecisionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await createDecision(await getDb(), auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/decisions/${r.id}`, { status: 303 });
}

export default function NewDecision() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/decisions`}>← {t("decisions.list")}</Link>
      </p>
      <h1>{t("decisions.newMeeting")}</h1>
      <DecisionForm buildings={d.buildings} values={a?.values ?? {}} errors={a?.errors} submitLabel={t("decisions.newMeeting")} />
    </div>
  );
}
