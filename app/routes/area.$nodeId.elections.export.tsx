import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { listElectionOverview, type ShareFigure } from "~/elections/overview.server";
import { OverviewListSchema } from "~/elections/review-schema";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

/** The numerator only: its denominator is the nominees or cleared column (a "3/6" cell would turn into a date in a spreadsheet). */
const share = (s: ShareFigure | undefined) => (s ? s.numerator : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "election:supervise", ["city", "district", "street", "community"]);
  const p = OverviewListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listElectionOverview(await getDb(), node.path, p, now(), { all: true });
  const flag = (b: boolean | null) => (b === null ? "" : b ? "yes" : "no");
  return exportResponse(p.format ?? "csv", `elections-${node.id}`, [
    { header: "compound_id", value: (r) => r.id },
    { header: "compound", value: (r) => r.name },
    { header: "stage", value: (r) => r.stage },
    { header: "open_objections", value: (r) => r.openObjections },
    { header: "nominees", value: (r) => r.nominees },
    { header: "under_review", value: (r) => r.underReview },
    { header: "cleared", value: (r) => r.cleared },
    { header: "rejected", value: (r) => r.rejected },
    { header: "overdue_reviews", value: (r) => r.overdueReviews },
    { header: "nominees_party_members", value: (r) => share(r.nomineeShares?.partyMembers) },
    { header: "nominees_retirees", value: (r) => share(r.nomineeShares?.retirees) },
    { header: "nominees_public_servants", value: (r) => share(r.nomineeShares?.publicServants) },
    { header: "cleared_party_members", value: (r) => share(r.clearedShares?.partyMembers) },
    { header: "cleared_retirees", value: (r) => share(r.clearedShares?.retirees) },
    { header: "cleared_public_servants", value: (r) => share(r.clearedShares?.publicServants) },
    { header: "party_target_percent", value: (r) => r.partyTargetPercent },
    { header: "party_target_met", value: (r) => flag(r.partyTargetMet) },
  ], rows);
}
