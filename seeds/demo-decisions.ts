/**
 * The demo city's owners' decisions, relative to the demo clock: in 和平里一区 one meeting closed with its
 * result published, and one open for voting now. Both are run through the decisions context exactly as the
 * pages run them (draft → notice → voting → ballots → close), so their records verify. The management-model
 * history cites two more closed decisions (seeds/demo-governance.ts): 和平里一区's 2020 meeting that engaged
 * 江安物业 (absolute dates, its notices taken down long ago) and 松林苑's decision, closed about ten days ago,
 * not to renew 松林物业 and to manage the compound themselves.
 */
import { prng } from "./prng";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { decisionVoters, notices, owners, users } from "~db/schema";
import { compoundRoll } from "~/registry/roll.server";
import { groupVoters } from "~/registry/rules";
import { createPetition, signPetition } from "~/decisions/petitions.server";
import { decryptField } from "~/auth/field-crypto.server";
import { loadCalendar } from "~/platform/calendar.server";
import { addDays, firstMomentAfter, shanghaiDay } from "~/platform/days";
import { addMotion, castBallot, closeDecision, createDecision, findDecision, openVoting, publishDecisionNotice, voterOptions } from "~/decisions/decisions.server";
import { pseudonym } from "~/decisions/record";
import { addElectionMotion } from "~/decisions/election-motion.server";
import type { Choice } from "~/decisions/schema";

const COMPOUND = "cp_hepingli1";
const DEFAULT_COMPOUND = COMPOUND;
const ORGANISER = { id: "usr_demo06", name: "陈德明" };
const DEFAULT_ORGANISER = ORGANISER;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Plan = {
  id: string;
  /** Default 和平里一区, organised by 陈德明. */
  compoundId?: string;
  organiser?: { id: string; name: string };
  title: string;
  noticeDaysAgo: number;
  /** Old history: the notice's absolute instant (then `noticeDaysAgo` is ignored), its notices taken down 30 days after the close. */
  noticedAt?: string;
  windowDays: number;
  motions: { title: string; category: number; text: string; yes: number }[];
  /** Share of voters who vote (0–1); for an open decision, those who voted so far. */
  turnout: number;
  close: boolean;
  seed: number;
  /** Demo people who cast their own ballot through the ballot page's path. */
  voters: { id: string; name: string }[];
  /**
   * A committee election (category 3) after the questions: the first `approve.length` person owners of the
   * compound stand, each chosen on a ballot with that probability (more than `seats` names: some dropped at random).
   */
  election?: { title: string; text: string; seats: number; minSeats: number; alternates: number; approve: number[] };
};

