import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ballots, decisionVoters, paperBallotCodes } from "~db/schema";
import { addMotion, createDecision, findDecision, type DecisionRow } from "~/decisions/decisions.server";
import { formatCode } from "~/decisions/paper.server";
import { ballotsPdf, noticePdf, pdfFontLoads, rollExtractPdf } from "~/decisions/pdf.server";
import { ballotsData, noticeData, rollExtractData } from "~/decisions/print.server";
import { useTestDb } from "../support/test-db";
import { pdfText } from "../support/pdf-text";

const h = useTestDb();

const CP = "cp_hepingli1";
/** The demo clock of the seed (tests/integration/global-setup.ts): dec_demo_open is open. */
const NOW = new Date("2026-01-05T10:00:00+08:00");
const OPEN_TITLE = "2026年第二次业主大会会议：停车管理规约";
const A4 = { width: 595.28, height: 841.89 };

async function mustFind(id: string, compoundId = CP): Promise<DecisionRow> {
  const d = await findDecision(h.db, compoundId, id);
  if (!d) throw new Error(`no decision ${id}`);
  return d;
}

/** Text as extracted, without the line breaks and spaces that layout puts between runs. */
const flat = (pages: string[]) => pages.join("").replace(/\s+/g, "");

function expectPdf(buf: Buffer) {
  expect(buf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // The font is embedded (a TrueType subset), not merely named.
  expect(buf.includes("/FontFile2")).toBe(true);
  expect(buf.includes("NotoSansSC")).toBe(true);
}

describe("printed documents (issue 6)", () => {
  it("the notice: A4, embedded font, title, agenda with category and threshold, the quorum sentence", async () => {
    const d = await mustFind("dec_demo_open");
    const buf = await noticePdf(await noticeData(h.db, d));
    expectPdf(buf);
    const { pages, sizes } = await pdfText(buf);
    expect(sizes[0].width).toBeCloseTo(A4.width, 0);
    expect(sizes[0].height).toBeCloseTo(A4.height, 0);
    const text = flat(pages);
    expect(text).toContain(`业主大会会议公告：${OPEN_TITLE}`);
    expect(text).toContain("和平里一区");
    expect(text).toContain("1.关于制定停车管理规约的决定");
    expect(text).toContain("制定和修改管理规约");
    expect(text).toContain("须经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意");
    expect(text).toContain("须由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决");
    expect(text).not.toContain("草稿");
  });

  it("a draft's notice is marked as a draft, and its roll extract is the draft roll from the register", async () => {
    const created = await createDecision(h.db, { id: "usr_demo06", name: "陈德明" }, CP, { title: "草稿会议：电梯加装", form: "written", scope: "compound", opensOn: "2026-03-18", closesOn: "2026-03-27" }, NOW);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const m = await addMotion(h.db, { id: "usr_demo06", name: "陈德明" }, CP, created.id, { title: "关于加装电梯的决定", category: 7, text: "在 1 号楼加装电梯。" }, NOW);
    expect(m.ok).toBe(true);
    const d = await mustFind(created.id);
    const notice = flat((await pdfText(await noticePdf(await noticeData(h.db, d)))).pages);
    expect(notice).toContain("草稿");
    expect(notice).toContain("关于加装电梯的决定");
    expect(notice).toContain("须经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意");

    const roll = (await rollExtractData(h.db, d, { now: NOW }))!;
    expect(roll.frozen).toBe(false);
    expect(roll.buildings.length).toBeGreaterThan(1);
    const text = flat((await pdfText(await rollExtractPdf(roll))).pages);
    expect(text).toContain("名册草案");
    expect(text).toContain(roll.buildings[0].rows[0].unit);
    // No ballots for a draft.
    expect(await ballotsData(h.db, d)).toBeNull();
  });

  it("the roll extract of the frozen roll: one section per building, units, areas with 2 decimals, masked owners, voter numbers, totals", async () => {
    const d = await mustFind("dec_demo_open");
    const roll = (await rollExtractData(h.db, d, { now: NOW }))!;
    expect(roll.frozen).toBe(true);
    const voters = await h.db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
    expect(roll.total.heads).toBe(voters.length);
    const rows = roll.buildings.flatMap((b) => b.rows);
    expect(rows.length).toBe(voters.reduce((n, v) => n + v.units.length, 0));
    expect(Math.max(...rows.map((r) => r.voter ?? 0))).toBe(voters.length);
    // Names are masked: 张桂兰 appears as 张*兰, never in full.
    expect(rows.some((r) => r.owners.includes("张*兰"))).toBe(true);
    expect(rows.some((r) => r.owners.includes("张桂兰"))).toBe(false);

    const buf = await rollExtractPdf(roll);
    expectPdf(buf);
    const { pages } = await pdfText(buf);
    expect(pages.length).toBeGreaterThanOrEqual(roll.buildings.length);
    const text = flat(pages);
    expect(text).toContain(`表决名册摘录：${OPEN_TITLE}`);
    expect(text).toContain("名册已冻结");
    expect(text).toContain("张*兰");
    expect(text).not.toContain("张桂兰");
    const first = roll.buildings[0];
    expect(text).toContain(first.name);
    expect(text).toContain(first.rows[0].unit);
    expect(text).toContain((first.rows[0].area / 100).toFixed(2));
    expect(text).toContain(`本栋共${first.rows.length}个专有部分`);
  });

  it("the roll extract for one building has only that building; another compound's building is not found", async () => {
    const d = await mustFind("dec_demo_open");
    const one = (await rollExtractData(h.db, d, { now: NOW, buildingId: `bld_${CP}_2` }))!;
    expect(one.buildings.map((b) => b.name)).toEqual(["2号楼"]);
    expect(one.buildings[0].rows.every((r) => r.unit.startsWith("2号楼"))).toBe(true);
    const text = flat((await pdfText(await rollExtractPdf(one))).pages);
    expect(text).toContain("2号楼");
    expect(text).not.toContain("1号楼-");
    expect(await rollExtractData(h.db, d, { now: NOW, buildingId: "bld_cp_hepingli2_1" })).toBeNull();
    expect(await ballotsData(h.db, d, { buildingId: "bld_cp_hepingli2_1" })).toBeNull();
  });

  it("paper ballots: one A4 page per voter who has not voted, with units, area, the motions' boxes and the voter's code", async () => {
    const d = await mustFind("dec_demo_open");
    const data = (await ballotsData(h.db, d))!;
    const voters = await h.db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id));
    const cast = await h.db.select({ voterKey: ballots.voterKey }).from(ballots).where(eq(ballots.decisionId, d.id));
    expect(cast.length).toBeGreaterThan(0);
    expect(data.voters.length).toBe(voters.length - cast.length);
    // Every voter has a code now; voters who voted get no ballot.
    const codes = await h.db.select().from(paperBallotCodes).where(eq(paperBallotCodes.decisionId, d.id));
    expect(codes.length).toBe(voters.length);
    const votedCodes = new Set(codes.filter((c) => cast.some((b) => b.voterKey === c.voterKey)).map((c) => c.code));
    expect(data.voters.some((v) => votedCodes.has(v.code))).toBe(false);

    const buf = await ballotsPdf(data);
    expectPdf(buf);
    const { pages, sizes } = await pdfText(buf);
    expect(pages.length).toBe(data.voters.length);
    expect(sizes.every((s) => Math.abs(s.width - A4.width) < 1 && Math.abs(s.height - A4.height) < 1)).toBe(true);
    const v = data.voters[0];
    const page = pages[0].replace(/\s+/g, "");
    expect(page).toContain("业主大会会议纸质选票");
    expect(page).toContain(OPEN_TITLE);
    expect(page).toContain(formatCode(v.code));
    expect(page).toContain(v.units[0]);
    expect(page).toContain((v.area / 100).toFixed(2));
    expect(page).toContain("关于制定停车管理规约的决定");
    expect(page).toContain("关于公共收益用于绿化补植的决定");
    for (const w of ["同意", "反对", "弃权", "签名"]) expect(page).toContain(w);
    // The last page is the last voter's.
    expect(pages[pages.length - 1].replace(/\s+/g, "")).toContain(formatCode(data.voters[data.voters.length - 1].code));

    // Printing again keeps every code.
    const again = (await ballotsData(h.db, d))!;
    expect(again.voters.map((x) => x.code)).toEqual(data.voters.map((x) => x.code));
  });

  it("paper ballots for one building: the voters with a unit there; none for a closed decision", async () => {
    const d = await mustFind("dec_demo_open");
    const all = (await ballotsData(h.db, d))!;
    const one = (await ballotsData(h.db, d, { buildingId: `bld_${CP}_1` }))!;
    expect(one.voters.length).toBeGreaterThan(0);
    expect(one.voters.length).toBeLessThan(all.voters.length);
    expect(one.voters.every((v) => v.units.some((u) => u.startsWith("1号楼")))).toBe(true);
    expect(await ballotsData(h.db, await mustFind("dec_demo_closed"))).toBeNull();
  });

  it("another compound cannot reach these decisions", async () => {
    expect(await findDecision(h.db, "cp_hepingli2", "dec_demo_open")).toBeNull();
  });

  it("the font is read once per process, however many PDFs are made", async () => {
    const d = await mustFind("dec_demo_open");
    await noticePdf(await noticeData(h.db, d));
    await noticePdf(await noticeData(h.db, d));
    expect(pdfFontLoads()).toBe(1);
  });
});
