import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import type { CandidateDetail } from "../candidate-page.server";

/** Fen as decimal text → "1,234.56" without floats (a finding's amount is exact text, app/elections/rules.ts). */
function fenText(fen: string): string {
  const v = BigInt(fen);
  const whole = (v / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ",");
  return `${whole}.${(v % 100n).toString().padStart(2, "0")}`;
}

/** The declaration, the eligibility findings, the required reviewers and the vetting timeline of a candidate. */
export function CandidateVetting({ detail }: { detail: CandidateDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const yesNo = (b: boolean) => (b ? t("elections.candidate.yes") : t("elections.candidate.no"));
  return (
    <>
      <section className="card" aria-labelledby="cand-declaration">
        <h2 id="cand-declaration">{t("elections.candidate.declaration")}</h2>
        <dl style={{ display: "grid", gridTemplateColumns: "minmax(0, max-content) 1fr", gap: ".25rem 1rem", margin: 0 }}>
          <dt>{t("elections.candidate.occupation")}</dt>
          <dd style={{ margin: 0 }} data-testid="cand-occupation">{t(`elections.occupations.${detail.occupation}`)}</dd>
          <dt>{t("elections.candidate.partyMember")}</dt>
          <dd style={{ margin: 0 }} data-testid="cand-party">{yesNo(detail.partyMember)}</dd>
          <dt>{t("elections.candidate.relation")}</dt>
          <dd style={{ margin: 0 }} data-testid="cand-relation">{t(`elections.relations.${detail.propertyCompanyRelation}`)}</dd>
          <dt>{t("elections.candidate.fullCapacity")}</dt>
          <dd style={{ margin: 0 }}>{yesNo(detail.fullCapacityDeclared)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="cand-findings">
        <h2 id="cand-findings">{t("elections.candidate.findings")}</h2>
        <p className="alert info">{t("elections.candidate.findingsNote")}</p>
        {detail.findings.length === 0 ? (
          <p className="muted">{t("elections.candidate.noFindings")}</p>
        ) : (
          <ul className="plain" data-testid="cand-findings">
            {detail.findings.map((f) => (
              <li key={f.code}>
                <span className="tag">{t(`elections.findings.severity.${f.severity}`)}</span> {t(`elections.findings.codes.${f.code}`)}
                {f.amountFen ? <span data-testid="cand-arrears-amount">{t("fees.arrears.findingAmount", { amount: fenText(f.amountFen), days: f.overdueDays ?? 0 })}</span> : null}
                <br />
                <span className="muted">{t("elections.candidate.article", { article: f.article })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="cand-reviewers">
        <h2 id="cand-reviewers">{t("elections.candidate.reviewers")}</h2>
        <p>
          {t("elections.candidate.phase")}: <span className="tag" data-testid="cand-phase">{t(`elections.phases.${detail.phase}`)}</span>
        </p>
        <div className="table-wrap" role="region" aria-label={t("elections.candidate.reviewers")} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("elections.candidate.reviewer")}</th>
                <th scope="col">{t("elections.candidate.decision")}</th>
                <th scope="col">{t("elections.candidate.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.reviewers.map((r) => (
                <tr key={r.kind}>
                  <td>
                    {t(`elections.reviewerKinds.${r.kind}`)}
                    {r.orgName ? <div className="muted">{r.orgName}</div> : null}
                  </td>
                  <td>
                    {r.decision ? (
                      <>
                        {t(`elections.candidate.decisions.${r.decision}`)}
                        <div className="muted">{formatDateTime(r.decidedAt!, locale)}</div>
                      </>
                    ) : (
                      <span className="muted">{t("elections.candidate.pending")}</span>
                    )}
                    {r.answer ? (
                      <div>
                        {t("elections.candidate.answer")}: {t(`elections.candidate.outcomes.${r.answer.outcome}`)}
                      </div>
                    ) : null}
                  </td>
                  <td style={{ whiteSpace: "pre-wrap" }}>
                    {r.reason ?? ""}
                    {r.answer ? <div>{r.answer.reason}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail.appeal ? (
          <div>
            <h3>{t("elections.candidate.appeal")}</h3>
            <p style={{ whiteSpace: "pre-wrap" }} data-testid="cand-appeal">
              {detail.appeal.statement}
            </p>
            <p className="muted">{formatDateTime(detail.appeal.at, locale)}</p>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="cand-timeline">
        <h2 id="cand-timeline">{t("elections.candidate.timeline")}</h2>
        {detail.events.length === 0 ? (
          <p className="muted">{t("elections.candidate.noEvents")}</p>
        ) : (
          <ul className="plain" data-testid="cand-timeline">
            {detail.events.map((e) => (
              <li key={e.seq}>
                <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time> ·{" "}
                {e.kind === "decide"
                  ? t("elections.events.decide", { org: e.orgName ?? t(`elections.reviewerKinds.${e.reviewerKind}`), decision: t(`elections.candidate.decisions.${e.decision}`) })
                  : e.kind === "answer"
                    ? t("elections.events.answer", { org: e.orgName ?? t(`elections.reviewerKinds.${e.reviewerKind}`), outcome: t(`elections.candidate.outcomes.${e.decision}`) })
                    : t(`elections.events.${e.kind}`)}
                {e.text ? (
                  <div className="muted" style={{ whiteSpace: "pre-wrap" }}>
                    {e.text}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
