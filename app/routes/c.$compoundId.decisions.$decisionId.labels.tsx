import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { findDecision, labelsJson } from "~/decisions/decisions.server";
import { writeAudit } from "~/audit/audit.server";
import { now } from "~/clock.server";

/** labels.json: pseudonym → real label, for the organiser and the street office only; every download is audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:labels", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d || !d.headerCanonical) throw notFound();
  const text = await labelsJson(db, d);
  await writeAudit(db, now(), { actor: auditActor(actor), action: "decision.labels.read", target: { kind: "decision", id: d.id }, scopePath: node.path, ip: actor.ip });
  return new Response(text, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="labels-${d.id}.json"` },
  });
}
