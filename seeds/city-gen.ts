import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "~db/client.server";
import { rowsOf } from "~db/client.server";
import { areaNodes, buildings, compounds, owners, ownerships, units } from "~db/schema";
import type { AreaKind } from "~/platform/area.server";
import { generateCompound, insertRegistry, mulberry32, seedOf, type CompoundSpec, type RegistryData } from "./registry-gen";

/**
 * The city-scale registry (design.md "Scale to plan for"): a fictional city of 1,357 compounds and 231,300
 * dwellings — the figures of the city report — in 6 districts, 40 streets and 200 communities. Everything is
 * derived from fixed seeds, so every run produces the same ids and values. `planCity()` is pure data;
 * `seedCity()` inserts it in committed batches (memory stays flat, progress can be shown).
 */
export const CITY_SCALE = { districts: 6, streets: 40, communities: 200, compounds: 1357, dwellings: 231_300 } as const;
export const CITY_ID = "cty_1";
export const CITY_NAME = "江州市";
/** Creation time of every seeded row: fixed, so two runs give identical rows. */
export const CITY_SEED_TIME = new Date("2025-01-01T00:00:00+08:00");
const MIN_DWELLINGS = 40;
const MAX_DWELLINGS = 1200;

export type CityNode = { id: string; kind: AreaKind; parentId: string | null; name: string; path: string; depth: number };
export type CityPlan = {
  /** Parents before children (city, districts, streets, communities, compounds), with path and depth. */
  nodes: CityNode[];
  /** One spec per compound, in id order (cmp_0001 …). */
  specs: CompoundSpec[];
};

const DISTRICTS = ["东湖区", "西山区", "南江区", "北塘区", "江滨区", "新城区"];
const STREET_WORDS = [
  "和平", "解放", "人民", "建设", "胜利", "光明", "朝阳", "红旗", "文化", "工农", "中山", "长江", "滨江", "青年", "幸福",
  "民主", "团结", "东风", "向阳", "前进", "新华", "五一", "育才", "花园", "桃源", "松林", "柳园", "梅岭", "桂花", "丰收",
  "友谊", "振兴", "兴业", "南门", "北门", "西关", "东关", "江湾", "金沙", "石桥", "银杏", "望江", "翠屏", "龙泉", "凤凰",
];
const COMMUNITY_A = ["东", "西", "南", "北", "中", "新", "老", "上", "下", "前", "后", "大", "小", "金", "银", "红", "绿", "青", "白", "玉"];
const COMMUNITY_B = ["门", "桥", "街", "湖", "山", "塘", "坪", "岗", "湾", "园", "井", "坊", "苑", "营", "巷", "岭", "洲", "滩", "口", "村"];
const PLACE_WORDS = [
  "和平里", "解放", "建设", "光华", "朝晖", "红星", "文苑", "工人", "东升", "西苑", "南湖", "北辰", "长青", "滨河", "青松",
  "幸福", "民安", "团结", "东风", "向阳", "前进", "新华", "五一", "育英", "花溪", "桃李", "松柏", "柳岸", "梅园", "桂苑",
  "友谊", "振华", "兴隆", "安居", "康乐", "永安", "福寿", "春晖", "秋实", "晨光", "金桥", "银河", "望湖", "翠竹", "龙腾",
  "凤鸣", "锦绣", "丽景", "怡景", "和园", "嘉禾", "瑞丰", "泰和", "祥和", "宏达", "荣华", "平安", "吉庆", "顺城", "宝塔",
];
const COMPOUND_SUFFIX = ["小区", "新村", "花园", "公寓", "苑", "里", "新苑", "家园", "小区", "新村"];
const ORG_NAMES = [
  "第一纺织厂", "第二纺织厂", "第三棉纺厂", "机床厂", "拖拉机厂", "钢铁厂", "化肥厂", "自行车厂", "无线电厂", "印染厂",
  "粮食局", "供电局", "水利局", "交通局", "邮电局", "商业局", "建筑公司", "运输公司", "食品公司", "百货公司",
  "第一中学", "人民医院", "师范学校", "农机厂", "造纸厂", "玻璃厂", "水泥厂", "制药厂", "卷烟厂", "啤酒厂",
];
const ROAD_KIND = ["路", "街", "大道", "巷"];
const CN_ORDINAL = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Split `total` into `parts` integers of at least `min`, proportional to random weights (largest remainders). */
function split(total: number, parts: number, min: number, rnd: () => number, spread = 1): number[] {
  const free = total - parts * min;
  if (free < 0) throw new Error(`cannot split ${total} into ${parts} parts of at least ${min}`);
  const w = Array.from({ length: parts }, () => 1 + spread * rnd());
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (free * x) / sum);
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % parts][1]]++;
  return out;
}

