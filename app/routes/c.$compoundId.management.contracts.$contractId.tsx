import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { shanghaiDay } from "~/platform/days";
import { TerminateSchema } from "~/governance/model-schema";
import { contractPage, terminateContract } from "~/governance/contracts.server";
import { ContractStanding, FeeModelText, FeeStandardTable, ServiceLevelList, TerminateForm } from "~/governance/components/contract-details";
import { parseForm } from "~/ui/form.server";
import { titledBy } from "~/ui/meta";

export const meta = titledBy<{ contract: { companyName: string } }>((d) => d?.contract.companyName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "contract:view", ["compound"]);
  const p = await contractPage(await getDb(), node.id, params.contractId ?? "", shanghaiDay(now()));
  if (!p) throw notFound();
  return { node: { id: node.id, name: node.name }, canManage: can(actor.grants, "model:manage", node.path), ...p };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "model:manage", ["compound"]);
  const parsed = await parseForm(request, TerminateSchema);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values: parsed.values, earliest: null }, { status: 400 });
  const r = await terminateContract(await getDb(), auditActor(actor), node.id, params.contractId ?? "", parsed.data, now());
  if (r === null) throw notFound();
  if (!r.ok) return data({ ok: false as const, errors: r.errors, values: parsed.values, earliest: r.earliest ?? null }, { status: 400 });
  return data({ ok: true as const, errors: undefined, values: {}, earliest: null });
}

export default function ContractPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const c = d.contract;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/management`}>← {t("governance.management.title")}</Link>
      </p>
      <h1>
        {c.companyName} · {t("governance.contracts.contract")}
      </h1>
      {search.get("done") === "created" ? (
        <p className="alert ok" role="status">
          {t("governance.management.done.contract")}
        </p>
      ) : null}
      {a?.ok ? (
        <p className="alert ok" role="status">
          {t("governance.management.done.terminate")}
        </p>
      ) : null}
      {c.status === "in_force" && c.warning !== "none" ? (
        <p className={c.warning === "within_30" ? "alert error" : "alert info"} data-testid="expiry-warning">
          {t(`governance.contracts.warnings.${c.warning}`, { day: c.lastDay })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="ct-terms">
        <h2 id="ct-terms">{t("governance.contracts.terms")}</h2>
        <ul>
          <li>
            {t("governance.contracts.company")}
            {t("governance.management.colon")}
            {c.companyName}
            {c.contactName ? ` · ${t("governance.contracts.contactIs", { name: c.contactName })}` : ""}
          </li>
          <li>
            {t("governance.contracts.period")}
            {t("governance.management.colon")}
            {t("governance.contracts.periodValue", { start: c.startDay, end: c.endDay })} <ContractStanding status={c.status} warning={c.warning} />
          </li>
          {c.terminatedOn ? (
            <li data-testid="terminated-on">
              {t("governance.contracts.endedEarlyOn", { day: c.terminatedOn })}
              {c.terminationDecision ? (
                <>
                  {" · "}
                  <Link to={`/c/${d.node.id}/decisions/${c.terminationDecision.id}`}>{c.terminationDecision.title}</Link>
                </>
              ) : null}
            </li>
          ) : null}
          <li>
            {t("governance.contracts.feeModel")}
            {t("governance.management.colon")}
            <FeeModelText feeModel={c.feeModel} perMille={c.remunerationPerMille} />
          </li>
          <li>{t("governance.contracts.noticeDaysIs", { days: c.noticeDays })}</li>
          <li>
            {t("governance.contracts.decision")}
            {t("governance.management.colon")}
            {c.decision ? <Link to={`/c/${d.node.id}/decisions/${c.decision.id}`}>{c.decision.title}</Link> : t("governance.contracts.noDecision")}
          </li>
          <li>
            {t("governance.contracts.document")}
            {t("governance.management.colon")}
            {c.document ? (
              <a href={`/c/${d.node.id}/management/contracts/${c.id}/document`}>
                {t("governance.contracts.openDocument", { name: c.document.displayName })}
              </a>
            ) : (
              t("governance.contracts.noDocument")
            )}
          </li>
        </ul>
      </section>
      <section aria-labelledby="ct-level">
        <h2 id="ct-level">{t("governance.contracts.serviceLevel")}</h2>
        <ServiceLevelList level={c.serviceLevel} />
      </section>
      <section aria-labelledby="ct-fees">
        <h2 id="ct-fees">{t("governance.contracts.feeStandards")}</h2>
        <FeeStandardTable rates={d.rates} />
      </section>
      {d.canManage && !c.terminatedOn && c.status !== "ended" ? (
        <section className="card narrow" aria-labelledby="ct-terminate">
          <h2 id="ct-terminate">{t("governance.contracts.terminateTitle")}</h2>
          <TerminateForm
            values={(a && !a.ok ? (a.values as Record<string, string>) : undefined) ?? {}}
            errors={a && !a.ok ? (a.errors as Record<string, string>) : undefined}
            earliest={a && !a.ok ? (a.earliest ?? undefined) : undefined}
            decisions={d.decisions}
            noticeDays={c.noticeDays}
          />
        </section>
      ) : null}
    </>
  );
}
