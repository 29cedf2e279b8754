import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { shanghaiDay } from "~/platform/days";
import { ModelChangeSchema } from "~/governance/model-schema";
import { changeFormPage, changeModel } from "~/governance/models.server";
import { ModelChangeForm } from "~/governance/components/model-change-form";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("governance.management.changeTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "model:manage", ["compound"]);
  const page = await changeFormPage(await getDb(), node.id, shanghaiDay(now()));
  return { node: { id: node.id, name: node.name }, canInterim: can(actor.grants, "model:assign_interim", node.path), ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "model:manage", ["compound"]);
  const parsed = await parseForm(request, ModelChangeSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await changeModel(await getDb(), auditActor(actor), node.id, parsed.data, { streetOfficer: can(actor.grants, "model:assign_interim", node.path) }, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(r.handoverId ? `/c/${node.id}/management/handover/${r.handoverId}?done=created` : `/c/${node.id}/management?done=change`, { status: 303 });
}

export default function ChangeModel() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/management`}>← {t("governance.management.title")}</Link>
      </p>
      <h1>{t("governance.management.changeTitle")}</h1>
      <p>
        {t("governance.management.currentIs", { model: d.current ? t(`governance.models.${d.current}`) : t("governance.unmanaged") })}
        {d.latest && d.latest.model !== d.current ? ` · ${t("governance.management.latestScheduled", { model: t(`governance.models.${d.latest.model}`), day: d.latest.fromDay })}` : ""}
      </p>
      <p className="muted">{t("governance.management.changeIntro")}</p>
      <ModelChangeForm
        values={(a?.values as Record<string, string> | undefined) ?? {}}
        errors={a?.errors as Record<string, string> | undefined}
        decisions={d.decisions}
        communities={d.communities}
        defaultCommunityId={d.defaultCommunityId}
        canInterim={d.canInterim}
        latestFromDay={d.latest?.fromDay ?? null}
      />
    </div>
  );
}
