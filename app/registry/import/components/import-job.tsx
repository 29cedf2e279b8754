import { usePollWhile } from "~/ui/use-poll-while";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import type { ImportError } from "../rules";

/** What the page needs of a job (the report's problem list cut to what the page shows). */
export type JobOnPage = {
  id: string;
  fileName: string;
  status: "invalid" | "ready" | "running" | "done" | "failed";
  totalRows: number;
  doneRows: number;
  createdAt: Date | string;
  stalled: boolean;
  report:
    | { kind: "invalid"; errors: ImportError[]; errorCount: number; badRows: number }
    | { kind: "progress"; at: string }
    | { kind: "done"; created: number; updated: number; unchanged: number; entities: { buildings: number; owners: number; ownerships: number } }
    | { kind: "failed"; reason: "conflict" | "interrupted" | "error"; error?: ImportError }
    | null;
};

export function isOpen(job: Pick<JobOnPage, "status" | "stalled">): boolean {
  return (job.status === "ready" || job.status === "running") && !job.stalled;
}

function Problem({ e }: { e: ImportError }) {
  const { t } = useTranslation();
  return <>{t(`import.codes.${e.code}`, e.params)}</>;
}

export function ImportJobPanel({ job, compoundId, shown }: { job: JobOnPage; compoundId: string; shown: number }) {
  const { t } = useTranslation();
  const open = isOpen(job);
  usePollWhile(open);
  const r = job.report;
  return (
    <section className="card" aria-labelledby="job-title">
      <h2 id="job-title">
        {t("import.job")} · <span className="muted">{job.fileName}</span>
      </h2>
      {open ? (
        <div className="stack">
          <p>{t("import.running")}</p>
          <progress id="import-progress" value={job.doneRows} max={Math.max(1, job.totalRows)} aria-label={t("import.progress")} style={{ width: "100%", height: "1.5rem" }} />
          <p aria-live="polite" role="status">
            {t("import.progressText", { done: job.doneRows, total: job.totalRows })}
          </p>
          <p>
            <Link to={`/c/${compoundId}/import?job=${job.id}`}>{t("import.refresh")}</Link>
          </p>
        </div>
      ) : null}
      {job.stalled ? (
        <div className="alert error" role="alert">
          {t("import.failed.interrupted")}
        </div>
      ) : null}
      {r?.kind === "done" ? (
        <div className="alert ok" role="status">
          <p style={{ margin: 0 }}>{t("import.done", { created: r.created, updated: r.updated, unchanged: r.unchanged })}</p>
          <p style={{ margin: 0 }}>{t("import.doneDetail", { buildings: r.entities.buildings, owners: r.entities.owners, ownerships: r.entities.ownerships })}</p>
          <p style={{ margin: 0 }}>
            <Link to={`/c/${compoundId}/units`}>{t("import.viewUnits")}</Link>
          </p>
        </div>
      ) : null}
      {r?.kind === "failed" ? (
        <div className="alert error" role="alert">
          {r.reason === "conflict" && r.error ? (
            <>
              {t("import.failed.conflict", { row: r.error.row, problem: t(`import.codes.${r.error.code}`, r.error.params) })}
            </>
          ) : (
            t(`import.failed.${r.reason}`)
          )}
        </div>
      ) : null}
      {r?.kind === "invalid" ? (
        <>
          <div className="alert error" role="alert">
            {t("import.invalid", { rows: r.badRows, count: r.errorCount })}
          </div>
          <div className="table-wrap" role="region" aria-label={t("import.reportTitle")} tabIndex={0}>
            <table className="data">
              <caption className="visually-hidden">{t("import.reportTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("import.reportRow")}
                  </th>
                  <th scope="col">{t("import.reportColumn")}</th>
                  <th scope="col">{t("import.reportProblem")}</th>
                </tr>
              </thead>
              <tbody>
                {r.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row}</td>
                    <td>{t(`import.columns.${e.column}`)}</td>
                    <td>
                      <Problem e={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.errorCount > shown ? <p className="muted">{t("import.reportMore", { shown })}</p> : null}
          <p>
            <a href={`/c/${compoundId}/import/${job.id}`} download>
              {t("import.reportDownload")}
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}

export function RecentImports({ jobs, compoundId, current }: { jobs: JobOnPage[]; compoundId: string; current?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!jobs.length) return <p className="muted">{t("import.noJobs")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("import.recent")} tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">{t("import.recent")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.when")}</th>
            <th scope="col">{t("import.fileName")}</th>
            <th scope="col">{t("import.status")}</th>
            <th scope="col" className="num">
              {t("import.rows")}
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} aria-current={j.id === current ? "true" : undefined}>
              <td>
                <Link to={`/c/${compoundId}/import?job=${j.id}`}>{formatDateTime(j.createdAt, locale)}</Link>
              </td>
              <td style={{ wordBreak: "break-all" }}>{j.fileName}</td>
              <td>{j.stalled ? t("import.stalled") : t(`import.statuses.${j.status}`)}</td>
              <td className="num">{j.status === "invalid" || j.status === "done" ? j.totalRows : `${j.doneRows} / ${j.totalRows}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