/** Standard normal from two uniforms (Box–Muller). */
function normal(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * Dwellings per compound: log-normal (many small compounds, a few large estates), clamped to 40…1,200, then
 * adjusted so that they add up to exactly `total`. The smallest is 40 and the largest 1,200.
 */
export function dwellingSizes(n: number, total: number, rnd: () => number): number[] {
  const clamp = (x: number) => Math.min(MAX_DWELLINGS, Math.max(MIN_DWELLINGS, Math.round(x)));
  let sizes = Array.from({ length: n }, () => clamp(Math.exp(4.85 + 0.72 * normal(rnd))));
  for (let round = 0; round < 8; round++) {
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum === total) break;
    const f = total / sum;
    sizes = sizes.map((s) => clamp(s * f));
  }
  // Make the range exactly 40…1,200, then settle the last few dwellings one by one, in a fixed order.
  let iMax = 0;
  let iMin = 0;
  sizes.forEach((s, i) => {
    if (s > sizes[iMax]) iMax = i;
    if (s < sizes[iMin]) iMin = i;
  });
  sizes[iMax] = MAX_DWELLINGS;
  sizes[iMin] = MIN_DWELLINGS;
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % n) {
    if (i === iMax || i === iMin) continue;
    const step = diff > 0 ? 1 : -1;
    const next = sizes[i] + step;
    if (next < MIN_DWELLINGS + 1 || next > MAX_DWELLINGS - 1) continue;
    sizes[i] = next;
    diff -= step;
  }
  return sizes;
}

