import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { listReviewerQueue } from "~/elections/queue.server";
import { QueueListSchema } from "~/elections/review-schema";
import { shanghaiIso } from "~/i18n/format";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "election:review");
  const p = QueueListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listReviewerQueue(await getDb(), actor.user.id, p, now(), { all: true });
  return exportResponse(p.format ?? "csv", `vetting-queue`, [
    { header: "party_org", value: (r) => r.orgName },
    { header: "compound_id", value: (r) => r.compoundId },
    { header: "compound", value: (r) => r.compoundName },
    { header: "candidate_id", value: (r) => r.candidateId },
    { header: "candidate", value: (r) => r.name },
    { header: "task", value: (r) => r.task },
    { header: "since", value: (r) => shanghaiIso(r.since) },
    { header: "due", value: (r) => shanghaiIso(r.due) },
    { header: "overdue", value: (r) => (r.overdue ? "yes" : "no") },
  ], rows);
}
