import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { findDecision } from "~/decisions/decisions.server";
import { ballotsPdf, pdfResponse } from "~/decisions/pdf.server";
import { ballotsData, PrintQuerySchema } from "~/decisions/print.server";
import { searchParamsObject } from "~/ui/list-params";

/** Pre-filled paper ballots while voting is open: one A4 page per voter who has not voted (`?building=` narrows). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const q = PrintQuerySchema.safeParse(searchParamsObject(new URL(request.url)));
  if (!q.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  const data = await ballotsData(db, d, { buildingId: q.data.building });
  if (!data) throw notFound();
  return pdfResponse(await ballotsPdf(data), `ballots-${d.id}${q.data.building ? `-${q.data.building}` : ""}.pdf`);
}
