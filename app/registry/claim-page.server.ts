import { and, asc, eq, sql } from "drizzle-orm";
import { containsText } from "~/platform/area.server";
import type { Db } from "~db/client.server";
import { areaNodes, buildings } from "~db/schema";
import { listNotices } from "~/notices/notices.server";
import { myClaims } from "./claims.server";

/** What /claims shows a signed-up person: their claims, compounds to choose from, and the public notices of
 *  the compounds they have claimed in (all they see until a claim is verified). */
export async function loadClaimPage(db: Db, userId: string, q: string | undefined, compoundId: string | undefined, now: Date) {
  const claims = await myClaims(db, userId);
  const compounds = q
    ? await db
        .select({ id: areaNodes.id, name: areaNodes.name })
        .from(areaNodes)
        .where(and(eq(areaNodes.kind, "compound"), containsText(areaNodes.name, q)))
        .orderBy(asc(areaNodes.name))
        .limit(20)
    : [];
  const chosen = compoundId
    ? (await db.select({ id: areaNodes.id, name: areaNodes.name }).from(areaNodes).where(and(eq(areaNodes.id, compoundId), eq(areaNodes.kind, "compound"))))[0] ?? null
    : null;
  const bs = chosen
    ? await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.compoundId, chosen.id)).orderBy(sql`length(${buildings.name})`, asc(buildings.name))
    : [];
  const pendingCompounds = [...new Map(claims.filter((c) => c.status !== "rejected").map((c) => [c.compoundId, c.compound])).entries()];
  const notices = await Promise.all(
    pendingCompounds.map(async ([id, name]) => ({ compoundId: id, compound: name, items: (await listNotices(db, id, now, { staff: false, limit: 10 })).map((n) => ({ id: n.id, title: n.title, publishAt: n.publishAt.toISOString() })) })),
  );
  return {
    claims: claims.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    compounds,
    chosen,
    buildings: bs,
    notices,
  };
}
