import { and, desc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { nodePath } from "~/platform/area.server";
import type { Db } from "~db/client.server";
import { noticeReads, notices } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import type { AuditActor } from "~/audit/audit.server";

export type NoticeInput = {
  compoundId: string;
  title: string;
  body: string;
  publishAt?: Date;
  takeDownAt?: Date;
  /** What publishes it: "manual" for a person; later features name themselves ("decision", "candidates", …). */
  sourceKind?: string;
  sourceId?: string;
};

/**
 * The one way anything reaches a compound's notice board (公示栏): staff posting by hand, and later the
 * decision notices, candidate lists and statements. Call it inside the caller's transaction; it audits.
 */
export async function publishNotice(db: Db, actor: AuditActor, input: NoticeInput, now: Date): Promise<string> {
  const id = newId("ntc");

  const row = {
    id,
    compoundId: input.compoundId,
    title: input.title,
    body: input.body,
    sourceKind: input.sourceKind ?? "manual",
    sourceId: input.sourceId ?? null,
    publishAt: input.publishAt ?? now,
    takeDownAt: input.takeDownAt ?? null,
    createdBy: actor?.id ?? null,
    createdAt: now,
  };
  await db.insert(notices).values(row);
  await writeAudit(db, now, {
    actor,
    action: "notice.publish",
    target: { kind: "notice", id },
    scopePath: await nodePath(db, input.compoundId),
    after: { title: row.title, sourceKind: row.sourceKind, publishAt: row.publishAt.toISOString(), takeDownAt: row.takeDownAt?.toISOString() ?? null },
  });
  return id;
}

const readCount = sql<number>`(select count(*)::int from ${noticeReads} where ${noticeReads.noticeId} = ${notices.id})`;

/** What the board shows now; staff also see scheduled and taken-down notices. */
export async function listNotices(db: Db, compoundId: string, now: Date, opts: { staff: boolean; limit?: number }) {
  const current = and(lte(notices.publishAt, now), or(isNull(notices.takeDownAt), gt(notices.takeDownAt, now)));
  const rows = await db
    .select({ id: notices.id, title: notices.title, publishAt: notices.publishAt, takeDownAt: notices.takeDownAt, sourceKind: notices.sourceKind, reads: readCount })
    .from(notices)
    .where(opts.staff ? eq(notices.compoundId, compoundId) : and(eq(notices.compoundId, compoundId), current))
    .orderBy(desc(notices.publishAt), desc(notices.id))
    .limit(opts.limit ?? 50);
  return rows.map((r) => ({
    ...r,
    reads: Number(r.reads),
    state: r.publishAt > now ? ("scheduled" as const) : r.takeDownAt && r.takeDownAt <= now ? ("down" as const) : ("up" as const),
  }));
}

/** Open a notice of this compound; residents only while it is up. Records the reader once. */
export async function readNotice(db: Db, compoundId: string, noticeId: string, userId: string, now: Date, staff: boolean) {
  const n = (await db.select().from(notices).where(and(eq(notices.id, noticeId), eq(notices.compoundId, compoundId))))[0];
  if (!n) return null;
  const up = n.publishAt <= now && (!n.takeDownAt || n.takeDownAt > now);
  if (!up && !staff) return null;
  if (up) await db.insert(noticeReads).values({ noticeId, userId, readAt: now }).onConflictDoNothing();
  const reads = Number((await db.select({ n: sql<number>`count(*)::int` }).from(noticeReads).where(eq(noticeReads.noticeId, noticeId)))[0].n);
  return { ...n, reads, up };
}

/** Take a notice down now (it stays in the record). */
export async function takeDownNotice(db: Db, actor: AuditActor, compoundId: string, noticeId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = (await tx.select().from(notices).where(and(eq(notices.id, noticeId), eq(notices.compoundId, compoundId))))[0];
    if (!n) return false;
    const takeDownAt = n.publishAt > now ? n.publishAt : now;
    await tx.update(notices).set({ takeDownAt }).where(eq(notices.id, noticeId));
    await writeAudit(tx, now, {
      actor,
      action: "notice.take_down",
      target: { kind: "notice", id: noticeId },
      scopePath: await nodePath(tx, compoundId),
      before: { takeDownAt: n.takeDownAt?.toISOString() ?? null },
      after: { takeDownAt: takeDownAt.toISOString() },
    });
    return true;
  });
}
