/**
 * Reading for the street office and the filing page (rules.md §2):
 *
 * - the committee status of every compound under an area node, as committeeOverview decides it for one, in a
 *   fixed number of queries whatever the number of compounds (the compounds, their active committees, the
 *   members of those, the active preparatory groups, the filings, the holiday calendar); the status itself is
 *   the pure committeeStatus per compound, then the list is filtered, sorted and paged in memory;
 * - the filing (备案) page of a compound: filingStatus of its active committee with the attachments' names and
 *   who submitted and decided.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, committeeFilings, committeeMembers, committees, compounds, files, prepGroups, users } from "~db/schema";
import { containsText, withinPath } from "~/platform/area.server";
import { loadCalendar } from "~/platform/calendar.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { rulePackOf } from "~/registry/rule-pack";
import { activeCommittee, filingStatus, type CommitteeFilingRow, type FilingState } from "./committees.server";
import { COMMITTEE_STATUSES, FILING_STATES, filingListState, type AreaCommitteeListParams, type FilingListState } from "./filing-schema";
import { committeeStatus, deadlinesAfterElection, inOffice, overdue, reElectionFrom, type CommitteeStatus } from "./rules";

// ————————————————————————————————————————————————————————— the street office's list

export type AreaCommitteeRow = {
  id: string;
  name: string;
  status: CommitteeStatus;
  /** The active committee, if any (its term may be over: status expired). */
  committeeId: string | null;
  termLastDay: Day | null;
  reElectionFrom: Day | null;
  membersInOffice: number | null;
  seats: number | null;
  /** The initial filing; null without a committee. */
  filing: FilingListState | null;
  /** The last day of the initial filing's 30 days. */
  filingLastDay: Day | null;
  /** Filings of the active committee (initial and changes) awaiting the street office. */
  pendingFilings: number;
  /** An active preparatory group (a first election or a re-election). */
  preparing: boolean;
  /** The term is ending or over and no preparatory group is at work: the street office should form one. */
  reElectionPrompt: boolean;
};

/** Whether the street office should form a re-election group for the compound. */
export function needsReElectionGroup(status: CommitteeStatus, preparing: boolean): boolean {
  return (status === "term_ending" || status === "expired") && !preparing;
}

/**
 * The compounds under the node at `scopePath` (name filter `p.q`) with their committee status, the status filter
 * `p.status`, sorted by `p.sort` (nulls last either way, then by name) and paged (all rows with `opts.all`).
 */
