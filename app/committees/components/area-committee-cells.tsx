import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CommitteeStatus } from "../rules";

/** A status that needs the street office's attention stands out (text and border in the error colour). */
const URGENT = { borderColor: "var(--err)", color: "var(--err)", background: "#fff" } as const;
const URGENT_STATUSES: readonly CommitteeStatus[] = ["expired", "below_minimum", "filing_overdue"];

export function CommitteeStatusTag({ status }: { status: CommitteeStatus }) {
  const { t } = useTranslation();
  return (
    <span className="tag" data-status={status} style={URGENT_STATUSES.includes(status) ? URGENT : undefined}>
      {t(`committees.area.statuses.${status}`)}
    </span>
  );
}

/** The call to action of a compound whose term is ending or over with no preparatory group at work. */
export function ReElectionPrompt({ compoundId, name }: { compoundId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <Link className="btn small" to={`/c/${compoundId}/elections/group`} aria-label={t("committees.area.formGroupFor", { name })}>
      {t("committees.area.formGroup")}
    </Link>
  );
}