/** The whole city as data: tree nodes with materialised paths, and one registry spec per compound. */
export function planCity(): CityPlan {
  const rnd = mulberry32(seedOf("gongzhi-city-v1"));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const nodes: CityNode[] = [];
  const add = (id: string, kind: AreaKind, parent: CityNode | null, name: string): CityNode => {
    const node: CityNode = {
      id,
      kind,
      parentId: parent?.id ?? null,
      name,
      // As createAreaNode computes them (app/platform/area.server.ts).
      path: parent ? `${parent.path}${id}/` : `/${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    };
    nodes.push(node);
    return node;
  };
  const city = add(CITY_ID, "city", null, CITY_NAME);

  const streetsPer = split(CITY_SCALE.streets, CITY_SCALE.districts, 5, rnd);
  const communitiesPer = split(CITY_SCALE.communities, CITY_SCALE.streets, 3, rnd);
  const compoundsPer = split(CITY_SCALE.compounds, CITY_SCALE.communities, 2, rnd, 2);
  const sizes = dwellingSizes(CITY_SCALE.compounds, CITY_SCALE.dwellings, rnd);

  const streetWords = [...STREET_WORDS];
  const usedCommunity = new Set<string>();
  const usedCompound = new Map<string, number>();
  const specs: CompoundSpec[] = [];
  let streetN = 0;
  let communityN = 0;
  let compoundN = 0;
  for (let d = 0; d < CITY_SCALE.districts; d++) {
    const dd = String(d + 1).padStart(2, "0");
    const district = add(`dst_${dd}`, "district", city, DISTRICTS[d]);
    for (let s = 0; s < streetsPer[d]; s++) {
      const ss = String(s + 1).padStart(2, "0");
      const word = streetWords.splice(Math.floor(rnd() * streetWords.length), 1)[0];
      const street = add(`str_${dd}_${ss}`, "street", district, `${word}街道`);
      const roads = [`${word}${pick(ROAD_KIND)}`, `${pick(PLACE_WORDS).slice(0, 2)}${pick(ROAD_KIND)}`];
      for (let c = 0; c < communitiesPer[streetN]; c++) {
        const cc = String(c + 1).padStart(2, "0");
        let cname: string;
        do cname = `${pick(COMMUNITY_A)}${pick(COMMUNITY_B)}社区`;
        while (usedCommunity.has(cname) && usedCommunity.size < COMMUNITY_A.length * COMMUNITY_B.length);
        usedCommunity.add(cname);
        const community = add(`com_${dd}_${ss}_${cc}`, "community", street, cname);
        for (let k = 0; k < compoundsPer[communityN]; k++) {
          const dwellings = sizes[compoundN];
          const id = `cmp_${String(++compoundN).padStart(4, "0")}`;
          const spec = compoundSpec(id, dwellings, rnd);
          spec.address = `${DISTRICTS[d]}${pick(roads)}${1 + Math.floor(rnd() * 300)}号`;
          let name = spec.organisation ? `${spec.organisation.name.replace(CITY_NAME, "")}${pick(["宿舍", "家属院", "生活区"])}` : `${pick(PLACE_WORDS)}${pick(COMPOUND_SUFFIX)}`;
          const seen = usedCompound.get(name) ?? 0;
          usedCompound.set(name, seen + 1);
          if (seen > 0) name = seen + 1 <= 10 ? `${name}${CN_ORDINAL[seen + 1]}期` : `${name}${seen + 1}期`;
          add(id, "compound", community, name);
          specs.push(spec);
        }
        communityN++;
      }
      streetN++;
    }
  }
  return { nodes, specs };
}

/** Registry details of one compound, in realistic proportions for pre-2000 housing. */
function compoundSpec(id: string, dwellings: number, rnd: () => number): CompoundSpec {
  // Most of the stock was built 1985–1998; a few older work-unit estates.
  const yearBuilt = Math.min(1999, Math.max(1975, Math.round(1992 + 5 * normal(rnd))));
  const perBuilding = dwellings < 80 ? [12, 18, 24][Math.floor(rnd() * 3)] : [24, 36, 36, 48][Math.floor(rnd() * 4)];
  const spec: CompoundSpec = { id, address: "", yearBuilt, dwellings, perBuilding };
  // About one compound in nine is former work-unit housing where the unit still owns part of the flats.
  if (yearBuilt <= 1994 && rnd() < 0.14) {
    const share = 0.05 + rnd() * 0.35;
    spec.organisation = { name: `${CITY_NAME}${ORG_NAMES[Math.floor(rnd() * ORG_NAMES.length)]}`, units: Math.max(1, Math.floor(dwellings * share)) };
  }
  // Commercial housing of the 1990s: the developer sometimes still holds a few unsold or undelivered flats.
  if (yearBuilt >= 1993 && !spec.organisation && rnd() < 0.3) {
    spec.developerUnsold = Math.max(1, Math.round(dwellings * (0.005 + rnd() * 0.03)));
  }
  // Married couples on one title: from one flat in three to one in twelve.
  spec.coOwnedEvery = [3, 4, 5, 6, 8, 12][Math.floor(rnd() * 6)];
  // Owners of a second flat in the same compound (often the one next door).
  if (rnd() < 0.7) spec.multiUnitEvery = [12, 20, 30, 50][Math.floor(rnd() * 4)];
  return spec;
}

/** Insert tree nodes (parents first) in chunks; path and depth as createAreaNode computes them. */
export async function insertAreaNodes(db: Db, nodes: CityNode[], now: Date, chunk = 500): Promise<void> {
  for (let i = 0; i < nodes.length; i += chunk) {
    await db.insert(areaNodes).values(nodes.slice(i, i + chunk).map((n) => ({ ...n, createdAt: now })));
  }
}

/** Several compounds' rows as one RegistryData-shaped batch, so each table gets few, large INSERTs. */
function mergeBatch(datas: RegistryData[]): { compounds: RegistryData["compound"][] } & Omit<RegistryData, "compound"> {
  return {
    compounds: datas.map((d) => d.compound),
    buildings: datas.flatMap((d) => d.buildings),
    units: datas.flatMap((d) => d.units),
    owners: datas.flatMap((d) => d.owners),
    ownerships: datas.flatMap((d) => d.ownerships),
  };
}

export type CityProgress = { compounds: number; totalCompounds: number; units: number; ms: number };

export type SeedCityOptions = {
  now?: Date;
  /** Compounds per committed transaction. */
  batch?: number;
  /** Seed only these compounds (and the tree nodes above them): for tests. */
  only?: (spec: CompoundSpec) => boolean;
  onProgress?: (p: CityProgress) => void;
  /** Use insertRegistry compound by compound instead of the merged batch inserts (slower; same rows). */
  perCompound?: boolean;
};

/**
 * Insert the city: the tree in one transaction, then the registry in transactions of `batch` compounds.
 * The database must not have the city yet (ids are fixed). Returns the compounds and units inserted.
 */
export async function seedCity(db: Db, opts: SeedCityOptions = {}): Promise<{ compounds: number; units: number; ms: number }> {
  const t0 = Date.now();
  const now = opts.now ?? CITY_SEED_TIME;
  const plan = planCity();
  const specs = opts.only ? plan.specs.filter(opts.only) : plan.specs;
  let nodes = plan.nodes;
  if (opts.only) {
    const keep = new Set(specs.map((s) => s.id));
    const byId = new Map(plan.nodes.map((n) => [n.id, n]));
    for (const s of specs) for (let p = byId.get(s.id)?.parentId; p; p = byId.get(p)?.parentId ?? null) keep.add(p);
    nodes = plan.nodes.filter((n) => keep.has(n.id));
  }
  await db.transaction((tx) => insertAreaNodes(tx, nodes, now));
  const batch = Math.max(1, opts.batch ?? 20);
  let done = 0;
  let units = 0;
  opts.onProgress?.({ compounds: 0, totalCompounds: specs.length, units: 0, ms: Date.now() - t0 });
  for (let i = 0; i < specs.length; i += batch) {
    const datas = specs.slice(i, i + batch).map((s) => generateCompound(s, now));
    await db.transaction(async (tx) => {
      if (opts.perCompound) {
        for (const d of datas) await insertRegistry(tx, d);
        return;
      }
      await insertMerged(tx, mergeBatch(datas));
    });
    done += datas.length;
    units += datas.reduce((a, d) => a + d.units.length, 0);
    opts.onProgress?.({ compounds: done, totalCompounds: specs.length, units, ms: Date.now() - t0 });
  }
  // Fresh statistics after a bulk load, so the first queries get good plans (PGlite has no autovacuum).
  await db.execute(sql`analyze`);
  return { compounds: done, units, ms: Date.now() - t0 };
}

async function insertMerged(db: Db, m: ReturnType<typeof mergeBatch>): Promise<void> {
  await insertColumnar(db, compounds, m.compounds);
  await insertColumnar(db, buildings, m.buildings);
  await insertColumnar(db, units, m.units);
  await insertColumnar(db, owners, m.owners);
  await insertColumnar(db, ownerships, m.ownerships);
}

/**
 * INSERT … SELECT FROM unnest($1::text[], $2::integer[], …): one array parameter per column instead of one
 * parameter per value, which is several times faster to build, send and parse than a multi-row VALUES list.
 * Values go through each column's own driver mapping (dates, timestamps); a value left out of a row gets the
 * column's static default, else NULL — as drizzle's insert would.
 */
/** A PostgreSQL array literal ({"a","b",NULL}): both drivers pass it as one text parameter. */
function arrayLiteral(values: unknown[]): string {
  const parts = values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/[\\"]/g, (c) => "\\" + c)}"`));
  return `{${parts.join(",")}}`;
}

