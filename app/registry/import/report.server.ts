import { exportResponse } from "~/ui/export.server";
import type { ImportError } from "./rules";

/** A job's check report as a CSV download, in the reader's language (one line per problem). */
export function reportCsv(jobId: string, errors: ImportError[], t: (key: string, params?: Record<string, unknown>) => string): Promise<Response> {
  return exportResponse("csv", `import-report-${jobId}`, [
    { header: t("import.reportRow"), value: (e: ImportError) => e.row },
    { header: t("import.reportColumn"), value: (e) => t(`import.columns.${e.column}`) },
    { header: t("import.reportProblem"), value: (e) => t(`import.codes.${e.code}`, e.params) },
    { header: "code", value: (e) => e.code },
  ], errors);
}