export async function listCommitteeOverview(
  db: Db,
  scopePath: string,
  p: AreaCommitteeListParams,
  now: Date,
  opts: { all?: boolean } = {},
): Promise<{ rows: AreaCommitteeRow[]; total: number; reElectionPrompts: number }> {
  const today = shanghaiDay(now);
  const inScope = and(eq(areaNodes.kind, "compound"), withinPath(areaNodes.path, scopePath), p.q ? containsText(areaNodes.name, p.q) : undefined);
  const active = eq(committees.status, "active");

  const [places, cmts, members, groups, filings, cal] = await Promise.all([
    db
      .select({ id: areaNodes.id, name: areaNodes.name, rulePack: compounds.rulePack })
      .from(areaNodes)
      .leftJoin(compounds, eq(compounds.id, areaNodes.id))
      .where(inScope)
      .orderBy(asc(areaNodes.name), asc(areaNodes.id)),
    db
      .select({ id: committees.id, compoundId: committees.compoundId, electedAt: committees.electedAt, termLastDay: committees.termLastDay, filedAt: committees.filedAt, seats: committees.seats, minSeats: committees.minSeats })
      .from(committees)
      .innerJoin(areaNodes, eq(areaNodes.id, committees.compoundId))
      .where(and(inScope, active)),
    // Only rows that can be in office today; inOffice decides (the same function as membersInOffice).
    db
      .select({ committeeId: committeeMembers.committeeId, fromDay: committeeMembers.fromDay, lastDay: committeeMembers.lastDay, endedOn: committeeMembers.endedOn })
      .from(committeeMembers)
      .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
      .innerJoin(areaNodes, eq(areaNodes.id, committees.compoundId))
      .where(and(inScope, active, sql`${committeeMembers.fromDay} <= ${today}::date`, sql`${committeeMembers.lastDay} >= ${today}::date`)),
    db
      .selectDistinct({ compoundId: prepGroups.compoundId })
      .from(prepGroups)
      .innerJoin(areaNodes, eq(areaNodes.id, prepGroups.compoundId))
      .where(and(inScope, eq(prepGroups.status, "active"))),
    db
      .select({
        committeeId: committeeFilings.committeeId,
        pending: sql<number>`(count(*) filter (where ${committeeFilings.status} = 'submitted'))::int`,
        latestInitial: sql<CommitteeFilingRow["status"] | null>`(array_agg(${committeeFilings.status} order by ${committeeFilings.submittedAt} desc, ${committeeFilings.id} desc) filter (where ${committeeFilings.kind} = 'initial'))[1]`,
      })
      .from(committeeFilings)
      .innerJoin(committees, eq(committees.id, committeeFilings.committeeId))
      .innerJoin(areaNodes, eq(areaNodes.id, committees.compoundId))
      .where(and(inScope, active))
      .groupBy(committeeFilings.committeeId),
    loadCalendar(db),
  ]);

  const committeeOf = new Map(cmts.map((c) => [c.compoundId, c]));
  const inOfficeCount = new Map<string, number>();
  for (const m of members) if (inOffice({ from: m.fromDay, lastDay: m.lastDay, endedOn: m.endedOn }, today)) inOfficeCount.set(m.committeeId, (inOfficeCount.get(m.committeeId) ?? 0) + 1);
  const preparingIn = new Set(groups.map((g) => g.compoundId));
  const filingsOf = new Map(filings.map((f) => [f.committeeId, f]));

  let rows: AreaCommitteeRow[] = places.map((place) => {
    const pack = rulePackOf(place.rulePack);
    const preparing = preparingIn.has(place.id);
    const c = committeeOf.get(place.id);
    if (!c) {
      const status = committeeStatus({ preparing, committee: null }, today, now, cal, pack);
      return {
        id: place.id, name: place.name, status, committeeId: null, termLastDay: null, reElectionFrom: null, membersInOffice: null, seats: null,
        filing: null, filingLastDay: null, pendingFilings: 0, preparing, reElectionPrompt: needsReElectionGroup(status, preparing),
      };
    }
    const n = inOfficeCount.get(c.id) ?? 0;
    const status = committeeStatus({ preparing, committee: { electedAt: c.electedAt, termLastDay: c.termLastDay, filedAt: c.filedAt, membersInOffice: n, seats: c.seats, minSeats: c.minSeats } }, today, now, cal, pack);
    const deadline = deadlinesAfterElection(c.electedAt, cal).filing;
    const f = filingsOf.get(c.id);
    const accepted = c.filedAt !== null || f?.latestInitial === "accepted";
    return {
      id: place.id,
      name: place.name,
      status,
      committeeId: c.id,
      termLastDay: c.termLastDay,
      reElectionFrom: reElectionFrom(c.termLastDay, pack.reElectionLeadMonths),
      membersInOffice: n,
      seats: c.seats,
      filing: filingListState({ accepted, latest: f?.latestInitial ?? null, pastDeadline: overdue(deadline, null, now) }),
      filingLastDay: deadline.lastDay,
      pendingFilings: Number(f?.pending ?? 0),
      preparing,
      reElectionPrompt: needsReElectionGroup(status, preparing),
    };
  });

  // Counted before the status filter: the page says how many compounds under the node need a group.
  const reElectionPrompts = rows.filter((r) => r.reElectionPrompt).length;
  if (p.status) rows = rows.filter((r) => r.status === p.status);
  rows = sortRows(rows, p.sort, p.dir);
  const total = rows.length;
  return { rows: opts.all ? rows : rows.slice((p.page - 1) * p.size, p.page * p.size), total, reElectionPrompts };
}

const rank = <T extends string>(order: readonly T[]) => (v: T | null) => (v === null ? null : order.indexOf(v));
const statusRank = rank(COMMITTEE_STATUSES);
const filingRank = rank(FILING_STATES);

