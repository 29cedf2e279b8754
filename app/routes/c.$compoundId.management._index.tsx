import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { shanghaiDay } from "~/platform/days";
import { managementPage } from "~/governance/models.server";
import { ModelDetails, ModelHistory, ModelResponsible } from "~/governance/components/model-summary";
import { ContractTable } from "~/governance/components/contract-details";
import { HandoverList } from "~/governance/components/handover-checklist";
import { titled } from "~/ui/meta";

export const meta = titled("governance.management.title");

// A compound's management page: the model in force, its dated history with each basis, who is responsible today, contracts, handovers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "contract:view", ["compound"]);
  const page = await managementPage(await getDb(), node.id, shanghaiDay(now()));
  return { node: { id: node.id, name: node.name }, canManage: can(actor.grants, "model:manage", node.path), ...page };
}

export default function Management() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("governance.management.title")} · {d.node.name}
      </h1>
      {done === "change" || done === "contract" || done === "terminate" ? (
        <p className="alert ok" role="status">
          {t(`governance.management.done.${done}`)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="mg-current">
        <h2 id="mg-current">{t("governance.management.current")}</h2>
        {d.current ? (
          <>
            <p>
              <strong data-testid="current-model">{t(`governance.models.${d.current.model}`)}</strong> · {t("governance.management.fromDay", { day: d.current.fromDay })}
            </p>
            <ModelDetails entry={d.current} />
          </>
        ) : (
          <p data-testid="current-model">{t("governance.unmanaged")}</p>
        )}
        {d.history.some((h) => h.scheduled) ? <p className="alert info">{t("governance.management.scheduledNote")}</p> : null}
      </section>
      <section aria-labelledby="mg-responsible">
        <h2 id="mg-responsible">{t("governance.management.responsibleToday")}</h2>
        <ModelResponsible rows={d.responsible} />
      </section>
      <section aria-labelledby="mg-history">
        <h2 id="mg-history">{t("governance.management.history")}</h2>
        <ModelHistory compoundId={d.node.id} entries={d.history} />
      </section>
      <section aria-labelledby="mg-contracts">
        <h2 id="mg-contracts">{t("governance.contracts.title")}</h2>
        <ContractTable compoundId={d.node.id} rows={d.contracts} />
      </section>
      <section aria-labelledby="mg-handovers">
        <h2 id="mg-handovers">{t("governance.handover.title")}</h2>
        <HandoverList compoundId={d.node.id} rows={d.handovers} />
      </section>
      {d.canManage ? (
        <p className="actions">
          <Link className="btn" to={`/c/${d.node.id}/management/change`}>
            {t("governance.management.changeTitle")}
          </Link>
          <Link className="btn secondary" to={`/c/${d.node.id}/management/contracts/new`}>
            {t("governance.contracts.newTitle")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
