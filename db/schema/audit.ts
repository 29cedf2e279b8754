import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamptz } from "./columns";

/** Append-only: the code has insert and select only, and a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    at: timestamptz("at").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    result: text("result", { enum: ["ok", "denied", "failed"] }).notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    /** Materialised path of the area node the event belongs to ("/city/…/"); null for city-less events. */
    scopePath: text("scope_path"),
    ip: text("ip"),
    before: jsonb("before"),
    after: jsonb("after"),
    detail: jsonb("detail"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId),
    index("audit_log_action_idx").on(t.action),
    index("audit_log_scope_idx").using("btree", sql`${t.scopePath} text_pattern_ops`, t.at),
  ],
);