const PLANS: Plan[] = [
  {
    id: "dec_demo_closed",
    title: "2026年第一次业主大会会议：续聘物业与门禁更换",
    noticeDaysAgo: 75,
    windowDays: 10,
    motions: [
      { title: "关于续聘江安物业服务有限公司的决定", category: 4, text: "续聘江安物业服务有限公司为本小区物业服务企业，服务期三年，物业费标准不变。", yes: 0.8 },
      { title: "关于使用维修资金更换单元门禁的决定", category: 5, text: "使用专项维修资金约 12 万元，更换全部 12 个单元的门禁系统。", yes: 0.7 },
      { title: "关于利用外墙投放广告的决定", category: 8, text: "出租 1 号楼东侧外墙投放广告，年收入约 3 万元计入公共收益。", yes: 0.62 },
    ],
    turnout: 0.78,
    close: true,
    seed: 7,
    voters: [{ id: "usr_demo08", name: "张桂兰" }],
  },
  {
    id: "dec_demo_open",
    title: "2026年第二次业主大会会议：停车管理规约",
    noticeDaysAgo: 25,
    windowDays: 30,
    motions: [
      { title: "关于制定停车管理规约的决定", category: 2, text: "制定《和平里一区停车管理规约》（全文见附件公示稿），规定车位分配、临时停车和消防通道管理。", yes: 0.75 },
      { title: "关于公共收益用于绿化补植的决定", category: 9, text: "从公共收益中支出不超过 2 万元，用于小区绿化补植。", yes: 0.85 },
    ],
    turnout: 0.6,
    close: false,
    seed: 11,
    voters: [],
  },
  {
    id: "dec_demo_hpl1_2020",
    title: "2020年第一次业主大会会议：选聘物业服务企业",
    noticeDaysAgo: 0,
    noticedAt: "2020-05-06T10:00:00+08:00",
    windowDays: 10,
    motions: [
      { title: "关于选聘江安物业服务有限公司的决定", category: 4, text: "选聘江安物业服务有限公司为本小区物业服务企业，自 2020 年 7 月 1 日起服务三年，包干制，住宅物业费每月每平方米 1.50 元。", yes: 0.82 },
    ],
    turnout: 0.75,
    close: true,
    seed: 2020,
    voters: [],
  },
  {
    id: "dec_demo_songlin_exit",
    compoundId: "cp_songlin",
    organiser: { id: "usr_demo18", name: "冯建华" },
    title: "2026年第一次业主大会会议：物业服务方式",
    noticeDaysAgo: 34,
    windowDays: 7,
    motions: [
      {
        title: "关于不再续聘松林物业、实行业主自治的决定",
        category: 4,
        text: "松林物业服务有限公司的物业服务合同期满后不再续聘；本小区实行业主自治，由业主委员会管理，专项资金由业主委员会开设的共管账户保管。",
        yes: 0.8,
      },
    ],
    turnout: 0.74,
    close: true,
    seed: 66,
    voters: [],
  },
  // 矿山街道 (韩梅): 新华二里's first committee elected yesterday with alternates, not yet formed; 新华里's election
  // not formed (too few reached the threshold): a run-off is due; 工人村's election open now.
  {
    id: "dec_demo_xh2_election",
    compoundId: "cp_xinhua2",
    organiser: { id: "usr_demo20", name: "韩梅" },
    title: "新华二里首次业主大会会议：选举业主委员会",
    noticeDaysAgo: 42,
    windowDays: 7,
    motions: [],
    election: { title: "选举第一届业主委员会委员", text: "选举业主委员会委员 5 名，至少 3 名当选方可组成；候补委员不超过 2 名。每位业主最多选 5 名。", seats: 5, minSeats: 3, alternates: 2, approve: [0.92, 0.88, 0.84, 0.8, 0.76, 0.72, 0.7] },
    turnout: 0.86,
    close: true,
    seed: 92,
    voters: [],
  },
  {
    id: "dec_demo_xh_election",
    compoundId: "cp_xinhua",
    organiser: { id: "usr_demo20", name: "韩梅" },
    title: "新华里业主大会会议：选举业主委员会",
    noticeDaysAgo: 45,
    windowDays: 7,
    motions: [],
    election: { title: "选举第一届业主委员会委员", text: "选举业主委员会委员 5 名，至少 3 名当选方可组成；候补委员不超过 2 名。每位业主最多选 5 名。", seats: 5, minSeats: 3, alternates: 2, approve: [0.8, 0.72, 0.38, 0.34, 0.3, 0.24] },
    turnout: 0.8,
    close: true,
    seed: 240,
    voters: [],
  },
  {
    id: "dec_demo_gr_election",
    compoundId: "cp_gongren",
    organiser: { id: "usr_demo20", name: "韩梅" },
    title: "工人村小区业主大会会议：选举业主委员会",
    noticeDaysAgo: 18,
    windowDays: 14,
    motions: [],
    election: { title: "选举第一届业主委员会委员", text: "选举业主委员会委员 5 名，至少 3 名当选方可组成；候补委员不超过 3 名。每位业主最多选 5 名。", seats: 5, minSeats: 3, alternates: 3, approve: [0.7, 0.66, 0.6, 0.55, 0.52, 0.4] },
    turnout: 0.15,
    close: false,
    seed: 360,
    voters: [],
  },
];

