import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { now } from "~/clock.server";
import { getImportJob } from "~/registry/import/import.server";
import { reportCsv } from "~/registry/import/report.server";
import { getLocale, i18nServer } from "~/i18n/i18n.server";

/** GET /c/:compoundId/import/:jobId — a job's full check report as CSV (the page lists the first problems). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const job = await getImportJob(await getDb(), node.id, params.jobId ?? "", now());
  if (!job || job.report?.kind !== "invalid") throw notFound();
  const t = await i18nServer.getFixedT(await getLocale(request));
  return reportCsv(job.id, job.report.errors, (key, p) => t(key, p));
}
