/**
 * Residents' quarterly ratings of the service (1–5 with a comment) and their roll-ups per compound and per
 * company. A rating is one per account per compound per quarter (Asia/Shanghai, `quarterOf`), append-only,
 * and records who served that day (`responsibleFor` "maintenance"). Averages are integer tenths (`averageTenths`).
 */
import { and, eq, gt, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, residents, serviceRatings } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { now as clockNow } from "~/clock.server";
import { ownersOfUser } from "~/elections/common.server";
import { newId } from "~/ids";
import { nodePath } from "~/platform/area.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { isUniqueViolation } from "~/registry/maintain.server";
import type { FieldErrors } from "~/ui/form.server";
import { responsibleForCompound } from "./lookup.server";
import { averageTenths, lastQuarters, quarterOf, ratingValid } from "./rules";
import type { RatingInput } from "./service-schema";

/** How many ratings and their average in tenths (null with none). */
export type RatingFigure = { count: number; averageTenths: number | null };
export type QuarterFigure = RatingFigure & { quarter: string };

export type RatingSummary = {
  /** This quarter (the quarter today falls in). */
  current: QuarterFigure;
  allTime: RatingFigure;
  /** The last four quarters, newest first (this quarter included), each with its count and average. */
  quarters: QuarterFigure[];
};

export const ROLLUP_QUARTERS = 4;

const figure = (n: number, sum: number): RatingFigure => ({ count: n, averageTenths: averageTenths(sum, n) });

async function summary(db: Db, where: SQL | undefined, today: Day): Promise<RatingSummary> {
  const rows = await db
    .select({ quarter: serviceRatings.quarter, n: sql<number>`count(*)::int`, sum: sql<number>`coalesce(sum(${serviceRatings.stars}), 0)::int` })
    .from(serviceRatings)
    .where(where)
    .groupBy(serviceRatings.quarter);
  const byQuarter = new Map(rows.map((r) => [r.quarter, { n: Number(r.n), sum: Number(r.sum) }]));
  const total = rows.reduce((a, r) => ({ n: a.n + Number(r.n), sum: a.sum + Number(r.sum) }), { n: 0, sum: 0 });
  const quarters = lastQuarters(today, ROLLUP_QUARTERS).map((quarter) => {
    const q = byQuarter.get(quarter);
    return { quarter, ...figure(q?.n ?? 0, q?.sum ?? 0) };
  });
  return { current: quarters[0], allTime: figure(total.n, total.sum), quarters };
}

/** The roll-up of every rating given in a compound (whoever served then). */
export async function compoundRatingSummary(db: Db, compoundId: string, today: Day = shanghaiDay(clockNow())): Promise<RatingSummary> {
  return summary(db, eq(serviceRatings.compoundId, compoundId), today);
}

/** The roll-up of the ratings a company received (wherever it served), with the figures per compound. */
export async function companyRatingSummary(
  db: Db,
  companyId: string,
  today: Day = shanghaiDay(clockNow()),
): Promise<RatingSummary & { byCompound: (RatingFigure & { compoundId: string; compoundName: string })[] }> {
  const where = eq(serviceRatings.companyId, companyId);
  const rows = await db
    .select({ compoundId: serviceRatings.compoundId, name: areaNodes.name, n: sql<number>`count(*)::int`, sum: sql<number>`coalesce(sum(${serviceRatings.stars}), 0)::int` })
    .from(serviceRatings)
    .innerJoin(areaNodes, eq(areaNodes.id, serviceRatings.compoundId))
    .where(where)
    .groupBy(serviceRatings.compoundId, areaNodes.name)
    .orderBy(areaNodes.name);
  return {
    ...(await summary(db, where, today)),
    byCompound: rows.map((r) => ({ compoundId: r.compoundId, compoundName: r.name, ...figure(Number(r.n), Number(r.sum)) })),
  };
}

/** Why this account may rate the service here: it owns a unit in force, or lives in one (residents), on `day`. */
export async function raterStanding(db: Db, compoundId: string, userId: string, day: Day): Promise<"owner" | "resident" | null> {
  if ((await ownersOfUser(db, compoundId, userId, new Date(`${day}T12:00:00+08:00`))).length) return "owner";
  const [r] = await db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.compoundId, compoundId), eq(residents.userId, userId), lte(residents.validFrom, day), or(isNull(residents.validTo), gt(residents.validTo, day))))
    .limit(1);
  return r ? "resident" : null;
}

/** This account's rating of this quarter, if it gave one. */
export async function myRating(db: Db, compoundId: string, userId: string, quarter: string) {
  const [r] = await db
    .select({ id: serviceRatings.id, stars: serviceRatings.stars, comment: serviceRatings.comment, createdAt: serviceRatings.createdAt })
    .from(serviceRatings)
    .where(and(eq(serviceRatings.compoundId, compoundId), eq(serviceRatings.userId, userId), eq(serviceRatings.quarter, quarter)))
    .limit(1);
  return r ?? null;
}

type Fail = { ok: false; errors: FieldErrors };
const fail = (field: string, key: string): Fail => ({ ok: false, errors: { [field]: key } });
const ALREADY = fail("_form", "governance.service.errors.alreadyRated");

/**
 * An owner or resident rates the service once a quarter. Refused, writing nothing: someone who neither owns nor
 * lives here, a second rating in the same quarter, a compound nobody serves today. Records who served (the
 * "maintenance" duty) and audits in the same transaction.
 */
export async function rateService(
  db: Db,
  actor: NonNullable<AuditActor>,
  compoundId: string,
  input: RatingInput,
  now: Date,
): Promise<{ ok: true; id: string; quarter: string } | Fail> {
  if (!ratingValid(input.stars)) return fail("stars", "governance.service.errors.starsRequired");
  const day = shanghaiDay(now);
  const quarter = quarterOf(day);
  try {
    return await db.transaction(async (tx) => {
      if (!(await raterStanding(tx, compoundId, actor.id, day))) return fail("_form", "governance.service.errors.notResident");
      if (await myRating(tx, compoundId, actor.id, quarter)) return ALREADY;
      const who = await responsibleForCompound(tx, compoundId, "maintenance", day);
      if (who.kind === "none") return fail("_form", "governance.service.errors.nobodyServes");
      const id = newId("srt");
      const row = {
        id, compoundId, userId: actor.id, quarter, stars: input.stars, comment: input.comment ?? null,
        responsibleKind: who.kind, companyId: who.kind === "company" ? who.companyId : null, createdAt: now,
      };
      await tx.insert(serviceRatings).values(row);
      await writeAudit(tx, now, {
        actor, action: "service.rate", target: { kind: "service_rating", id }, scopePath: await nodePath(tx, compoundId),
        after: { quarter, stars: row.stars, comment: row.comment, responsibleKind: row.responsibleKind, companyId: row.companyId },
      });
      return { ok: true as const, id, quarter };
    });
  } catch (e) {
    // Two submissions at once: the unique index keeps one.
    if (isUniqueViolation(e)) return ALREADY;
    throw e;
  }
}

