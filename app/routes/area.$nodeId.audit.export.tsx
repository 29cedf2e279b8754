import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { AuditListSchema } from "~/audit/schema";
import { listAudit } from "~/audit/list-audit.server";
import { writeAudit } from "~/audit/audit.server";
import { exportResponse } from "~/ui/export.server";
import { shanghaiIso } from "~/i18n/format";

// CSV / XLSX of the filtered audit log. The export itself is audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "audit:read");
  const p = AuditListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { rows } = await listAudit(db, { path: node.path, isCity: node.kind === "city" }, p, { all: true });
  await writeAudit(db, now(), {
    actor: auditActor(actor),
    action: "audit.export",
    scopePath: node.path,
    ip: actor.ip,
    detail: { format: p.format ?? "csv", rows: rows.length },
  });
  return exportResponse(p.format ?? "csv", `audit-${node.id}`, [
    { header: "at", value: (r) => shanghaiIso(new Date(r.at)) },
    { header: "who", value: (r) => r.actorName },
    { header: "action", value: (r) => r.action },
    { header: "result", value: (r) => r.result },
    { header: "target", value: (r) => r.target },
    { header: "ip", value: (r) => r.ip },
    { header: "detail", value: (r) => r.detail },
    { header: "change", value: (r) => r.change },
  ], rows);
}
