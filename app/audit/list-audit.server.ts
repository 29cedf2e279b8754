import { and, asc, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { auditLog } from "~db/schema";
import { escapeLike, withinPath } from "~/platform/area.server";
import { shanghaiDayStart } from "~/i18n/format";
import type { AuditListParams } from "./schema";

const SORT = { at: auditLog.at, action: auditLog.action, actorName: auditLog.actorName, result: auditLog.result } as const;


/**
 * The audit log of one scope. The city's own scope sees every row (including sign-ins, which belong to no
 * area); any other node sees the rows recorded under it. Paging, sorting and filters in SQL.
 */
export async function listAudit(db: Db, scope: { path: string; isCity: boolean }, p: AuditListParams, opts: { all?: boolean } = {}) {
  const conds: SQL[] = [];
  if (!scope.isCity) conds.push(withinPath(auditLog.scopePath, scope.path));
  if (p.who) conds.push(or(ilike(auditLog.actorName, `%${escapeLike(p.who)}%`), eq(auditLog.actorId, p.who))!);
  if (p.what) conds.push(ilike(auditLog.action, `${escapeLike(p.what)}%`));
  if (p.result) conds.push(eq(auditLog.result, p.result));
  if (p.from) conds.push(gte(auditLog.at, shanghaiDayStart(p.from)));
  if (p.to) conds.push(lt(auditLog.at, new Date(shanghaiDayStart(p.to).getTime() + 24 * 3600_000)));
  const where = conds.length ? and(...conds) : undefined;
  const order = p.dir === "asc" ? asc(SORT[p.sort]) : desc(SORT[p.sort]);
  const limit = opts.all ? 100_000 : p.size;
  const offset = opts.all ? 0 : (p.page - 1) * p.size;
  const [rows, total] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(order, desc(auditLog.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorName: r.actorName,
      action: r.action,
      result: r.result,
      target: r.targetKind ? `${r.targetKind}:${r.targetId}` : null,
      ip: r.ip,
      detail: r.detail ? JSON.stringify(r.detail) : null,
      change: r.before || r.after ? JSON.stringify({ before: r.before, after: r.after }) : null,
    })),
    total: Number(total[0]?.n ?? 0),
  };
}
