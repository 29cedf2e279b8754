import type { Db } from "~db/client.server";
import { partyOrgNodes, partyOrgs, residents } from "~db/schema";
import { generateCompound, insertRegistry, type CompoundSpec, type RegistryData } from "./registry-gen";

/** The demo city's 12 compounds, 60 to 1,200 dwellings each (5,310 in all). */
export const DEMO_COMPOUNDS: CompoundSpec[] = [
  { id: "cp_hepingli1", address: "东湖区和平路 12 号", yearBuilt: 1990, dwellings: 180, shops: 4, parking: 20, coOwnedEvery: 10, multiUnitEvery: 15 },
  { id: "cp_hepingli2", address: "东湖区和平路 36 号", yearBuilt: 1988, dwellings: 120, coOwnedEvery: 12 },
  { id: "cp_fangzhi", address: "东湖区青年路 5 号", yearBuilt: 1985, dwellings: 300, organisation: { name: "江安市第二纺织厂", units: 80 }, coOwnedEvery: 14 },
  { id: "cp_qingnian", address: "东湖区青年路 48 号", yearBuilt: 1996, dwellings: 60, perBuilding: 30 },
  { id: "cp_wangjiang", address: "东湖区滨江大道 200 号", yearBuilt: 1998, dwellings: 1200, perBuilding: 48, shops: 12, parking: 200, developerUnsold: 24, coOwnedEvery: 9, multiUnitEvery: 20 },
  { id: "cp_yuanlin", address: "东湖区园林路 18 号", yearBuilt: 1993, dwellings: 480, coOwnedEvery: 11 },
  { id: "cp_gongren", address: "西山区矿山路 1 号", yearBuilt: 1986, dwellings: 360, organisation: { name: "西山矿务局", units: 120 } },
  { id: "cp_xinhua", address: "西山区新华街 77 号", yearBuilt: 1992, dwellings: 240, coOwnedEvery: 10 },
  { id: "cp_xinhua2", address: "西山区新华街 99 号", yearBuilt: 1995, dwellings: 90, perBuilding: 30 },
  { id: "cp_songlin", address: "西山区松林路 66 号", yearBuilt: 1999, dwellings: 600, developerUnsold: 10, coOwnedEvery: 10, multiUnitEvery: 25 },
  { id: "cp_nanyuan", address: "西山区南苑路 3 号", yearBuilt: 1997, dwellings: 720, perBuilding: 48, coOwnedEvery: 13 },
  { id: "cp_nanyuan2", address: "西山区南苑路 9 号", yearBuilt: 1999, dwellings: 960, perBuilding: 48, developerUnsold: 30, parking: 120 },
];

/** Demo accounts that are also owners or residents of a unit (ids from seeds/demo.ts). */
function linkDemoPeople(cp: string, d: RegistryData) {
  const singleOwner = (skip = 0) => {
    const counts = new Map<string, number>();
    for (const s of d.ownerships) if (s.ownerId) counts.set(s.ownerId, (counts.get(s.ownerId) ?? 0) + 1);
    return d.owners.filter((o) => o.kind === "person" && counts.get(o.id) === 1)[skip];
  };
  const link = (o: (typeof d.owners)[number] | undefined, name: string, userId: string, phone: string) => {
    if (!o) return;
    o.name = name;
    o.userId = userId;
    o.phone = phone;
  };
  if (cp === "cp_hepingli1") {
    // 张桂兰 owns two flats; 陈德明 (committee member) one.
    const counts = new Map<string, number>();
    for (const s of d.ownerships) if (s.ownerId) counts.set(s.ownerId, (counts.get(s.ownerId) ?? 0) + 1);
    const multi = d.owners.find((o) => o.kind === "person" && (counts.get(o.id) ?? 0) >= 2);
    link(multi, "张桂兰", "usr_demo08", "13800000008");
    link(singleOwner(0), "陈德明", "usr_demo06", "13800000006");
  }
  if (cp === "cp_hepingli2") {
    link(singleOwner(0), "孙丽", "usr_demo05", "13800000005");
    // 马文华, a candidate for the owners' committee (seeds/demo-elections.ts).
    link(singleOwner(1), "马文华", "usr_demo16", "13800000016");
  }
  if (cp === "cp_songlin") {
    link(singleOwner(0), "郑海燕", "usr_demo10", "13800000010");
    // 冯建华, a member of the owners' committee (seeds/demo-governance.ts).
    link(singleOwner(1), "冯建华", "usr_demo18", "13800000018");
  }
}

