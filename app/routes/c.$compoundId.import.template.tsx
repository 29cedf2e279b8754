import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireNode } from "~/auth/guard.server";
import { importTemplate } from "~/registry/import/template.server";

/** GET /c/:compoundId/import/template?format=xlsx|csv — the empty import template. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  return importTemplate(format);
}
