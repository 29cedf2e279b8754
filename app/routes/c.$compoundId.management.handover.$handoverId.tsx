import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireActor, requireNode } from "~/auth/guard.server";
import { confirmHandoverItem, handoverCompanyPartyNode, handoverPage } from "~/governance/handover.server";
import { HandoverConfirmSchema } from "~/governance/model-schema";
import { HandoverChecklist } from "~/governance/components/handover-checklist";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("governance.handover.title");

/**
 * Those who read contracts at the compound see the checklist; so does the staff of a company on either side
 * (a company grant), even once the company no longer serves the compound. Anyone else: 404.
 */
async function load(request: Request, params: { compoundId?: string; handoverId?: string }) {
  const actor = await requireActor(request);
  const db = await getDb();
  const node = await handoverCompanyPartyNode(db, actor.user.id, params.compoundId ?? "", params.handoverId ?? "", now());
  if (node) return { actor, node };
  return requireNode(request, params.compoundId, "contract:view", ["compound"]);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await load(request, params);
  const p = await handoverPage(await getDb(), node.id, params.handoverId ?? "", { userId: actor.user.id, grants: actor.grants, compoundPath: node.path }, now());
  if (!p) throw notFound();
  return { node: { id: node.id, name: node.name }, ...p };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await load(request, params);
  const parsed = await parseForm(request, HandoverConfirmSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: { _form: "errors.invalid" } as Record<string, string>, completed: false }, { status: 400 });
  const r = await confirmHandoverItem(await getDb(), auditActor(actor), { userId: actor.user.id, grants: actor.grants, compoundPath: node.path }, node.id, params.handoverId ?? "", parsed.data, now());
  if (r === null) throw notFound();
  if (!r.ok) return data({ ok: false as const, errors: r.errors, completed: false }, { status: 400 });
  return data({ ok: true as const, errors: undefined, completed: r.completed });
}

export default function Handover() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const h = d.handover;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/management`}>← {t("governance.management.title")}</Link>
      </p>
      <h1>
        {t("governance.handover.title")} · {d.node.name}
      </h1>
      {search.get("done") === "created" ? (
        <p className="alert ok" role="status">
          {t("governance.management.done.changeWithHandover")}
        </p>
      ) : null}
      {a && !a.ok ? (
        <div className="alert error" role="alert">
          {t(a.errors._form ?? Object.values(a.errors)[0] ?? "errors.invalid")}
        </div>
      ) : null}
      {a?.ok ? (
        <p className="alert ok" role="status">
          {t(a.completed ? "governance.handover.justCompleted" : "governance.handover.confirmed")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="hv-summary">
        <h2 id="hv-summary">{t("governance.handover.between", { outgoing: h.outgoing, incoming: h.incoming })}</h2>
        {h.model && h.fromDay ? <p>{t("governance.handover.forChange", { model: t(`governance.models.${h.model}`), day: h.fromDay })}</p> : null}
        {h.completedAt ? (
          <p className="alert ok" data-testid="handover-complete">
            {t("governance.handover.completedAt", { at: formatDateTime(h.completedAt, i18n.language as Locale) })}
          </p>
        ) : (
          <p className="muted">{t("governance.handover.howTo")}</p>
        )}
        {d.sides?.outgoing.kind === "company" && !d.sides.outgoing.companyName ? <p className="muted">{t("governance.handover.companyUnknown")}</p> : null}
        {d.sides?.incoming.kind === "company" && !d.sides.incoming.companyName ? <p className="muted">{t("governance.handover.companyUnknown")}</p> : null}
      </section>
      <HandoverChecklist items={d.items} outgoing={h.outgoing} incoming={h.incoming} canConfirm={d.canConfirm} />
    </>
  );
}
