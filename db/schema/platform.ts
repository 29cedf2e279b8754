import { index, integer, jsonb, pgTable, text, check, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, timestamptz } from "./columns";

/** The area tree that scopes everything: city → district → street → community → compound.
 *  `path` is the materialised path of ids ("/city/d1/s1/c1/cp1/"), so "is X inside Y" is a prefix test. */
export const areaNodes = pgTable(
  "area_nodes",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["city", "district", "street", "community", "compound"] }).notNull(),
    parentId: text("parent_id"),
    name: text("name").notNull(),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("area_nodes_parent_idx").on(t.parentId),
    uniqueIndex("area_nodes_path_uq").on(t.path),
    index("area_nodes_path_prefix_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("area_nodes_kind_idx").on(t.kind),
    check("area_nodes_kind_depth", sql`(${t.kind} = 'city') = (${t.parentId} is null)`),
  ],
);

/** Small key/value settings of the running app (e.g. the demo clock offset). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamptz("updated_at").notNull(),
});

/** Demo mode only: text messages that the development SMS provider "sent". */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: text("id").primaryKey(),
    phone: text("phone").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sms_outbox_created_idx").on(t.createdAt)],
);
