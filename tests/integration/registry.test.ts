import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { ownerships, owners, units } from "~db/schema";
import { compoundRoll, compoundTotals } from "~/registry/roll.server";
import { groupVoters } from "~/registry/rules";
import { listCompounds } from "~/registry/list-compounds.server";
import { listUnits } from "~/registry/list-units.server";
import { CompoundListSchema, UnitListSchema } from "~/registry/schema";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const DAY = "2026-03-02";

describe("compound totals @registry", () => {
  it("counts voters by the one grouping: multi-unit owners once, co-owners once, the developer once", async () => {
    const t = await compoundTotals(h.db, "cp_wangjiang", DAY);
    const roll = await compoundRoll(h.db, "cp_wangjiang", DAY);
    expect(roll.length).toBe(1212); // 1,200 dwellings + 12 shops; 200 parking spaces not counted
    const g = groupVoters(roll);
    expect(t.voters).toBe(g.total.heads);
    expect(g.byKey.get("developer")!.units.length).toBe(24);
    // Independent count in SQL: distinct owner sets among non-developer units, plus one developer.
    const sets = await h.db.execute(sql`
      select count(distinct k)::int as n from (
        select string_agg(o.owner_id, '+' order by o.owner_id) as k
        from ${ownerships} o join ${units} u on u.id = o.unit_id
        where u.compound_id = 'cp_wangjiang' and u.kind <> 'parking' and not o.developer_unsold
        group by o.unit_id) s`);
    const n = Number(((sets as unknown as { rows?: { n: number }[] }).rows ?? (sets as unknown as { n: number }[]))[0].n);
    expect(t.voters).toBe(n + 1);
    expect(t.byKind.parking.units).toBe(200);
    expect(t.unowned).toBe(0);
    const area = await h.db
      .select({ a: sql<string>`sum(${units.areaCenti})::bigint` })
      .from(units)
      .where(and(eq(units.compoundId, "cp_wangjiang"), sql`${units.kind} <> 'parking'`));
    expect(t.votingArea).toBe(String(area[0].a));
  });

  it("an organisation owning many flats is one voter", async () => {
    const org = (await h.db.select().from(owners).where(and(eq(owners.compoundId, "cp_fangzhi"), eq(owners.kind, "organisation"))))[0];
    const g = groupVoters(await compoundRoll(h.db, "cp_fangzhi", DAY));
    expect(g.byKey.get(org.id)!.units.length).toBe(80);
  });

  it("a transfer ends one ownership and starts another: the roll follows the day", async () => {
    const unit = "unt_cp_hepingli2_5";
    const before = await compoundRoll(h.db, "cp_hepingli2", DAY);
    const old = before.find((e) => e.unit === unit)!;
    await h.db.update(ownerships).set({ validTo: "2026-04-01" }).where(eq(ownerships.unitId, unit));
    await h.db.insert(ownerships).values({ id: "osh_test_new", compoundId: "cp_hepingli2", unitId: unit, ownerId: "own_cp_hepingli2_1", validFrom: "2026-04-01", createdAt: new Date() });
    const march = (await compoundRoll(h.db, "cp_hepingli2", "2026-03-31")).find((e) => e.unit === unit)!;
    const april = (await compoundRoll(h.db, "cp_hepingli2", "2026-04-01")).find((e) => e.unit === unit)!;
    expect(march.owners).toEqual(old.owners);
    expect(april.owners).toEqual(["own_cp_hepingli2_1"]);
  });
});

describe("registry lists @registry", () => {
  it("lists the compounds of a street only, with sorting in SQL", async () => {
    const p = CompoundListSchema.parse({ sort: "units", dir: "desc" });
    const heping = await listCompounds(h.db, "/city_jiangan/dist_donghu/st_heping/", p, "2026-03-02");
    expect(heping.rows.map((r) => r.id)).toEqual(["cp_fangzhi", "cp_hepingli1", "cp_hepingli2", "cp_qingnian"]);
    expect(heping.total).toBe(4);
    // The model shown is the one in force that day, from each compound's history (the demo's governance data).
    expect(Object.fromEntries(heping.rows.map((r) => [r.id, r.model]))).toEqual({ cp_fangzhi: "self_governance", cp_hepingli1: "property_company", cp_hepingli2: "quasi_property", cp_qingnian: "none" });
    const quasi = await listCompounds(h.db, "/city_jiangan/", CompoundListSchema.parse({ model: "quasi_property" }), "2026-03-02");
    expect(quasi.rows.map((r) => r.id)).toEqual(["cp_hepingli2"]);
    expect((await listCompounds(h.db, "/city_jiangan/", CompoundListSchema.parse({ model: "quasi_property" }), "2023-12-31")).total).toBe(0);
    const city = await listCompounds(h.db, "/city_jiangan/", CompoundListSchema.parse({ q: "南苑" }), "2026-03-02");
    expect(city.rows.map((r) => r.name).sort()).toEqual(["南苑二期", "南苑小区"]);
  });

  it("lists a compound's units with owners, filtered by kind and owner name", async () => {
    const shops = await listUnits(h.db, "cp_hepingli1", DAY, UnitListSchema.parse({ kind: "shop" }));
    expect(shops.total).toBe(4);
    const zhang = await listUnits(h.db, "cp_hepingli1", DAY, UnitListSchema.parse({ q: "张桂兰" }));
    expect(zhang.total).toBe(2);
    expect(zhang.rows.every((r) => r.owners?.includes("张桂兰"))).toBe(true);
    const all = await listUnits(h.db, "cp_hepingli1", DAY, UnitListSchema.parse({ size: "100", sort: "area", dir: "desc" }));
    expect(all.rows.length).toBe(100);
    for (let i = 1; i < all.rows.length; i++) expect(all.rows[i - 1].area).toBeGreaterThanOrEqual(all.rows[i].area);
  });
});
