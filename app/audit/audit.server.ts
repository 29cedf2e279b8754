import { auditLog } from "~db/schema";
import type { Db } from "~db/client.server";

export type AuditActor = { id: string; name: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  result?: "ok" | "denied" | "failed";
  target?: { kind: string; id: string };
  /** Path of the area node the event belongs to, so street officers see their scope's events. */
  scopePath?: string | null;
  ip?: string | null;
  /** Before/after copies: callers pass them through maskRecord() so personal fields appear as the UI shows them. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
};

/** The row an audit entry becomes (for callers that insert many rows in one statement, e.g. an import). */
export function auditRow(now: Date, e: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: now,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? null,
    action: e.action,
    result: e.result ?? "ok",
    targetKind: e.target?.kind ?? null,
    targetId: e.target?.id ?? null,
    scopePath: e.scopePath ?? null,
    ip: e.ip ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    detail: e.detail ?? null,
  };
}

/** Append one audit row. Call it with the transaction that makes the change, so both commit or neither. */
export async function writeAudit(db: Db, now: Date, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(now, e));
}
