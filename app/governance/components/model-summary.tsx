import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fenText } from "../management-rules";

export type ModelEntry = {
  id: string;
  model: "property_company" | "self_governance" | "quasi_property";
  fromDay: string;
  scheduled: boolean;
  current: boolean;
  basisKind: "decision" | "interim_assignment" | "initial";
  decision: { id: string; title: string; motion: string } | null;
  reason: string | null;
  reviewOn: string | null;
  selfBody: "owners_committee" | "self_management_committee" | null;
  moneyHolder: string | null;
  maintenanceBy: "body" | "community" | null;
  community: string | null;
  quasiFeeFen: number | null;
  recordedBy: string | null;
};

/** The model's own details: who manages, holds the money and answers repairs; or who serves and at what fee. */
export function ModelDetails({ entry }: { entry: ModelEntry }) {
  const { t } = useTranslation();
  if (entry.model === "self_governance") {
    return (
      <ul>
        <li>{t("governance.management.selfBodyIs", { body: t(`governance.selfBodies.${entry.selfBody ?? "owners_committee"}`) })}</li>
        <li>{t("governance.management.moneyHolderIs", { holder: entry.moneyHolder ?? "—" })}</li>
        <li>{t("governance.management.maintenanceByIs", { who: t(`governance.management.maintenanceByOptions.${entry.maintenanceBy ?? "body"}`) })}</li>
      </ul>
    );
  }
  if (entry.model === "quasi_property") {
    return (
      <ul>
        <li>{t("governance.management.communityIs", { name: entry.community ?? "—" })}</li>
        <li>
          {entry.quasiFeeFen === null
            ? t("governance.management.quasiFeeNone")
            : t("governance.management.quasiFeeIs", { fee: fenText(entry.quasiFeeFen), unit: t("governance.feeBases.per_m2_month") })}
        </li>
      </ul>
    );
  }
  return <p className="muted">{t("governance.management.companySeeContracts")}</p>;
}

/** The basis an entry cites: the owners' decision (linked), the street's interim assignment, or the first record. */
export function ModelBasis({ compoundId, entry }: { compoundId: string; entry: ModelEntry }) {
  const { t } = useTranslation();
  if (entry.basisKind === "decision" && entry.decision) {
    return (
      <span>
        {t("governance.basisKinds.decision")}
        {t("governance.management.colon")}
        <Link to={`/c/${compoundId}/decisions/${entry.decision.id}`}>{entry.decision.title}</Link>
        {entry.decision.motion ? ` · ${entry.decision.motion}` : ""}
      </span>
    );
  }
  if (entry.basisKind === "interim_assignment") {
    return (
      <span>
        {t("governance.basisKinds.interim_assignment")}
        {t("governance.management.colon")}
        {entry.reason}
        {entry.reviewOn ? ` · ${t("governance.management.reviewOnIs", { day: entry.reviewOn })}` : ""}
      </span>
    );
  }
  return <span>{t("governance.basisKinds.initial")}</span>;
}

/** The dated history, newest first: each entry's model, first day and basis; a scheduled change is marked. */
export function ModelHistory({ compoundId, entries }: { compoundId: string; entries: ModelEntry[] }) {
  const { t } = useTranslation();
  if (!entries.length) return <p className="muted">{t("governance.management.noHistory")}</p>;
  return (
    <ol className="plain" reversed>
      {entries.map((e) => (
        <li key={e.id} data-testid="model-entry">
          <strong>{t(`governance.models.${e.model}`)}</strong> · {t("governance.management.fromDay", { day: e.fromDay })}{" "}
          {e.current ? <span className="tag">{t("governance.management.inForce")}</span> : null}
          {e.scheduled ? <span className="tag">{t("governance.management.scheduled")}</span> : null}
          <div className="muted">
            <ModelBasis compoundId={compoundId} entry={e} />
            {e.recordedBy ? ` · ${t("governance.management.recordedBy", { name: e.recordedBy })}` : ""}
          </div>
        </li>
      ))}
    </ol>
  );
}

export type ResponsibleRow = { duty: "billing" | "public_income" | "maintenance"; kind: "company" | "owners_committee" | "self_management_committee" | "community" | "none"; name: string | null; reason: string | null };

/** Who bills, keeps the public-income ledger and answers maintenance requests today. */
export function ModelResponsible({ rows }: { rows: ResponsibleRow[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-label={t("governance.management.responsibleToday")} tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("governance.management.duty")}</th>
            <th scope="col">{t("governance.management.who")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.duty}>
              <td>{t(`governance.management.duties.${r.duty}`)}</td>
              <td data-testid={`responsible-${r.duty}`}>
                {r.kind === "none" ? (
                  <span className="tag">{t(`governance.management.noneReasons.${r.reason ?? "NO_MODEL"}`)}</span>
                ) : (
                  <>
                    {t(`governance.responsible.${r.kind}`)}
                    {r.name ? `${t("governance.management.colon")}${r.name}` : ""}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
