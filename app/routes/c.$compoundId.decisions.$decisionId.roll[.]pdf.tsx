import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { findDecision } from "~/decisions/decisions.server";
import { pdfResponse, rollExtractPdf } from "~/decisions/pdf.server";
import { PrintQuerySchema, rollExtractData } from "~/decisions/print.server";
import { searchParamsObject } from "~/ui/list-params";

/** The roll extract (draft before voting, frozen after), one section per building or `?building=` only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const q = PrintQuerySchema.safeParse(searchParamsObject(new URL(request.url)));
  if (!q.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  const data = await rollExtractData(db, d, { buildingId: q.data.building, now: now() });
  if (!data) throw notFound();
  return pdfResponse(await rollExtractPdf(data), `roll-${d.id}${q.data.building ? `-${q.data.building}` : ""}.pdf`);
}