export async function insertColumnar<T extends PgTable>(db: Db, table: T, rows: T["$inferInsert"][], chunk = 5000): Promise<void> {
  if (!rows.length) return;
  const cols = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk) as Record<string, unknown>[];
    const arrays: SQL[] = cols.map(([key, col]) => {
      const values = part.map((r) => {
        let v = r[key];
        if (v === undefined) v = col.hasDefault && col.default !== undefined && !(col.default instanceof Object) ? col.default : null;
        return v === null ? null : col.mapToDriverValue(v);
      });
      return sql`${arrayLiteral(values)}::${sql.raw(col.getSQLType())}[]`;
    });
    const names = sql.raw(cols.map(([, col]) => `"${col.name}"`).join(", "));
    await db.execute(sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}

export const CITY_TABLES = ["area_nodes", "compounds", "buildings", "units", "owners", "ownerships"] as const;

/** Row counts of the registry tables (exact, count(*)). */
export async function cityRowCounts(db: Db): Promise<Record<(typeof CITY_TABLES)[number], number>> {
  const parts = CITY_TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ");
  const row = rowsOf<Record<string, number>>(await db.execute(sql.raw(`select ${parts}`)))[0];
  return Object.fromEntries(CITY_TABLES.map((t) => [t, Number(row[t])])) as Record<(typeof CITY_TABLES)[number], number>;
}

/** A text progress bar: "[#####     ] 612/1357 compounds 104,000 units 12.3 s". */
export function progressBar(p: CityProgress, width = 30): string {
  const filled = p.totalCompounds ? Math.round((p.compounds / p.totalCompounds) * width) : width;
  return `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${p.compounds}/${p.totalCompounds} compounds ${p.units.toLocaleString("en-US")} units ${(p.ms / 1000).toFixed(1)} s`;
}
