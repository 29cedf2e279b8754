/**
 * The compound's fees home and the viewer's side (rules.md §4 "for whoever collects"): who collects today, the
 * collection rates and the arrears by age, as of a day. A viewer "collects" with fees:collect at the compound
 * and the collecting body's side (actorCollects); only they see payers' names and send reminders.
 */
import type { Db } from "~db/client.server";
import type { Actor, AreaNode } from "~/auth/guard.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { arrearsTotals, asOfDay, type AsOf } from "./arrears.server";
import { collectorSide, type Collector } from "./collector.server";
import { compoundRates } from "./rates.server";

export type FeesViewer = { collector: Collector | null; collects: boolean };

/** Who collects for the compound today, and whether this actor does (fees:collect plus the collecting side). */
export async function feesViewer(db: Db, actor: Actor, node: Pick<AreaNode, "id" | "path">, now: Date): Promise<FeesViewer> {
  return collectorSide(db, { userId: actor.user.id, grants: actor.grants }, node, now);
}

/**
 * The as-of cut-off of a report: the requested day (not after today; default today). Today's report runs to now,
 * a past day's to its 24:00.
 */
export function reportAsOf(requested: Day | undefined, now: Date): AsOf {
  const today = shanghaiDay(now);
  if (!requested || requested >= today) return { day: today, until: now };
  return asOfDay(requested);
}

/** The fees home's figures: this month's and this year's collection rates, by building, 12 months, arrears by bucket. */
export async function feesHome(db: Db, compoundId: string, asOf: AsOf) {
  const rates = await compoundRates(db, compoundId, asOf);
  const arrears = await arrearsTotals(db, compoundId, asOf);
  return { rates, arrears };
}
export type FeesHome = Awaited<ReturnType<typeof feesHome>>;
