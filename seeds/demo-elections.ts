/**
 * The demo city's owners' committee elections, relative to the demo clock, run through the elections context
 * exactly as the pages run them (group → election → nominations → joint vetting → list → objections), so every
 * record replays and every refusal rule was applied. Fixed ids, so tests and the README can name them:
 * - 和平里二区 (cp_hepingli2): group pgr_demo_hpl2, election elc_demo_hpl2, nominations closed 10 days ago and
 *   vetting under way — candidates cnd_demo_hpl2_1 … _6 in every phase that needs a person to act;
 * - 青年路小区 (cp_qingnian): group pgr_demo_qn, election elc_demo_qn, the cleared list published 5 days ago
 *   (cnd_demo_qn_1 … _6 cleared, _7 rejected and not appealed), one objection answered and one open;
 * - 纺织厂宿舍 (cp_fangzhi) has no group (the end-to-end tests form one).
 * Owners without a demo account who must act themselves (the appealing candidate, the objectors) get plain
 * accounts without a password (phones 1390000xxxx), as owners who signed up but never set one.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { owners, ownerships, users } from "~db/schema";
import { formPrepGroup, setUpElection, type PrepMemberInput } from "~/elections/prep.server";
import { endorse, nominate, type NominationInput } from "~/elections/candidates.server";
import { answer, appeal, decide, publishCandidateList, submitForVetting } from "~/elections/vetting.server";
import { answerCandidateObjection, earliestVoting, objectToCandidates } from "~/elections/publication.server";
import { shanghaiDay, startOfDay } from "~/platform/days";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Actor = { id: string; name: string };
const LI = { id: "usr_demo02", name: "李秀英" }; // street officer, leads both groups
const WANG = { id: "usr_demo03", name: "王芳" }; // community worker, residents' committee rep in 和平里二区
const SUN = { id: "usr_demo05", name: "孙丽" }; // owner, prep group member in 和平里二区
const MA = { id: "usr_demo16", name: "马文华" }; // owner, candidate in 和平里二区
const ZHAO = { id: "usr_demo04", name: "赵志刚" }; // po_com_hepingli
const WU = { id: "usr_demo13", name: "吴国平" }; // po_st_heping
const LIN = { id: "usr_demo14", name: "林晓红" }; // po_industry_donghu
const GAO = { id: "usr_demo17", name: "高丽娟" }; // po_com_qingnian

const R = {
  hpl: { actor: ZHAO, partyOrgId: "po_com_hepingli" },
  qn: { actor: GAO, partyOrgId: "po_com_qingnian" },
  street: { actor: WU, partyOrgId: "po_st_heping" },
  industry: { actor: LIN, partyOrgId: "po_industry_donghu" },
};
type Reviewer = (typeof R)[keyof typeof R];

const METHOD =
  "本次选举实行差额选举，采用书面投票与线上投票相结合的方式，业主按专有部分一户一票。参与表决的业主专有部分面积和人数均须达到总数的三分之二以上；" +
  "候选人经参与表决的业主专有部分面积过半数且人数过半数同意方可当选，按得票多少依次确定委员 5 名、候补委员 2 名；票数相同的，另行投票。";

/** A broken seed fails loudly: every call must be accepted. */
function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo elections: ${what} refused: ${JSON.stringify((r as { errors?: unknown }).errors ?? r)}`);
  return r as Extract<T, { ok: true }>;
}

/** Person owners of the compound with no account who own exactly one unit, in registry order. */
async function plainOwners(db: Db, compoundId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({ id: owners.id, name: owners.name, n: count(ownerships.id) })
    .from(owners)
    .innerJoin(ownerships, eq(ownerships.ownerId, owners.id))
    .where(and(eq(owners.compoundId, compoundId), eq(owners.kind, "person"), isNull(owners.userId)))
    .groupBy(owners.id, owners.name)
    .orderBy(asc(owners.id));
  const num = (id: string) => Number(id.slice(id.lastIndexOf("_") + 1));
  return rows.filter((r) => Number(r.n) === 1).sort((a, b) => num(a.id) - num(b.id));
}

async function ownerOfUser(db: Db, compoundId: string, userId: string) {
  const [o] = await db.select({ id: owners.id, name: owners.name }).from(owners).where(and(eq(owners.compoundId, compoundId), eq(owners.userId, userId))).limit(1);
  if (!o) throw new Error(`demo elections: ${userId} owns nothing in ${compoundId}`);
  return o;
}

/** An owner's own account without a password (they log in after a reset code). */
async function plainAccount(db: Db, owner: { id: string; name: string }, userId: string, phone: string, now: Date): Promise<Actor> {
  await db.insert(users).values({ id: userId, phone, name: owner.name, createdAt: now });
  await db.update(owners).set({ userId }).where(eq(owners.id, owner.id));
  return { id: userId, name: owner.name };
}

const declaration = (ownerId: string, d: Omit<NominationInput, "ownerId" | "consent" | "fullCapacityDeclared"> & { fullCapacityDeclared?: boolean }): NominationInput => ({
  ownerId, fullCapacityDeclared: true, consent: true, ...d,
});

export async function seedDemoElections(db: Db, now: Date): Promise<void> {
  /** 00:00 Asia/Shanghai of the day `n` days from now, plus `h` hours. */
  const at = (n: number, h = 0) => new Date(startOfDay(shanghaiDay(new Date(now.getTime() + n * DAY))).getTime() + h * HOUR);
  const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

  async function vet(compoundId: string, candidateId: string, r: Reviewer, decision: "approve" | "reject", reason: string, when: Date) {
    must(`${r.partyOrgId} on ${candidateId}`, await decide(db, r.actor, compoundId, candidateId, { partyOrgId: r.partyOrgId, decision, reason }, when));
  }

  // ——————————————————————————————————————————————— 和平里二区: nominations closed, joint vetting under way
  {
    const CP = "cp_hepingli2";
    const sun = await ownerOfUser(db, CP, SUN.id);
    const ma = await ownerOfUser(db, CP, MA.id);
    const plain = await plainOwners(db, CP);
    const pick = (i: number) => {
      if (!plain[i]) throw new Error(`demo elections: ${CP} has fewer than ${i + 1} plain owners`);
      return plain[i];
    };
    const [rep1, rep2] = [pick(10), pick(20)];
    const [o1, o3, o4, o5, o6] = [pick(30), pick(40), pick(50), pick(60), pick(70)];

    // The street officer and the community worker act through their own grants; members' accounts are not
    // linked so the group adds no prep_group_member grant (one home page each). 孙丽 already holds hers.
    const members: PrepMemberInput[] = [
      { name: LI.name, role: "street_office", leader: true },
      { name: sun.name, role: "owner", ownerId: sun.id, userId: SUN.id },
      { name: rep1.name, role: "owner", ownerId: rep1.id },
      { name: rep2.name, role: "owner", ownerId: rep2.id },
      { name: WANG.name, role: "residents_committee" },
    ];
    must("group 和平里二区", await formPrepGroup(db, LI, CP, members, at(-45, 10), { id: "pgr_demo_hpl2" }));
    const votingOpensAt = later(at(30, 9), new Date((await earliestVoting(db, CP, now))!.getTime() + 9 * HOUR));
    const E = must("election 和平里二区", await setUpElection(db, SUN, CP, {
      seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: at(-35), nominationClosesAt: at(-10), method: METHOD, votingOpensAt,
    }, at(-40, 10), { id: "elc_demo_hpl2" })).id;

    // The jointly nominated owner has an account of their own (they appeal in person).
    const cand4 = await plainAccount(db, o4, "usr_demo_hpl2_c4", "13900000201", at(-40, 18));

    const c = (i: number) => `cnd_demo_hpl2_${i}`;
    must("nominate 1", await nominate(db, WANG, CP, E, declaration(o1.id, { nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none" }), at(-30, 10), { id: c(1) }));
    must("nominate 2", await nominate(db, MA, CP, E, declaration(ma.id, { nominatedBy: "self", occupation: "other", partyMember: false, propertyCompanyRelation: "none" }), at(-28, 20), { id: c(2) }));
    must("nominate 3", await nominate(db, WANG, CP, E, declaration(o3.id, { nominatedBy: "residents_committee", occupation: "public_servant", partyMember: true, propertyCompanyRelation: "none" }), at(-25, 10), { id: c(3) }));
    must("nominate 4", await nominate(db, SUN, CP, E, declaration(o4.id, { nominatedBy: "owners_joint", occupation: "other", partyMember: false, propertyCompanyRelation: "none" }), at(-22, 19), { id: c(4) }));
    must("sign 4 (孙丽)", await endorse(db, SUN, CP, c(4), at(-22, 19.5)));
    must("sign 4 (马文华)", await endorse(db, MA, CP, c(4), at(-20, 20)));
    must("nominate 5", await nominate(db, WANG, CP, E, declaration(o5.id, { nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none" }), at(-18, 10), { id: c(5) }));
    must("nominate 6", await nominate(db, WANG, CP, E, declaration(o6.id, { nominatedBy: "residents_committee", occupation: "other", partyMember: false, propertyCompanyRelation: "unknown" }), at(-15, 10), { id: c(6) }));

    for (let i = 1; i <= 6; i++) must(`submit ${i}`, await submitForVetting(db, SUN, CP, c(i), at(-9, 9 + i / 6)));
    // 1: nobody has decided (overdue, in all three queues).
    // 2 (马文华): street and industry approved; the community reviewer has yet to decide.
    await vet(CP, c(2), R.street, "approve", "经街道党工委审查，未发现不宜担任的情形。", at(-6, 10));
    await vet(CP, c(2), R.industry, "approve", "与本小区物业服务企业无利害关系。", at(-6, 15));
    // 3 and 5: cleared by all three.
    for (const i of [3, 5]) {
      await vet(CP, c(i), R.hpl, "approve", "热心社区公益，群众基础好，符合候选人条件。", at(-7, 10));
      await vet(CP, c(i), R.street, "approve", "经街道党工委审查，符合候选人条件。", at(-6, 10.5));
      await vet(CP, c(i), R.industry, "approve", "与本小区物业服务企业无利害关系。", at(-6, 15.5));
    }
    // 4: the industry committee rejects; the candidate appeals; the rejection is upheld.
    await vet(CP, c(4), R.hpl, "approve", "符合候选人条件。", at(-7, 11));
    await vet(CP, c(4), R.street, "approve", "未发现不宜担任的情形。", at(-6, 11));
    await vet(CP, c(4), R.industry, "reject", "经核实，该业主与本小区物业服务企业项目负责人系兄妹，属近亲属，存在利害关系，不宜担任业主委员会委员。", at(-6, 16));
    must("appeal 4", await appeal(db, cand4, CP, c(4), "本人虽与物业项目负责人系兄妹，但从未在物业公司任职，与其也无任何经济往来，恳请重新审查。", at(-5, 20)));
    must("answer 4", await answer(db, LIN, CP, c(4), { partyOrgId: R.industry.partyOrgId, outcome: "upheld", reason: "经复核，兄妹属近亲属，与物业服务企业存在利害关系的事实不因未任职而改变，维持原审查意见。" }, at(-3, 10)));
    // 6: only the community reviewer has approved.
    await vet(CP, c(6), R.hpl, "approve", "本人已书面说明与物业服务企业的关系情况，待其他审核单位核实。", at(-7, 14));
  }

  // ——————————————————————————————————————————————— 青年路小区: the cleared list is published
  {
    const CP = "cp_qingnian";
    const plain = await plainOwners(db, CP);
    const pick = (i: number) => {
      if (!plain[i]) throw new Error(`demo elections: ${CP} has fewer than ${i + 1} plain owners`);
      return plain[i];
    };
    const reps = [pick(9), pick(24), pick(39)];
    const nominees = [pick(2), pick(7), pick(13), pick(18), pick(28), pick(33), pick(44)];
    const [obj1, obj2] = [pick(50), pick(55)];

    must("group 青年路小区", await formPrepGroup(db, LI, CP, [
      { name: LI.name, role: "street_office", leader: true },
      ...reps.map((o): PrepMemberInput => ({ name: o.name, role: "owner", ownerId: o.id })),
      { name: "张敏", role: "residents_committee" },
    ], at(-60, 10), { id: "pgr_demo_qn" }));
    const publishedAt = at(-5, 10);
    const votingOpensAt = later(at(20, 9), new Date((await earliestVoting(db, CP, publishedAt))!.getTime() + 9 * HOUR));
    const E = must("election 青年路小区", await setUpElection(db, LI, CP, {
      seats: 5, minSeats: 3, alternates: 2, nominationOpensAt: at(-50), nominationClosesAt: at(-25), method: METHOD, votingOpensAt,
    }, at(-55, 10), { id: "elc_demo_qn" })).id;

    const c = (i: number) => `cnd_demo_qn_${i}`;
    const decl: Omit<NominationInput, "ownerId" | "consent" | "fullCapacityDeclared">[] = [
      { nominatedBy: "community_party", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none" },
      { nominatedBy: "community_party", occupation: "public_servant", partyMember: true, propertyCompanyRelation: "none" },
      { nominatedBy: "residents_committee", occupation: "other", partyMember: false, propertyCompanyRelation: "none" },
      { nominatedBy: "residents_committee", occupation: "retiree", partyMember: true, propertyCompanyRelation: "none" },
      { nominatedBy: "community_party", occupation: "other", partyMember: true, propertyCompanyRelation: "none" },
      { nominatedBy: "residents_committee", occupation: "other", partyMember: false, propertyCompanyRelation: "none" },
      { nominatedBy: "residents_committee", occupation: "other", partyMember: false, propertyCompanyRelation: "unknown" },
    ];
    for (const [k, d] of decl.entries()) {
      must(`nominate qn ${k + 1}`, await nominate(db, LI, CP, E, declaration(nominees[k].id, d), at(-48 + 2 * k, 10), { id: c(k + 1) }));
    }
    for (let i = 1; i <= 7; i++) must(`submit qn ${i}`, await submitForVetting(db, LI, CP, c(i), at(-24, 9 + i / 6)));
    for (let i = 1; i <= 6; i++) {
      await vet(CP, c(i), R.qn, "approve", "热心公益，群众认可度高，符合候选人条件。", at(-20, 10));
      await vet(CP, c(i), R.street, "approve", "经街道党工委审查，符合候选人条件。", at(-19, 10));
      await vet(CP, c(i), R.industry, "approve", "与本小区物业服务企业无利害关系。", at(-18, 15));
    }
    await vet(CP, c(7), R.qn, "reject", "经核实，该业主被列为失信被执行人，不符合候选人条件。", at(-20, 11));
    await vet(CP, c(7), R.street, "approve", "未发现不宜担任的情形。", at(-19, 11));
    await vet(CP, c(7), R.industry, "approve", "与本小区物业服务企业无利害关系。", at(-18, 16));
    must("publish 青年路小区", await publishCandidateList(db, LI, CP, E, publishedAt));

    const a1 = await plainAccount(db, obj1, "usr_demo_qn_obj1", "13900000101", at(-4, 18));
    const a2 = await plainAccount(db, obj2, "usr_demo_qn_obj2", "13900000102", at(-3, 18));
    const o1 = must("objection 1", await objectToCandidates(db, a1, CP, E, { candidateId: c(3), text: "该候选人长期将房屋出租、本人不在小区居住，恐难以履行委员职责。" }, at(-3, 19)));
    must("objection 2", await objectToCandidates(db, a2, CP, E, { candidateId: null, text: "候选人中没有 2 号楼的业主，建议补充 2 号楼的候选人。" }, at(-2, 20)));
    must("answer objection 1", await answerCandidateObjection(db, LI, CP, o1.id, "经筹备组核实，该候选人现居住于本小区 1 号楼，出租的是其另一处房产；候选人资格经联审通过，维持候选人名单。", at(-1, 10)));
  }
}
