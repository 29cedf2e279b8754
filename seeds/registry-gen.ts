import type { Db } from "~db/client.server";
import { buildings, compounds, owners, ownerships, units } from "~db/schema";

/**
 * Deterministic registry generator: the demo city uses it with hand-written specs, the city-scale generator
 * with generated ones. Pure data first (generateCompound), then chunked inserts (insertRegistry).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = ["建国", "秀英", "桂兰", "志强", "淑珍", "玉兰", "德明", "海燕", "丽华", "永刚", "文斌", "春梅", "凤英", "国华", "小红", "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "霞", "平", "刚", "桂英", "玉珍", "建华", "红梅", "金凤", "宝山", "荣", "琳", "慧"];

export function personName(rnd: () => number): string {
  return SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)];
}

export type CompoundSpec = {
  id: string;
  address: string;
  yearBuilt: number;
  /** Dwellings in all; spread over buildings of `perBuilding` dwellings. */
  dwellings: number;
  perBuilding?: number;
  shops?: number;
  parking?: number;
  /** The developer's unsold or undelivered dwellings (the last ones). */
  developerUnsold?: number;
  /** A former work unit owning this many dwellings (public housing never sold). */
  organisation?: { name: string; units: number };
  /** Every n-th dwelling is co-owned by a couple. */
  coOwnedEvery?: number;
  /** Every n-th owner also owns the next dwelling. */
  multiUnitEvery?: number;
};

export type RegistryData = {
  compound: typeof compounds.$inferInsert;
  buildings: (typeof buildings.$inferInsert)[];
  units: (typeof units.$inferInsert)[];
  owners: (typeof owners.$inferInsert)[];
  ownerships: (typeof ownerships.$inferInsert)[];
};

export function generateCompound(spec: CompoundSpec, now: Date): RegistryData {
  const rnd = mulberry32(seedOf(spec.id));
  const per = spec.perBuilding ?? 36;
  const cp = spec.id;
  const data: RegistryData = {
    compound: { id: cp, address: spec.address, yearBuilt: spec.yearBuilt, households: spec.dwellings, managementModel: "none", createdAt: now },
    buildings: [],
    units: [],
    owners: [],
    ownerships: [],
  };
  const nBuildings = Math.max(1, Math.ceil(spec.dwellings / per));
  for (let b = 1; b <= nBuildings; b++) data.buildings.push({ id: `bld_${cp}_${b}`, compoundId: cp, name: `${b}号楼`, floors: 6, createdAt: now });
  const since = `${spec.yearBuilt + 2}-01-01`;
  const dwellingIds: string[] = [];
  for (let i = 0; i < spec.dwellings; i++) {
    const b = Math.floor(i / per) + 1;
    const k = i % per;
    const entrance = Math.floor(k / 12) + 1;
    const floor = Math.floor((k % 12) / 2) + 1;
    const room = (k % 2) + 1;
    const id = `unt_${cp}_${i + 1}`;
    // 45.00–95.99 m², two decimals, as surveyed on old titles.
    const area = 4500 + Math.floor(rnd() * 5100);
    data.units.push({
      id,
      compoundId: cp,
      buildingId: `bld_${cp}_${b}`,
      number: `${entrance}单元${floor}0${room}`,
      kind: "dwelling",
      areaCenti: area,
      areaSource: rnd() < 0.85 ? "register" : rnd() < 0.5 ? "survey" : "contract",
      certificateNo: `江房权证字第${String(seedOf(id) % 10_000_000).padStart(7, "0")}号`,
      createdAt: now,
    });
    dwellingIds.push(id);
  }
  const firstBuilding = `bld_${cp}_1`;
  for (let i = 0; i < (spec.shops ?? 0); i++) {
    data.units.push({ id: `unt_${cp}_s${i + 1}`, compoundId: cp, buildingId: firstBuilding, number: `商铺${i + 1}`, kind: "shop", areaCenti: 2000 + Math.floor(rnd() * 6000), areaSource: "register", createdAt: now });
  }
  for (let i = 0; i < (spec.parking ?? 0); i++) {
    data.units.push({ id: `unt_${cp}_p${i + 1}`, compoundId: cp, buildingId: firstBuilding, number: `车位${i + 1}`, kind: "parking", areaCenti: 1250, areaSource: "contract", createdAt: now });
  }

  let ownerN = 0;
  let shipN = 0;
  const newOwner = (kind: "person" | "organisation", name: string) => {
    const id = `own_${cp}_${++ownerN}`;
    data.owners.push({ id, compoundId: cp, kind, name, phone: kind === "person" ? `139${String(seedOf(id) % 100_000_000).padStart(8, "0")}` : null, createdAt: now });
    return id;
  };
  const own = (unitId: string, ownerId: string | null, extra: Partial<typeof ownerships.$inferInsert> = {}) =>
    data.ownerships.push({ id: `osh_${cp}_${++shipN}`, compoundId: cp, unitId, ownerId, developerUnsold: ownerId === null, validFrom: since, createdAt: now, ...extra });

  const unsold = spec.developerUnsold ?? 0;
  const orgUnits = spec.organisation?.units ?? 0;
  const org = spec.organisation ? newOwner("organisation", spec.organisation.name) : null;
  const sellable = dwellingIds.length - unsold;
  for (let i = 0; i < dwellingIds.length; i++) {
    const unitId = dwellingIds[i];
    if (i >= sellable) {
      own(unitId, null);
      continue;
    }
    if (org && i < orgUnits) {
      own(unitId, org);
      continue;
    }
    if (spec.coOwnedEvery && i % spec.coOwnedEvery === 3) {
      const a = newOwner("person", personName(rnd));
      const b = newOwner("person", personName(rnd));
      own(unitId, a, { nominatedVoter: true });
      own(unitId, b);
      continue;
    }
    const o = newOwner("person", personName(rnd));
    own(unitId, o);
    if (spec.multiUnitEvery && i % spec.multiUnitEvery === 5 && i + 1 < sellable) {
      own(dwellingIds[++i], o);
    }
  }
  // Shops and parking: shops to their own owners, parking spaces to dwelling owners.
  const shopAndParking = data.units.filter((u) => u.kind !== "dwelling");
  const personOwners = data.owners.filter((o) => o.kind === "person");
  for (const u of shopAndParking) {
    if (u.kind === "shop") own(u.id, newOwner("person", personName(rnd)));
    else own(u.id, personOwners[Math.floor(rnd() * personOwners.length)]?.id ?? null);
  }
  return data;
}

async function chunked<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

export async function insertRegistry(db: Db, data: RegistryData): Promise<void> {
  await db.insert(compounds).values(data.compound);
  await chunked(data.buildings, 500, (c) => db.insert(buildings).values(c));
  await chunked(data.units, 500, (c) => db.insert(units).values(c));
  await chunked(data.owners, 500, (c) => db.insert(owners).values(c));
  await chunked(data.ownerships, 500, (c) => db.insert(ownerships).values(c));
}