export async function seedDemoDecisions(db: Db, now: Date): Promise<void> {
  const cal = await loadCalendar(db);
  for (const plan of PLANS) {
    const COMPOUND = plan.compoundId ?? DEFAULT_COMPOUND;
    const ORGANISER = plan.organiser ?? DEFAULT_ORGANISER;
    // Notice early enough that voting has opened by now, whatever rest days lengthen the notice period.
    let noticedAt = plan.noticedAt ? new Date(plan.noticedAt) : new Date(now.getTime() - plan.noticeDaysAgo * DAY);
    while (firstMomentAfter(noticedAt, 15, cal).getTime() > now.getTime() - 2 * HOUR) noticedAt = new Date(noticedAt.getTime() - DAY);
    const opensOn = shanghaiDay(firstMomentAfter(noticedAt, 15, cal));
    const closesOn = addDays(opensOn, plan.windowDays - 1);
    const created = await createDecision(db, ORGANISER, COMPOUND, { title: plan.title, form: "written", scope: "compound", opensOn, closesOn }, new Date(noticedAt.getTime() - HOUR), { id: plan.id });
    if (!created.ok) throw new Error(`demo decision: ${JSON.stringify(created.errors)}`);
    for (const m of plan.motions) {
      const r = await addMotion(db, ORGANISER, COMPOUND, created.id, m, new Date(noticedAt.getTime() - HOUR / 2));
      if (!r.ok) throw new Error(`demo motion: ${JSON.stringify(r.errors)}`);
    }
    if (plan.election) {
      const e = plan.election;
      const standing = await db
        .select({ id: owners.id, name: owners.name })
        .from(owners)
        .where(and(eq(owners.compoundId, COMPOUND), eq(owners.kind, "person")))
        .orderBy(asc(owners.id))
        .limit(e.approve.length);
      const r = await addElectionMotion(db, ORGANISER, COMPOUND, created.id, {
        title: e.title, text: e.text, seats: e.seats, minSeats: e.minSeats, alternates: e.alternates,
        candidates: standing.map((o) => ({ name: o.name, ownerId: o.id })),
      }, new Date(noticedAt.getTime() - HOUR / 2));
      if (!r.ok) throw new Error(`demo election motion: ${JSON.stringify(r.errors)}`);
    }
    const noticed = await publishDecisionNotice(db, ORGANISER, COMPOUND, created.id, noticedAt);
    if (!noticed.ok) throw new Error(`demo notice: ${JSON.stringify(noticed.errors)}`);
    let d = (await findDecision(db, COMPOUND, created.id))!;
    const openAt = new Date(d.opensAt.getTime() + HOUR);
    const opened = await openVoting(db, ORGANISER, COMPOUND, d.id, openAt);
    if (!opened.ok) throw new Error(`demo open: ${JSON.stringify(opened.errors)}`);
    d = (await findDecision(db, COMPOUND, d.id))!;

    const rnd = prng(plan.seed);
    const lastCast = Math.min(d.closesAt.getTime(), now.getTime()) - HOUR;
    let at = openAt.getTime();
    // Room for every voter in the window (a large compound has more than 400).
    const [{ n: nVoters }] = await db.select({ n: count() }).from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
    const step = Math.max(60_000, Math.floor((lastCast - at) / Math.max(400, Number(nVoters))));
    const choicesFor = (): Record<string, Choice> => {
      const out: Record<string, Choice> = Object.fromEntries(plan.motions.map((m, i) => {
        const r = rnd();
        return [`m${i + 1}`, r < m.yes ? "yes" : r < m.yes + (1 - m.yes) * 0.7 ? "no" : "abstain"];
      }));
      if (plan.election) {
        const e = plan.election;
        const chosen = e.approve.map((p, i) => (rnd() < p ? `c${i + 1}` : null)).filter((c): c is string => c !== null);
        // More names than seats: drop some at random until the ballot is valid.
        while (chosen.length > e.seats) chosen.splice(Math.floor(rnd() * chosen.length), 1);
        out[`m${plan.motions.length + 1}`] = chosen;
      }
      return out;
    };
    // Demo people vote through the same path as the ballot page.
    const day = shanghaiDay(openAt);
    const own = new Set<string>();
    for (const person of plan.voters) {
      for (const o of await voterOptions(db, d, person.id, day)) {
        at += step;
        const r = await castBallot(db, person, COMPOUND, d.id, { voterKey: o.voterKey, choices: choicesFor() }, new Date(at), { role: o.role, castById: o.castById, channel: o.channel });
        if (!r.ok) throw new Error(`demo ballot: ${r.error}`);
        own.add(o.voterKey);
      }
    }
    const secret = decryptField(d.secretEnc);
    // In a fixed order (voter keys are random per decision), so the same seed casts the same ballots every time.
    const voters = (await db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id))).sort((a, b) => (a.ownerIds.join() < b.ownerIds.join() ? -1 : a.ownerIds.join() > b.ownerIds.join() ? 1 : 0));
    // Leave the demo owner 张桂兰 free to vote in the open decision.
    const reserved = new Set((await voterOptions(db, d, "usr_demo08", day)).map((o) => o.voterKey));
    for (const v of voters) {
      if (own.has(v.voterKey) || reserved.has(v.voterKey) || v.developer || rnd() >= plan.turnout) continue;
      at += step;
      if (at > lastCast) break;
      const r = await castBallot(db, ORGANISER, COMPOUND, d.id, { voterKey: v.voterKey, choices: choicesFor() }, new Date(at), {
        role: "owner", castById: pseudonym(secret, "o", v.ownerIds[0]), channel: "online",
      });
      if (!r.ok) throw new Error(`demo ballot: ${r.error}`);
    }
    if (plan.close) {
      const closedAt = new Date(d.countingClosesAt.getTime() + 2 * HOUR);
      if (closedAt.getTime() > now.getTime()) throw new Error(`demo decision ${d.id} would close after the demo clock: notice it earlier`);
      const closed = await closeDecision(db, ORGANISER, COMPOUND, d.id, closedAt);
      if (!closed.ok) throw new Error(`demo close: ${JSON.stringify(closed.errors)}`);
      if (plan.noticedAt) {
        await db.update(notices).set({ takeDownAt: new Date(closedAt.getTime() + 30 * DAY) }).where(and(eq(notices.sourceKind, "decision"), eq(notices.sourceId, d.id)));
      }
    }
  }
}

