/**
 * The street office's overview of committee elections under an area node (rules.md §2): one row per compound
 * with its stage, open objections to the preparatory group, the nominees and where vetting stands, overdue
 * reviews, and the share figures local policy sets targets for (figures, never gates). One SQL query per page
 * (and one for the count), so a city of thousands of compounds pages as fast as a street: the stage is
 * computed in SQL exactly as electionStage computes it, the vetting counts from the candidates' phase cache
 * (written with every vetting event), overdue reviews from the latest submission or appeal.
 */
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, candidates, compounds, elections, prepGroupObjections, prepGroups, vettingEvents } from "~db/schema";
import { containsText, withinPath } from "~/platform/area.server";
import { rulePackOf } from "~/registry/rule-pack";
import type { OverviewListParams, OverviewStage } from "./review-schema";
import { meetsTarget, type Share } from "./rules";
import { REVIEW_DUE_DAYS } from "./vetting.server";

/**
 * The stage of the compound in the current row, as electionStage decides it: no active preparatory group →
 * no_group; a group without an election → group_formed; the list published → candidates_published; before
 * nominations close → nominating; after → vetting. Needs the row joined to its group (latestGroupJoin) and
 * that group's election.
 */
export function stageSql(now: Date): SQL<OverviewStage> {
  return sql<OverviewStage>`case
    when ${prepGroups.id} is null or ${prepGroups.status} <> 'active' then 'no_group'
    when ${elections.id} is null then 'group_formed'
    when ${elections.status} = 'published' then 'candidates_published'
    when ${elections.nominationClosesAt} > ${now.toISOString()}::timestamptz then 'nominating'
    else 'vetting' end`;
}

/**
 * The group electionStage looks at for the compound in the current row: the active one, else the latest formed
 * (whose election, if any, still gives the figures after it was dissolved).
 */
function latestGroupJoin(): SQL {
  return sql`${prepGroups.id} = (select g2.id from ${prepGroups} g2 where g2.compound_id = ${areaNodes.id} order by (g2.status = 'active') desc, g2.formed_at desc, g2.id desc limit 1)`;
}

/** The stage's position in the order an election moves through (for sorting). */
function stageOrderSql(now: Date): SQL<number> {
  return sql<number>`case
    when ${prepGroups.id} is null or ${prepGroups.status} <> 'active' then 0
    when ${elections.id} is null then 1
    when ${elections.status} = 'published' then 4
    when ${elections.nominationClosesAt} > ${now.toISOString()}::timestamptz then 2
    else 3 end`;
}

/** A share as the page shows it: "n/d" and a whole percent rounded half up from integers (null when d = 0). */
export type ShareFigure = Share & { percent: number | null };

export function shareFigure(numerator: number, denominator: number): ShareFigure {
  if (denominator <= 0) return { numerator, denominator, percent: null };
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return { numerator, denominator, percent: Number((200n * n + d) / (2n * d)) };
}

export type OverviewShares = { partyMembers: ShareFigure; retirees: ShareFigure; publicServants: ShareFigure };

export type OverviewRow = {
  id: string;
  name: string;
  stage: OverviewStage;
  electionId: string | null;
  openObjections: number;
  nominees: number;
  underReview: number;
  cleared: number;
  rejected: number;
  overdueReviews: number;
  /** Null before an election is set up. */
  nomineeShares: OverviewShares | null;
  clearedShares: OverviewShares | null;
  partyTargetPercent: number | null;
  /** Whether the cleared candidates' Party-member share meets the target; null without a target or an election. */
  partyTargetMet: boolean | null;
  /** The same for all nominees. */
  nomineePartyTargetMet: boolean | null;
};

const int = (expr: SQL) => sql<number>`(${expr})::int`;

