import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FollowUp } from "~/committees/outcome.server";
import { FormError } from "~/ui/field";

type Props = { compoundId: string; followUp: FollowUp | undefined; canAct: boolean; error?: string };

/**
 * Under a closed election's result: the outcome together with earlier votes (for a run-off), and what comes
 * next — form the committee, or start a run-off for the open seats (decision-record.md) — for the organisers.
 */
export function ElectionFollowUp({ compoundId, followUp: f, canAct, error }: Props) {
  const { t } = useTranslation();
  if (!f) return null;
  const names = (ids: readonly string[]) => ids.map((p) => f.names[p] ?? p).join("、") || "—";
  return (
    <div className="card" data-testid={`follow-up-${f.motionId}`}>
      <h4>{t("committees.runoff.title")}</h4>
      {f.isRunoff ? (
        <>
          <p className="muted">{t("committees.runoff.isRunoff")}</p>
          <p>
            {t("committees.runoff.combined", { elected: names(f.outcome.elected), alternates: names(f.outcome.alternates) })}{" "}
            <strong data-testid="combined-formed">{f.outcome.formed ? t("committees.runoff.combinedFormed") : t("committees.runoff.combinedNotFormed")}</strong>
          </p>
        </>
      ) : null}
      {f.committeeId ? (
        <p>
          {t("committees.runoff.formed")} <Link to={`/c/${compoundId}/committee`}>{t("committees.runoff.viewCommittee")}</Link>
        </p>
      ) : null}
      {f.runoff ? (
        <p>
          {t("committees.runoff.started")} <Link to={`/c/${compoundId}/decisions/${f.runoff.decisionId}`}>{f.runoff.title}</Link>{" "}
          <span className="tag">{t(`decisions.statuses.${f.runoff.status}`)}</span>
        </p>
      ) : null}
      <FormError message={error} />
      {canAct && f.outcome.formed && !f.committeeId && !f.runoff ? (
        <Form method="post">
          <input type="hidden" name="intent" value="formCommittee" />
          <input type="hidden" name="motionId" value={f.motionId} />
          <p className="muted">{t("committees.runoff.formHint")}</p>
          <button type="submit" className="btn">
            {t("committees.runoff.form")}
          </button>
        </Form>
      ) : null}
      {canAct && f.plan ? (
        <Form method="post">
          <input type="hidden" name="intent" value="runoff" />
          <input type="hidden" name="motionId" value={f.motionId} />
          <p className="muted">{t("committees.runoff.startHint", { seats: f.plan.seats, names: names(f.plan.candidates) })}</p>
          <button type="submit" className="btn">
            {t("committees.runoff.start")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