/** Sort by the key (nulls last in both directions), then by name as the query ordered them (a stable sort). */
function sortRows(rows: AreaCommitteeRow[], sort: AreaCommitteeListParams["sort"], dir: "asc" | "desc"): AreaCommitteeRow[] {
  const key = (r: AreaCommitteeRow): string | number | null => {
    switch (sort) {
      case "name":
        return null;
      case "status":
        return statusRank(r.status);
      case "termLastDay":
        return r.termLastDay;
      case "reElectionFrom":
        return r.reElectionFrom;
      case "members":
        return r.membersInOffice;
      case "filing":
        return filingRank(r.filing);
      case "pendingFilings":
        return r.pendingFilings;
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  const indexed = rows.map((r, i) => ({ r, i, k: key(r) }));
  indexed.sort((a, b) => {
    if (sort !== "name" && a.k !== b.k) {
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      return (a.k < b.k ? -1 : 1) * sign;
    }
    return (sort === "name" ? sign : 1) * (a.i - b.i);
  });
  return indexed.map((x) => x.r);
}

// ————————————————————————————————————————————————————————— the filing page

export type FilingAttachmentView = { fileId: string; kind: string; name: string | null };

export type FilingView = Omit<CommitteeFilingRow, "attachments"> & {
  attachments: FilingAttachmentView[];
  submittedByName: string | null;
  decidedByName: string | null;
};

export type FilingDuty = Omit<FilingState, "latest"> & { state: FilingListState; latestId: string | null };

export type FilingsPage = {
  committee: { id: string; electedAt: Date; termStart: Day; termLastDay: Day; filedAt: Date | null };
  initial: FilingDuty;
  /** One per change event, the latest first. */
  changes: FilingDuty[];
  /** Every filing, newest first. */
  filings: FilingView[];
  pendingInitial: boolean;
  pendingChange: boolean;
  /** Filings awaiting the street office. */
  pendingCount: number;
};

function duty(s: FilingState, now: Date): FilingDuty {
  const { latest, ...rest } = s;
  const accepted = s.acceptedAt !== null;
  return { ...rest, latestId: latest?.id ?? null, state: filingListState({ accepted, latest: latest?.status ?? null, pastDeadline: !accepted && overdue(s.deadline, null, now) }) };
}

/** The filing page of the compound's active committee at `now`, or null when it has none. */
export async function filingsPage(db: Db, compoundId: string, now: Date): Promise<FilingsPage | null> {
  const c = await activeCommittee(db, compoundId);
  if (!c) return null;
  const s = await filingStatus(db, compoundId, c.id, now);
  if (!s) return null;
  const fileIds = [...new Set(s.filings.flatMap((f) => f.attachments.map((a) => a.fileId)))];
  const userIds = [...new Set(s.filings.flatMap((f) => [f.submittedBy, f.decidedBy]).filter((x): x is string => x !== null))];
  const names = new Map(
    fileIds.length
      ? (await db.select({ id: files.id, name: files.displayName }).from(files).where(and(eq(files.compoundId, compoundId), inArray(files.id, fileIds)))).map((f) => [f.id, f.name])
      : [],
  );
  const people = new Map(userIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : []);
  const filings: FilingView[] = s.filings.map((f) => ({
    ...f,
    attachments: f.attachments.map((a) => ({ fileId: a.fileId, kind: a.kind, name: names.get(a.fileId) ?? null })),
    submittedByName: people.get(f.submittedBy) ?? null,
    decidedByName: f.decidedBy ? (people.get(f.decidedBy) ?? null) : null,
  }));
  const changes = [...s.changes].sort((a, b) => b.eventAt.getTime() - a.eventAt.getTime()).map((x) => duty(x, now));
  const pending = (kind: "initial" | "change") => s.filings.some((f) => f.kind === kind && f.status === "submitted");
  return {
    committee: { id: c.id, electedAt: c.electedAt, termStart: c.termStart, termLastDay: c.termLastDay, filedAt: c.filedAt },
    initial: duty(s.initial, now),
    changes,
    filings,
    pendingInitial: pending("initial"),
    pendingChange: pending("change"),
    pendingCount: s.filings.filter((f) => f.status === "submitted").length,
  };
}