/** The compounds under the node at `scopePath` with their election figures, paged, sorted and filtered in SQL. */
export async function listElectionOverview(db: Db, scopePath: string, p: OverviewListParams, now: Date, opts: { all?: boolean } = {}) {
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const inReview = sql`${candidates.phase} in ('under_review', 'appealed')`;
  const isCleared = sql`${candidates.phase} in ('cleared', 'cleared_on_appeal')`;
  // The latest submission (under review) or appeal (on appeal) starts the reviewers' REVIEW_DUE_DAYS.
  const since = sql`(select max(ve.at) from ${vettingEvents} ve where ve.candidate_id = ${candidates.id} and ve.kind = case when ${candidates.phase} = 'appealed' then 'appeal' else 'submit' end)`;
  const agg = db
    .select({
      nominees: int(sql`count(*)`).as("nominees"),
      underReview: int(sql`count(*) filter (where ${inReview})`).as("under_review"),
      cleared: int(sql`count(*) filter (where ${isCleared})`).as("cleared"),
      rejected: int(sql`count(*) filter (where ${candidates.phase} in ('rejected', 'rejection_upheld'))`).as("rejected"),
      overdue: int(sql`count(*) filter (where ${inReview} and ${nowTs} > ${since} + make_interval(hours => ${sql.raw(String(REVIEW_DUE_DAYS * 24))}))`).as("overdue"),
      nParty: int(sql`count(*) filter (where ${candidates.partyMember})`).as("n_party"),
      nRetirees: int(sql`count(*) filter (where ${candidates.occupation} = 'retiree')`).as("n_retirees"),
      nPublic: int(sql`count(*) filter (where ${candidates.occupation} = 'public_servant')`).as("n_public"),
      cParty: int(sql`count(*) filter (where ${isCleared} and ${candidates.partyMember})`).as("c_party"),
      cRetirees: int(sql`count(*) filter (where ${isCleared} and ${candidates.occupation} = 'retiree')`).as("c_retirees"),
      cPublic: int(sql`count(*) filter (where ${isCleared} and ${candidates.occupation} = 'public_servant')`).as("c_public"),
    })
    .from(candidates)
    .where(eq(candidates.electionId, elections.id))
    .as("agg");
  const openObjections = int(sql`(select count(*) from ${prepGroupObjections} o where o.status = 'open' and o.group_id = ${prepGroups.id})`);

  const stage = stageSql(now);
  const where = and(
    eq(areaNodes.kind, "compound"),
    withinPath(areaNodes.path, scopePath),
    p.stage ? sql`${stage} = ${p.stage}` : undefined,
    p.q ? containsText(areaNodes.name, p.q) : undefined,
  );
  const sortCol = p.sort === "stage" ? stageOrderSql(now) : areaNodes.name;
  const order = p.dir === "asc" ? [asc(sortCol), asc(areaNodes.name), asc(areaNodes.id)] : [desc(sortCol), desc(areaNodes.name), desc(areaNodes.id)];
  const q = db
    .select({
      id: areaNodes.id,
      name: areaNodes.name,
      stage,
      electionId: elections.id,
      rulePack: compounds.rulePack,
      openObjections,
      nominees: agg.nominees,
      underReview: agg.underReview,
      cleared: agg.cleared,
      rejected: agg.rejected,
      overdue: agg.overdue,
      nParty: agg.nParty,
      nRetirees: agg.nRetirees,
      nPublic: agg.nPublic,
      cParty: agg.cParty,
      cRetirees: agg.cRetirees,
      cPublic: agg.cPublic,
    })
    .from(areaNodes)
    .leftJoin(compounds, eq(compounds.id, areaNodes.id))
    .leftJoin(prepGroups, latestGroupJoin())
    .leftJoin(elections, eq(elections.prepGroupId, prepGroups.id))
    .leftJoinLateral(agg, sql`true`)
    .where(where)
    .orderBy(...order);
  const raw = opts.all ? await q.limit(100_000) : await q.limit(p.size).offset((p.page - 1) * p.size);
  const [{ n }] = await db
    .select({ n: count() })
    .from(areaNodes)
    .leftJoin(prepGroups, latestGroupJoin())
    .leftJoin(elections, eq(elections.prepGroupId, prepGroups.id))
    .where(where);

  const rows: OverviewRow[] = raw.map((r) => {
    const num = (v: number | null) => Number(v ?? 0);
    const target = r.rulePack === null ? null : rulePackOf(r.rulePack).partyShareTargetPercent;
    const nominees = num(r.nominees);
    const cleared = num(r.cleared);
    const has = r.electionId !== null;
    const nomineeShares = has ? { partyMembers: shareFigure(num(r.nParty), nominees), retirees: shareFigure(num(r.nRetirees), nominees), publicServants: shareFigure(num(r.nPublic), nominees) } : null;
    const clearedShares = has ? { partyMembers: shareFigure(num(r.cParty), cleared), retirees: shareFigure(num(r.cRetirees), cleared), publicServants: shareFigure(num(r.cPublic), cleared) } : null;
    return {
      id: r.id,
      name: r.name,
      stage: r.stage,
      electionId: r.electionId,
      openObjections: Number(r.openObjections),
      nominees,
      underReview: num(r.underReview),
      cleared,
      rejected: num(r.rejected),
      overdueReviews: num(r.overdue),
      nomineeShares,
      clearedShares,
      partyTargetPercent: target,
      partyTargetMet: has && target !== null ? meetsTarget(clearedShares!.partyMembers, target) : null,
      nomineePartyTargetMet: has && target !== null ? meetsTarget(nomineeShares!.partyMembers, target) : null,
    };
  });
  return { rows, total: Number(n) };
}
