import { and, asc, eq, ilike, isNull, like, sql, type Column, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes } from "~db/schema";

/** Text for a LIKE pattern with its wildcards (% and _) and the escape character taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** `col` contains `text`, case-insensitively, wildcards taken literally (the list filters). */
export function containsText(col: Column | SQL, text: string): SQL {
  return ilike(col as Column, `%${escapeLike(text)}%`);
}

/** `col` lies at or below the node with materialised path `path` (a LIKE prefix). */
export function withinPath(col: Column | SQL, path: string): SQL {
  return like(col as Column, `${escapeLike(path)}%`);
}

/** The materialised path of an area node (the audit rows' scope), or null when there is no such node. */
export async function nodePath(db: Db, nodeId: string): Promise<string | null> {
  return (await db.select({ path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.id, nodeId)))[0]?.path ?? null;
}

export type AreaKind = (typeof areaNodes.$inferSelect)["kind"];
export type AreaNode = typeof areaNodes.$inferSelect;

const CHILD_KIND: Record<AreaKind, AreaKind | null> = {
  city: "district",
  district: "street",
  street: "community",
  community: "compound",
  compound: null,
};

/** Add a node under its parent; its path is the parent's path plus its id. */
export async function createAreaNode(
  db: Db,
  input: { id: string; kind: AreaKind; parentId: string | null; name: string },
  now: Date,
): Promise<AreaNode> {
  let path = `/${input.id}/`;
  let depth = 0;
  if (input.parentId) {
    const parent = (await db.select().from(areaNodes).where(eq(areaNodes.id, input.parentId)))[0];
    if (!parent) throw new Error(`unknown parent ${input.parentId}`);
    if (CHILD_KIND[parent.kind] !== input.kind) throw new Error(`a ${input.kind} cannot sit under a ${parent.kind}`);
    path = `${parent.path}${input.id}/`;
    depth = parent.depth + 1;
  } else if (input.kind !== "city") {
    throw new Error("only the city has no parent");
  }
  const row = { ...input, path, depth, createdAt: now };
  await db.insert(areaNodes).values(row);
  return row;
}

export async function cityRoot(db: Db): Promise<AreaNode | null> {
  return (await db.select().from(areaNodes).where(isNull(areaNodes.parentId)))[0] ?? null;
}

export async function childrenOf(db: Db, nodeId: string): Promise<AreaNode[]> {
  return db.select().from(areaNodes).where(eq(areaNodes.parentId, nodeId)).orderBy(asc(areaNodes.name));
}

/** The ancestors of a node, root first (for breadcrumbs), from its materialised path. */
export async function ancestorsOf(db: Db, node: AreaNode): Promise<AreaNode[]> {
  const ids = node.path.split("/").filter(Boolean).slice(0, -1);
  if (!ids.length) return [];
  const rows = await db.select().from(areaNodes).where(sql`${areaNodes.id} in ${ids}`);
  return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
}

/** Counts of nodes by kind below a node. */
export async function countsBelow(db: Db, node: AreaNode): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: areaNodes.kind, n: sql<number>`count(*)::int` })
    .from(areaNodes)
    .where(and(withinPath(areaNodes.path, node.path), sql`${areaNodes.id} <> ${node.id}`))
    .groupBy(areaNodes.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Nodes a user may choose as a grant scope: every node inside `path`, up to `limit`, ordered by path. */
export async function nodesWithin(db: Db, paths: string[], limit = 500): Promise<AreaNode[]> {
  if (!paths.length) return [];
  const conds = paths.map((p) => withinPath(areaNodes.path, p));
  return db
    .select()
    .from(areaNodes)
    .where(sql.join(conds, sql` or `))
    .orderBy(asc(areaNodes.path))
    .limit(limit);
}
