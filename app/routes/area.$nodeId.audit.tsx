import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { AuditListSchema } from "~/audit/schema";
import { listAudit } from "~/audit/list-audit.server";
import { AuditTable } from "~/audit/components/audit-table";
import { searchParamsObject } from "~/ui/list-params";

export const meta = titled("audit.title");

// The audit log of a scope: street officers for their street, city administrators for the city.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "audit:read");
  const p = AuditListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows, total } = await listAudit(await getDb(), { path: node.path, isCity: node.kind === "city" }, p);
  return { node: { id: node.id, name: node.name }, rows, total, params: p };
}

export default function AuditPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>
        {t("audit.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("audit.intro")}</p>
      <AuditTable rows={d.rows} total={d.total} params={d.params} exportPath={`/area/${d.node.id}/audit/export`} />
    </>
  );
}
