import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { shanghaiDay } from "~/platform/days";
import { listExpiringContracts } from "~/governance/contracts.server";
import { ExpiringListSchema } from "~/governance/contract-schema";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "contract:view", ["city", "district", "street", "community"]);
  const p = ExpiringListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listExpiringContracts(await getDb(), node.path, p, shanghaiDay(now()), { all: true });
  return exportResponse(p.format ?? "csv", `expiring-contracts-${node.id}`, [
    { header: "compound_id", value: (r) => r.compoundId },
    { header: "compound", value: (r) => r.compoundName },
    { header: "company", value: (r) => r.companyName },
    { header: "contract_id", value: (r) => r.contractId },
    { header: "start_day", value: (r) => r.startDay },
    { header: "end_day", value: (r) => r.endDay },
    { header: "terminated_on", value: (r) => r.terminatedOn },
    { header: "last_day", value: (r) => r.lastDay },
    { header: "level", value: (r) => r.level },
    { header: "successor_start", value: (r) => r.successorStart },
  ], rows);
}
