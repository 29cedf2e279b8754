import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { listCommitteeOverview } from "~/committees/overview.server";
import { AreaCommitteeListSchema } from "~/committees/filing-schema";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "committee:supervise", ["city", "district", "street", "community"]);
  const p = AreaCommitteeListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listCommitteeOverview(await getDb(), node.path, p, now(), { all: true });
  const flag = (b: boolean) => (b ? "yes" : "no");
  return exportResponse(p.format ?? "csv", `committees-${node.id}`, [
    { header: "compound_id", value: (r) => r.id },
    { header: "compound", value: (r) => r.name },
    { header: "status", value: (r) => r.status },
    { header: "committee_id", value: (r) => r.committeeId },
    { header: "term_last_day", value: (r) => r.termLastDay },
    { header: "re_election_from", value: (r) => r.reElectionFrom },
    { header: "members_in_office", value: (r) => r.membersInOffice },
    { header: "seats", value: (r) => r.seats },
    { header: "filing", value: (r) => r.filing },
    { header: "filing_last_day", value: (r) => r.filingLastDay },
    { header: "pending_filings", value: (r) => r.pendingFilings },
    { header: "preparatory_group", value: (r) => flag(r.preparing) },
    { header: "re_election_group_needed", value: (r) => flag(r.reElectionPrompt) },
  ], rows);
}
