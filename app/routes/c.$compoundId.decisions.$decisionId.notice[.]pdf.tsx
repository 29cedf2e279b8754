import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { findDecision } from "~/decisions/decisions.server";
import { noticePdf, pdfResponse } from "~/decisions/pdf.server";
import { noticeData } from "~/decisions/print.server";

/** The meeting notice as an A4 PDF for the notice board (a draft prints marked as a draft, for checking). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  return pdfResponse(await noticePdf(await noticeData(db, d)), `notice-${d.id}.pdf`);
}
