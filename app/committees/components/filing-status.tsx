import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import type { FilingListState } from "../filing-schema";
import type { FilingDuty, FilingView, FilingsPage } from "../overview.server";

/** Overdue stands out (text and border in the error colour). */
const OVERDUE = { borderColor: "var(--err)", color: "var(--err)", background: "#fff" } as const;

/** Where a filing duty stands; overdue in the error colour. */
export function FilingStateTag({ state, testId }: { state: FilingListState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="tag" data-state={state} data-testid={testId} style={state === "overdue" ? OVERDUE : undefined}>
      {t(`committees.filings.states.${state}`)}
    </span>
  );
}

/** The 30 days of one duty: the last day (24:00), whether a rest day moved it, and whether it was missed. */
function Deadline({ duty, overdueTestId }: { duty: FilingDuty; overdueTestId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <dt>{t("committees.filings.deadline")}</dt>
      <dd>
        {t("committees.filings.deadlineValue", { day: duty.deadline.lastDay })}
        {duty.deadline.extended ? <span className="muted"> {t("committees.filings.deadlineExtended")}</span> : null}
      </dd>
      <dt>{t("committees.filings.state")}</dt>
      <dd>
        <FilingStateTag state={duty.state} />
        {duty.overdue ? (
          <>
            {" "}
            <strong data-testid={overdueTestId} style={{ color: "var(--err)" }}>
              {t(duty.acceptedAt ? "committees.filings.acceptedLate" : "committees.filings.overdue")}
            </strong>
          </>
        ) : null}
        {duty.acceptedAt ? <div>{t("committees.filings.acceptedAt", { at: formatDateTime(duty.acceptedAt, locale) })}</div> : null}
      </dd>
    </>
  );
}

/** The street office's reasons for sending back the latest filing of a duty, if it was. */
function ReturnedReasons({ duty, filings }: { duty: FilingDuty; filings: FilingView[] }) {
  const { t } = useTranslation();
  const latest = filings.find((f) => f.id === duty.latestId);
  if (!latest || latest.status !== "returned" || !latest.reasons) return null;
  return (
    <>
      <dt>{t("committees.filings.reasons")}</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{latest.reasons}</dd>
    </>
  );
}

/** The initial filing's 30 days after the election and the change filings', one per change. */
export function FilingDuties({ page }: { page: FilingsPage }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <section className="card" aria-labelledby="filing-initial">
        <h2 id="filing-initial">{t("committees.filings.initialHeading")}</h2>
        <dl>
          <dt>{t("committees.filings.electedAt")}</dt>
          <dd>{formatDateTime(page.committee.electedAt, locale)}</dd>
          <Deadline duty={page.initial} overdueTestId="filing-overdue" />
          <ReturnedReasons duty={page.initial} filings={page.filings} />
        </dl>
      </section>
      <section className="card" aria-labelledby="filing-changes">
        <h2 id="filing-changes">{t("committees.filings.changesHeading")}</h2>
        {page.changes.length === 0 ? (
          <p className="muted">{t("committees.filings.noChanges")}</p>
        ) : (
          <ul className="plain">
            {page.changes.map((c) => (
              <li key={c.eventAt.toISOString()}>
                <dl>
                  <dt>{t("committees.filings.eventAt")}</dt>
                  <dd>{c.deadline.eventDay}</dd>
                  <Deadline duty={c} overdueTestId="change-filing-overdue" />
                  <ReturnedReasons duty={c} filings={page.filings} />
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** Every filing, newest first, with its attachments (downloads), who submitted and decided it and the reasons. */
export function FilingHistory({ compoundId, filings, decide }: { compoundId: string; filings: FilingView[]; decide?: (f: FilingView) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card" aria-labelledby="filing-history">
      <h2 id="filing-history">{t("committees.filings.historyHeading")}</h2>
      {filings.length === 0 ? (
        <p className="muted">{t("committees.filings.noFilings")}</p>
      ) : (
        <ul className="plain">
          {filings.map((f) => (
            <li key={f.id} data-filing={f.id} data-status={f.status}>
              <strong>{t(`committees.filings.kinds.${f.kind}`)}</strong> <span className="tag">{t(`committees.filings.statuses.${f.status}`)}</span>
              <div className="muted">{t("committees.filings.submittedBy", { name: f.submittedByName ?? "—", at: formatDateTime(f.submittedAt, locale) })}</div>
              {f.kind === "change" ? (
                <dl>
                  <dt>{t("committees.filings.eventAt")}</dt>
                  <dd>{formatDate(f.eventAt, locale)}</dd>
                  <dt>{t("committees.filings.summary")}</dt>
                  <dd style={{ whiteSpace: "pre-wrap" }}>{f.summary}</dd>
                </dl>
              ) : null}
              <div>
                {t("committees.filings.attachments")}
                {f.attachments.length === 0 ? (
                  <span className="muted"> {t("committees.filings.noAttachments")}</span>
                ) : (
                  <ul>
                    {f.attachments.map((a) => (
                      <li key={a.fileId}>
                        {t("committees.filings.attachmentKind", { kind: t(`committees.filings.attachmentKinds.${a.kind}`, { defaultValue: a.kind }) })}{" "}
                        {a.name ? <a href={`/c/${compoundId}/files/${a.fileId}`}>{a.name}</a> : <span className="muted">{t("committees.filings.fileMissing")}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {f.decidedAt ? <div className="muted">{t("committees.filings.decidedBy", { name: f.decidedByName ?? "—", at: formatDateTime(f.decidedAt, locale) })}</div> : null}
              {f.reasons ? (
                <div>
                  <strong>{t("committees.filings.reasons")}</strong>
                  <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{f.reasons}</p>
                </div>
              ) : null}
              {f.status === "submitted" && decide ? decide(f) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