/**
 * A petition for an extraordinary meeting in 和平里一区, signed by owners just short of 20% of the headcount and
 * of the area, so that the demo owner 张桂兰's signature carries it over both (指导规则 Art. 21).
 */
export async function seedDemoPetition(db: Db, now: Date): Promise<void> {
  const day = shanghaiDay(now);
  const roll = await compoundRoll(db, COMPOUND, day);
  const g = groupVoters(roll);
  const ownerRows = await db.select({ id: owners.id, name: owners.name, userId: owners.userId, kind: owners.kind }).from(owners).where(eq(owners.compoundId, COMPOUND));
  const byId = new Map(ownerRows.map((o) => [o.id, o]));
  const keyOf = (o: string) => g.voters.find((v) => v.key === o);
  const zhang = ownerRows.find((o) => o.userId === "usr_demo08")!;
  const chen = ownerRows.find((o) => o.userId === "usr_demo06")!;
  const zhangVoter = keyOf(zhang.id)!;
  const chenVoter = keyOf(chen.id)!;
  // Sole-owner people without an account, smallest first: a window of them lands just under both 20% marks.
  const candidates = g.voters
    .filter((v) => v.key !== zhangVoter.key && v.key !== chenVoter.key && !v.key.includes("+") && byId.get(v.key)?.kind === "person" && !byId.get(v.key)?.userId)
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
  const T = g.total;
  const n = Math.ceil(T.heads / 5) - 1 - 1; // heads short by one after 陈德明 signs; 张桂兰 makes it
  let pick: typeof candidates | null = null;
  for (let i = 0; i + n <= candidates.length; i++) {
    const w = candidates.slice(i, i + n);
    const s = w.reduce((x, v) => x + v.area, chenVoter.area);
    if (5n * s < T.area && 5n * (s + zhangVoter.area) >= T.area) {
      pick = w;
      break;
    }
  }
  if (!pick) return; // the registry changed shape; the demo simply has no near-complete petition
  const created = await createPetition(db, { id: "usr_demo06", name: "陈德明" }, COMPOUND, {
    title: "提议召开临时业主大会：讨论加装电梯",
    agenda: "1. 关于 3 号楼、5 号楼加装电梯的决定\n2. 关于使用公共收益补贴低楼层住户的决定",
  }, new Date(now.getTime() - 5 * DAY));
  if (!created.ok) throw new Error(`demo petition: ${JSON.stringify(created.errors)}`);
  let i = 0;
  for (const v of pick) {
    const o = byId.get(v.key)!;
    const userId = `usr_demo_sig${String(++i).padStart(3, "0")}`;
    // Owners who signed up without a password of their own yet (they log in after a reset code).
    await db.insert(users).values({ id: userId, name: o.name, accountNo: `7${String(i).padStart(7, "0")}`, createdAt: now });
    await db.update(owners).set({ userId }).where(eq(owners.id, o.id));
    const r = await signPetition(db, { id: userId, name: o.name }, COMPOUND, created.id, new Date(now.getTime() - 4 * DAY + i * 60_000));
    if (!r.ok || r.reached) throw new Error(`demo petition signature: ${JSON.stringify(r)}`);
  }
}
