import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { titled } from "~/ui/meta";
import { IMPORT_COLUMNS } from "~/registry/import/columns";
import { getImportJob, listImportJobs, submitImport, type SubmitProblem } from "~/registry/import/import.server";
import { readUpload } from "~/registry/import/upload.server";
import { ImportJobPanel, RecentImports, type JobOnPage } from "~/registry/import/components/import-job";

export const meta = titled("import.title");

/** Problems the page lists; the full report is a CSV download (c.$compoundId.import.$jobId.tsx). */
const SHOWN = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const db = await getDb();
  const t = now();
  const jobId = new URL(request.url).searchParams.get("job")?.slice(0, 64);
  const job = jobId ? await getImportJob(db, node.id, jobId, t) : null;
  if (job?.report?.kind === "invalid") job.report = { ...job.report, errors: job.report.errors.slice(0, SHOWN) };
  return { node: { id: node.id, name: node.name }, job: job as JobOnPage | null, jobs: (await listImportJobs(db, node.id, t)) as JobOnPage[] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const upload = await readUpload(request);
  const refuse = (problem: SubmitProblem | { code: "noFile" }) => data({ problem }, { status: problem.code === "tooLarge" ? 413 : problem.code === "busy" ? 409 : 400 });
  if (!upload.ok) return refuse({ code: upload.problem });
  const r = await submitImport(await getDb(), auditActor(actor), node.id, upload.file, now);
  if (!r.ok) return refuse(r.problem);
  // The import runs in the background; the page shows its progress by polling the job.
  throw redirect(`/c/${node.id}/import?job=${r.job.id}`, { status: 303 });
}

function useProblemText() {
  const { t } = useTranslation();
  return (p: { code: string; params?: Record<string, unknown> }) => {
    if (p.code === "missingColumns") {
      const { columns = [], repeated = [] } = (p.params ?? {}) as { columns?: string[]; repeated?: string[] };
      const names = (keys: string[]) => keys.map((k) => t(`import.columns.${k}`)).join("、");
      return columns.length ? t("import.errors.missingColumns", { columns: names(columns) }) : t("import.errors.repeatedColumns", { columns: names(repeated) });
    }
    return t(`import.errors.${p.code}`, p.params);
  };
}

export default function ImportPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const problemText = useProblemText();
  const error = a?.problem ? problemText(a.problem as { code: string; params?: Record<string, unknown> }) : null;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/units`}>← {t("registry.unitList")}</Link>
      </p>
      <h1>
        {t("import.title")} · {d.node.name}
      </h1>
      <p>{t("import.intro")}</p>
      {d.job ? <ImportJobPanel key={d.job.id} job={d.job} compoundId={d.node.id} shown={SHOWN} /> : null}
      <div className="card narrow">
        {/* Keyed by the job shown, so the file field is cleared once an upload has become a job. */}
        <Form key={d.job?.id ?? "new"} method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <span className="hint" id="import-file-hint">
              {t("import.fileHint")}
            </span>
            <input
              id="import-file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "import-file-hint import-file-error" : "import-file-hint"}
            />
            {error ? (
              <span className="error" id="import-file-error" role="alert">
                {error}
              </span>
            ) : null}
          </div>
          <button type="submit" className="btn" disabled={busy}>
            {t("import.submit")}
          </button>
        </Form>
      </div>
      <section className="card" aria-labelledby="template-title">
        <h2 id="template-title">{t("import.templateTitle")}</h2>
        <p className="actions">
          <a className="btn secondary" href={`/c/${d.node.id}/import/template?format=xlsx`} download>
            {t("import.templateXlsx")}
          </a>
          <a className="btn secondary" href={`/c/${d.node.id}/import/template?format=csv`} download>
            {t("import.templateCsv")}
          </a>
        </p>
        <p className="muted">{t("import.templateHint")}</p>
        <h3>{t("import.columnsTitle")}</h3>
        <dl>
          {IMPORT_COLUMNS.map((c) => (
            <div key={c.key}>
              <dt>
                <strong>{c.zh}</strong> <span className="muted">{c.en}</span>
              </dt>
              <dd style={{ marginLeft: "1rem" }}>{t(`import.columnHints.${c.key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("import.recent")}</h2>
        <RecentImports jobs={d.jobs} compoundId={d.node.id} current={d.job?.id} />
      </section>
    </>
  );
}
