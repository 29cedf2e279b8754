/**
 * The reviewer's work list across the Party organisations they review for (联审): each organisation's
 * reviewerQueue, merged, filtered (organisation, task, overdue only), sorted and paged. A queue holds the
 * candidates under review or on appeal in the compounds an organisation covers, so it stays small (a street's
 * nominations in one election season) and is paged after it is read.
 */
import type { Db } from "~db/client.server";
import { reviewerOrgsOf } from "./common.server";
import type { QueueListParams } from "./review-schema";
import type { ReviewerKind } from "./rules";
import { reviewerQueue, type QueueItem } from "./vetting.server";

/** A queue item with the organisation it is for (findings stay on the candidate page). */
export type ReviewerQueueRow = Omit<QueueItem, "findings"> & { partyOrgId: string; orgName: string; orgKind: ReviewerKind };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The user's queue as the table shows it: rows of the organisations they review for now (an `org` filter
 * outside those selects nothing), oldest first by default; `opts.all` for exports.
 */
export async function listReviewerQueue(db: Db, userId: string, p: QueueListParams, now: Date, opts: { all?: boolean } = {}) {
  const orgs = await reviewerOrgsOf(db, userId, now);
  const rows: ReviewerQueueRow[] = [];
  for (const o of orgs) {
    if (p.org && p.org !== o.id) continue;
    for (const item of await reviewerQueue(db, o.id, now)) {
      if (p.task && item.task !== p.task) continue;
      if (p.overdue && !item.overdue) continue;
      const { findings: _findings, ...rest } = item;
      rows.push({ ...rest, partyOrgId: o.id, orgName: o.name, orgKind: o.kind });
    }
  }
  const key = (r: ReviewerQueueRow) => (p.sort === "compound" ? r.compoundName : "");
  rows.sort((a, b) => {
    const primary = cmp(key(a), key(b)) || a.since.getTime() - b.since.getTime();
    const tie = cmp(a.candidateId, b.candidateId) || cmp(a.partyOrgId, b.partyOrgId);
    return (p.dir === "asc" ? primary : -primary) || tie;
  });
  const total = rows.length;
  const page = opts.all ? rows : rows.slice((p.page - 1) * p.size, p.page * p.size);
  return { orgs, rows: page, total, overdue: rows.filter((r) => r.overdue).length };
}
