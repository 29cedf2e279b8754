import { describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { areaNodes, owners, ownerships, units } from "~db/schema";
import { createAreaNode } from "~/platform/area.server";
import { listCompounds } from "~/registry/list-compounds.server";
import { CompoundListSchema } from "~/registry/schema";
import { CITY_ID, CITY_SCALE, CITY_SEED_TIME, planCity, progressBar, seedCity } from "~seeds/city-gen";
import { generateCompound } from "~seeds/registry-gen";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

describe("city-scale generator @registry", () => {
  const plan = planCity();

  it("plans the city of the report: 1,357 compounds and exactly 231,300 dwellings, 40 to 1,200 each", () => {
    const byKind = (k: string) => plan.nodes.filter((n) => n.kind === k).length;
    expect([byKind("city"), byKind("district"), byKind("street"), byKind("community"), byKind("compound")]).toEqual([
      1,
      CITY_SCALE.districts,
      CITY_SCALE.streets,
      CITY_SCALE.communities,
      CITY_SCALE.compounds,
    ]);
    expect(plan.specs.length).toBe(1357);
    expect(plan.specs.reduce((a, s) => a + s.dwellings, 0)).toBe(231_300);
    const sizes = plan.specs.map((s) => s.dwellings);
    expect(Math.min(...sizes)).toBe(40);
    expect(Math.max(...sizes)).toBe(1200);
    expect(plan.specs[0].id).toBe("cmp_0001");
    expect(plan.specs.at(-1)!.id).toBe("cmp_1357");
    expect(new Set(plan.nodes.map((n) => n.id)).size).toBe(plan.nodes.length);
  });

  it("is deterministic and computes path and depth as createAreaNode does", () => {
    expect(planCity()).toEqual(plan);
    const byId = new Map(plan.nodes.map((n) => [n.id, n]));
    expect(plan.nodes[0]).toMatchObject({ id: CITY_ID, kind: "city", parentId: null, path: `/${CITY_ID}/`, depth: 0 });
    for (const n of plan.nodes.slice(1)) {
      const parent = byId.get(n.parentId!)!;
      expect(plan.nodes.indexOf(parent)).toBeLessThan(plan.nodes.indexOf(n));
      expect(n.path).toBe(`${parent.path}${n.id}/`);
      expect(n.depth).toBe(parent.depth + 1);
    }
  });

  it("generates owners in realistic proportions: co-owners, second flats, work units, developers' unsold flats", () => {
    let unitsN = 0;
    let coOwned = 0;
    let org = 0;
    let unsold = 0;
    let multi = 0;
    for (const spec of plan.specs) {
      const d = generateCompound(spec, CITY_SEED_TIME);
      unitsN += d.units.length;
      const perUnit = new Map<string, number>();
      const perOwner = new Map<string, number>();
      for (const s of d.ownerships) {
        perUnit.set(s.unitId, (perUnit.get(s.unitId) ?? 0) + 1);
        if (s.ownerId) perOwner.set(s.ownerId, (perOwner.get(s.ownerId) ?? 0) + 1);
        else unsold++;
      }
      coOwned += [...perUnit.values()].filter((n) => n > 1).length;
      const orgIds = new Set(d.owners.filter((o) => o.kind === "organisation").map((o) => o.id));
      org += [...perOwner].filter(([id]) => orgIds.has(id)).reduce((a, [, n]) => a + n, 0);
      multi += [...perOwner].filter(([id, n]) => !orgIds.has(id) && n > 1).length;
      expect(perUnit.size).toBe(spec.dwellings);
    }
    expect(unitsN).toBe(231_300);
    const share = (n: number) => n / unitsN;
    expect(share(coOwned)).toBeGreaterThan(0.08);
    expect(share(coOwned)).toBeLessThan(0.3);
    expect(share(multi)).toBeGreaterThan(0.01);
    expect(share(multi)).toBeLessThan(0.08);
    expect(share(org)).toBeGreaterThan(0.005);
    expect(share(org)).toBeLessThan(0.05);
    expect(share(unsold)).toBeGreaterThan(0.0005);
    expect(share(unsold)).toBeLessThan(0.01);
  });

  it("draws a progress bar", () => {
    expect(progressBar({ compounds: 612, totalCompounds: 1357, units: 104_000, ms: 12_340 }, 10)).toBe(
      "[#####     ] 612/1357 compounds 104,000 units 12.3 s",
    );
  });

  it("inserts a subset with its tree, the same rows as the generator's, listed by the street's compound table", async () => {
    const community = plan.nodes.find((n) => n.kind === "community")!;
    const mine = plan.nodes.filter((n) => n.parentId === community.id).map((n) => n.id);
    const progress: number[] = [];
    const r = await seedCity(h.db, { only: (s) => mine.includes(s.id), batch: 2, onProgress: (p) => progress.push(p.compounds) });
    expect(r.compounds).toBe(mine.length);
    expect(progress.at(-1)).toBe(mine.length);
    const specs = plan.specs.filter((s) => mine.includes(s.id));
    expect(r.units).toBe(specs.reduce((a, s) => a + s.dwellings, 0));

    // The tree above the subset, as planned; a node added the ordinary way fits under it.
    const stored = await h.db.select().from(areaNodes).where(inArray(areaNodes.id, [CITY_ID, community.parentId!, community.id, ...mine]));
    expect(stored.length).toBe(3 + mine.length);
    for (const n of stored) expect(n).toMatchObject(plan.nodes.find((p) => p.id === n.id)!);
    const added = await createAreaNode(h.db, { id: "cmp_test", kind: "compound", parentId: community.id, name: "测试小区" }, CITY_SEED_TIME);
    expect(added.path).toBe(`${community.path}cmp_test/`);

    // Exactly the rows generateCompound makes (the batch insert maps values as drizzle's insert does).
    const spec = specs[0];
    const d = generateCompound(spec, CITY_SEED_TIME);
    const u = await h.db.select().from(units).where(eq(units.compoundId, spec.id)).orderBy(asc(units.id));
    expect(u).toEqual([...d.units].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => ({ certificateNo: null, ...x })));
    const o = await h.db.select().from(owners).where(eq(owners.compoundId, spec.id));
    expect(o.length).toBe(d.owners.length);
    const s = await h.db.select().from(ownerships).where(eq(ownerships.compoundId, spec.id));
    expect(s.length).toBe(d.ownerships.length);
    expect(s.filter((x) => x.nominatedVoter).length).toBe(d.ownerships.filter((x) => x.nominatedVoter).length);
    expect(s.every((x) => x.validTo === null && x.validFrom === `${spec.yearBuilt + 2}-01-01`)).toBe(true);

    const street = plan.nodes.find((n) => n.id === community.parentId)!;
    const list = await listCompounds(h.db, street.path, CompoundListSchema.parse({ sort: "units", dir: "desc", size: "100" }), "2026-03-02");
    const expected = [...specs].sort((a, b) => b.dwellings - a.dwellings || (a.id < b.id ? -1 : 1));
    expect(list.rows.filter((x) => x.id !== "cmp_test").map((x) => [x.id, x.units])).toEqual(expected.map((x) => [x.id, x.dwellings]));
  });
});
