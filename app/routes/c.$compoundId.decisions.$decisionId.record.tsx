import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { findDecision, recordText } from "~/decisions/decisions.server";

/** The decision record (decision-record.md), for the compound's owners and the supervising street office, once closed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:record", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d || d.status !== "closed") throw notFound();
  const text = await recordText(db, d);
  if (!text) throw notFound();
  return new Response(text, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="decision-${d.id}.json"` },
  });
}