const PARTY_ORGS: { id: string; kind: "community" | "street_working" | "industry" | "industry_branch"; name: string; parentId?: string; nodes: string[] }[] = [
  { id: "po_industry", kind: "industry", name: "江安市物业行业党委", nodes: ["city_jiangan"] },
  { id: "po_industry_donghu", kind: "industry_branch", name: "物业行业党委东湖区分会", parentId: "po_industry", nodes: ["dist_donghu"] },
  { id: "po_industry_xishan", kind: "industry_branch", name: "物业行业党委西山区分会", parentId: "po_industry", nodes: ["dist_xishan"] },
  { id: "po_st_heping", kind: "street_working", name: "和平街道党工委", nodes: ["st_heping"] },
  { id: "po_st_binjiang", kind: "street_working", name: "滨江街道党工委", nodes: ["st_binjiang"] },
  { id: "po_st_kuangshan", kind: "street_working", name: "矿山街道党工委", nodes: ["st_kuangshan"] },
  { id: "po_st_songlin", kind: "street_working", name: "松林街道党工委", nodes: ["st_songlin"] },
  { id: "po_com_hepingli", kind: "community", name: "和平里社区党委", parentId: "po_st_heping", nodes: ["com_hepingli"] },
  { id: "po_com_qingnian", kind: "community", name: "青年路社区党支部", parentId: "po_st_heping", nodes: ["com_qingnian"] },
  { id: "po_com_wangjiang", kind: "community", name: "望江社区党委", parentId: "po_st_binjiang", nodes: ["com_wangjiang"] },
  { id: "po_com_yuanlin", kind: "community", name: "园林社区党支部", parentId: "po_st_binjiang", nodes: ["com_yuanlin"] },
  { id: "po_com_gongren", kind: "community", name: "工人村社区党委", parentId: "po_st_kuangshan", nodes: ["com_gongren"] },
  { id: "po_com_xinhua", kind: "community", name: "新华社区党支部", parentId: "po_st_kuangshan", nodes: ["com_xinhua"] },
  { id: "po_com_songlin", kind: "community", name: "松林社区党委", parentId: "po_st_songlin", nodes: ["com_songlin"] },
  { id: "po_com_nanyuan", kind: "community", name: "南苑社区党支部", parentId: "po_st_songlin", nodes: ["com_nanyuan"] },
];

export async function seedDemoRegistry(db: Db, now: Date): Promise<void> {
  for (const spec of DEMO_COMPOUNDS) {
    const d = generateCompound(spec, now);
    linkDemoPeople(spec.id, d);
    await insertRegistry(db, d);
  }
  await db.insert(residents).values([
    { id: "res_demo09", compoundId: "cp_hepingli1", unitId: "unt_cp_hepingli1_2", name: "吴磊", phone: "13800000009", relation: "tenant", userId: "usr_demo09", validFrom: "2024-06-01", createdAt: now },
    { id: "res_demo12", compoundId: "cp_hepingli2", unitId: "unt_cp_hepingli2_1", name: "钱玉珍", phone: "13800000012", relation: "family", userId: "usr_demo12", validFrom: "2010-01-01", createdAt: now },
  ]);
  for (const p of PARTY_ORGS) {
    await db.insert(partyOrgs).values({ id: p.id, kind: p.kind, name: p.name, parentId: p.parentId ?? null, createdAt: now });
    await db.insert(partyOrgNodes).values(p.nodes.map((nodeId) => ({ partyOrgId: p.id, nodeId })));
  }
}
