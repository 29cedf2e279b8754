import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull, notInArray } from "drizzle-orm";
import type { DbHandle } from "~db/client.server";
import { areaNodes, committeeFilings, committeeMembers, committees, files, owners, prepGroups, users } from "~db/schema";
import { committeeOverview, decideFiling, submitFiling, type FilingAttach } from "~/committees/committees.server";
import { filingsPage, listCommitteeOverview, type AreaCommitteeRow } from "~/committees/overview.server";
import { AreaCommitteeListSchema, attachmentErrors, COMMITTEE_STATUSES } from "~/committees/filing-schema";
import { storeFiles } from "~/platform/files.server";
import { addMonths, termLastDay } from "~/committees/rules";
import { testDb } from "../support/db";

/**
 * The street office's committee list (app/committees/overview.server.ts) against committeeOverview, compound by
 * compound, on a copy of the test template (the demo city), plus three committees written here as rows
 * (their formation is tested in committees.test.ts): 南苑小区 elected 2026-02-10 and not yet filed (its 30 days end
 * on Thursday 12 March), 南苑二期 elected 2021-06-15 and filed (term to 2026-06-15, re-election from 03-15), and a
 * third compound whose committee has 2 of 5 members left. Then a filing is submitted, returned, submitted again
 * and accepted through the context, and the list follows. usr_demo11 (黄伟) is the 松林街道 street officer.
 */
const at = (s: string) => new Date(s);
const E2E_NOW = at("2026-03-02T09:00:00+08:00");
const street = { id: "usr_demo11", name: "黄伟" };
const N1 = "cp_nanyuan";
const N2 = "cp_nanyuan2";
let N3 = "";

let h: DbHandle;
let cityPath = "";
const params = (o: Record<string, string> = {}) => AreaCommitteeListSchema.parse(o);
const all = async (when: Date, o: Record<string, string> = {}, path = cityPath) => (await listCommitteeOverview(h.db, path, params(o), when, { all: true })).rows;
const rowOf = async (id: string, when: Date) => (await all(when)).find((r) => r.id === id)!;

/** Every compound of the city: the list's row says what committeeOverview says for that compound alone. */
async function expectSameAsOverview(when: Date): Promise<AreaCommitteeRow[]> {
  const rows = await all(when);
  const compounds = await h.db.select({ id: areaNodes.id }).from(areaNodes).where(eq(areaNodes.kind, "compound"));
  expect(rows.map((r) => r.id).sort()).toEqual(compounds.map((c) => c.id).sort());
  for (const r of rows) {
    const o = await committeeOverview(h.db, r.id, when);
    expect({ id: r.id, status: r.status, members: r.membersInOffice, termLastDay: r.termLastDay, reElectionFrom: r.reElectionFrom, committeeId: r.committeeId }).toEqual({
      id: r.id,
      status: o.status,
      members: o.committee ? o.members.length : null,
      termLastDay: o.committee?.termLastDay ?? null,
      reElectionFrom: o.reElectionFrom,
      committeeId: o.committee?.id ?? null,
    });
  }
  return rows;
}

/** A committee written as rows: `seats` members (owners of the compound, with accounts), the first `ended` of them ended. */
async function committeeRows(id: string, cp: string, electedAt: Date, opts: { seats: number; minSeats: number; ended?: number; filedAt?: Date | null }) {
  const startDay = new Date(electedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const last = termLastDay(startDay);
  await h.db.insert(committees).values({ id, compoundId: cp, seats: opts.seats, minSeats: opts.minSeats, electedAt, termStart: startDay, termLastDay: last, status: "active", filedAt: opts.filedAt ?? null, createdAt: electedAt });
  const os = await h.db
    .select({ id: owners.id, name: owners.name })
    .from(owners)
    .where(and(eq(owners.compoundId, cp), eq(owners.kind, "person"), isNull(owners.userId)))
    .orderBy(asc(owners.id))
    .limit(opts.seats);
  expect(os.length).toBe(opts.seats);
  const userIds: string[] = [];
  for (const [i, o] of os.entries()) {
    const uid = `usr_t_${id}_${i}`;
    await h.db.insert(users).values({ id: uid, phone: `19960${id.slice(-1)}0000${i}`, name: o.name, createdAt: electedAt });
    const ended = i < (opts.ended ?? 0);
    await h.db.insert(committeeMembers).values({
      id: `${id}_m${i}`, committeeId: id, compoundId: cp, ownerId: o.id, userId: uid, name: o.name, role: i === 0 ? "chair" : "member", source: "elected", rank: i + 1,
      fromDay: startDay, lastDay: last, endedOn: ended ? addMonths(startDay, 6) : null, endReason: ended ? "resigned" : null, createdAt: electedAt,
    });
    userIds.push(uid);
  }
  return userIds;
}

const PDF = Buffer.from("%PDF-1.4\n% committee filing\n");
const pdf = (name: string) => ({ displayName: name, mime: "application/pdf" as const, data: PDF });
/** What the filing route does: store the checked files under the new filing's id and return them as attachments. */
const attach = (cp: string, userId: string, list: { kind: string; name: string }[], when: Date): FilingAttach => async (tx, filingId) => {
  const out: { fileId: string; kind: string }[] = [];
  for (const a of list) for (const s of await storeFiles(tx, { compoundId: cp, ownerKind: "committee_filing", ownerId: filingId, createdBy: userId }, [pdf(a.name)], when)) out.push({ fileId: s.id, kind: a.kind });
  return out;
};
const fileCount = async () => Number((await h.db.select({ n: count() }).from(files).where(eq(files.ownerKind, "committee_filing")))[0].n);

let n1Users: string[] = [];

beforeAll(async () => {
  // A copy of the test template (the demo seeded at 2026-01-05): the list is compared with committeeOverview for
  // every compound, whatever the demo holds at each instant.
  h = await testDb();
  [{ path: cityPath }] = await h.db.select({ path: areaNodes.path }).from(areaNodes).where(isNull(areaNodes.parentId));
  // A third compound with no committee or preparatory group of the demo's own.
  const taken = (await h.db.select({ id: committees.compoundId }).from(committees)).map((c) => c.id);
  const grouped = (await h.db.select({ id: prepGroups.compoundId }).from(prepGroups)).map((g) => g.id);
  const [free] = await h.db
    .select({ id: areaNodes.id })
    .from(areaNodes)
    .where(and(eq(areaNodes.kind, "compound"), notInArray(areaNodes.id, [N1, N2, ...taken, ...grouped])))
    .orderBy(asc(areaNodes.id))
    .limit(1);
  N3 = free.id;
  n1Users = await committeeRows("cmt_t_ov1", N1, at("2026-02-10T10:00:00+08:00"), { seats: 5, minSeats: 3 });
  await committeeRows("cmt_t_ov2", N2, at("2021-06-15T10:00:00+08:00"), { seats: 5, minSeats: 3, filedAt: at("2021-07-01T10:00:00+08:00") });
  await committeeRows("cmt_t_ov3", N3, at("2025-05-10T10:00:00+08:00"), { seats: 5, minSeats: 3, ended: 3, filedAt: at("2025-05-20T10:00:00+08:00") });
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe("the street office's committee list @committees", () => {
  it("gives every compound of the demo city the status committeeOverview gives it, at several instants", async () => {
    const now = await expectSameAsOverview(E2E_NOW);
    const by = new Map(now.map((r) => [r.id, r]));
    expect(by.get(N1)).toMatchObject({ status: "active", membersInOffice: 5, seats: 5, filing: "not_submitted", filingLastDay: "2026-03-12", pendingFilings: 0, reElectionPrompt: false });
    expect(by.get(N2)).toMatchObject({ status: "active", termLastDay: "2026-06-15", reElectionFrom: "2026-03-15", filing: "accepted", reElectionPrompt: false });
    expect(by.get(N3)).toMatchObject({ status: "below_minimum", membersInOffice: 2, seats: 5 });
    // The demo's preparatory groups make their compounds "preparing" (no committee) — at least one.
    expect(now.some((r) => r.status === "preparing")).toBe(true);

    // The last instant of the 30 days, and the first after them (24:00 of Thursday 12 March).
    expect((await rowOf(N1, at("2026-03-12T23:59:59+08:00"))).status).toBe("active");
    const late = await expectSameAsOverview(at("2026-03-13T00:00:01+08:00"));
    expect(late.find((r) => r.id === N1)).toMatchObject({ status: "filing_overdue", filing: "overdue" });

    const ending = await expectSameAsOverview(at("2026-03-20T10:00:00+08:00"));
    expect(ending.find((r) => r.id === N2)).toMatchObject({ status: "term_ending", reElectionPrompt: true });

    const over = await expectSameAsOverview(at("2026-07-01T10:00:00+08:00"));
    expect(over.find((r) => r.id === N2)).toMatchObject({ status: "expired", reElectionPrompt: true });
  });

  it("a preparatory group at work ends the re-election prompt (and a group after the term shows preparing)", async () => {
    await h.db.insert(prepGroups).values({ id: "pg_t_ov2", compoundId: N2, status: "active", formedAt: at("2026-03-16T10:00:00+08:00"), createdAt: at("2026-03-16T10:00:00+08:00") });
    const ending = await expectSameAsOverview(at("2026-03-20T10:00:00+08:00"));
    expect(ending.find((r) => r.id === N2)).toMatchObject({ status: "term_ending", preparing: true, reElectionPrompt: false });
    const over = await expectSameAsOverview(at("2026-07-01T10:00:00+08:00"));
    expect(over.find((r) => r.id === N2)).toMatchObject({ status: "preparing", reElectionPrompt: false });
    await h.db.update(prepGroups).set({ status: "dissolved", dissolvedAt: at("2026-03-17T10:00:00+08:00") }).where(eq(prepGroups.id, "pg_t_ov2"));
  });

  it("filters by status and name, sorts the most urgent first, pages, and keeps to the node's compounds", async () => {
    const when = at("2026-03-20T10:00:00+08:00");
    const rows = await all(when);
    // Sorted by status in urgency order by default, then by name.
    const ranks = rows.map((r) => COMMITTEE_STATUSES.indexOf(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const ending = await all(when, { status: "term_ending" });
    expect(ending.map((r) => r.id)).toContain(N2);
    expect(ending.every((r) => r.status === "term_ending")).toBe(true);
    expect(ending.length).toBe(rows.filter((r) => r.status === "term_ending").length);
    expect((await all(when, { q: "南苑" })).map((r) => r.id).sort()).toEqual([N1, N2].sort());
    expect((await all(when, { q: "%" })).length).toBe(0);
    const asc = (await all(when, { sort: "termLastDay", dir: "asc" })).map((r) => r.termLastDay);
    const withDays = asc.filter((d) => d !== null);
    expect(withDays).toEqual([...withDays].sort());
    expect(asc.slice(withDays.length).every((d) => d === null)).toBe(true);
    const page = await listCommitteeOverview(h.db, cityPath, params({ size: "10", page: "2", sort: "name" }), when);
    expect(page.total).toBe(rows.length);
    expect(page.rows.map((r) => r.id)).toEqual((await all(when, { sort: "name" })).slice(10, 20).map((r) => r.id));
    expect(page.reElectionPrompts).toBe(rows.filter((r) => r.reElectionPrompt).length);
    // Under 松林街道 only its compounds.
    const [songlin] = await h.db.select({ path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.id, "st_songlin"));
    const under = (await all(when, {}, songlin.path)).map((r) => r.id).sort();
    const expected = (await h.db.select({ id: areaNodes.id, path: areaNodes.path }).from(areaNodes).where(eq(areaNodes.kind, "compound"))).filter((c) => c.path.startsWith(songlin.path)).map((c) => c.id).sort();
    expect(under).toEqual(expected);
    expect(under).toContain(N1);
  });
});

describe("filing through the context, as the list shows it @committees", () => {
  const member = () => ({ id: n1Users[1], name: "委员" });
  let filingId = "";

  it("the form's attachment rules: the three documents of Art. 33 are required for the initial filing, none for a change", () => {
    expect(attachmentErrors("initial", { election_report: 1 })).toEqual({ rules_of_procedure: "committees.filings.errors.attachmentRequired", management_covenant: "committees.filings.errors.attachmentRequired" });
    expect(attachmentErrors("initial", { election_report: 1, rules_of_procedure: 2, management_covenant: 1, other_decisions: 11 })).toEqual({ other_decisions: "committees.filings.errors.tooManyFiles" });
    expect(attachmentErrors("change", {})).toEqual({});
  });

  it("a refused submission stores no file: attach runs only once every check has passed", async () => {
    const before = await fileCount();
    const docs = [{ kind: "election_report", name: "选举情况报告.pdf" }];
    expect(await submitFiling(h.db, street, N1, "cmt_t_ov1", { kind: "initial", attachments: [] }, at("2026-03-05T10:00:00+08:00"), { attach: attach(N1, street.id, docs, at("2026-03-05T10:00:00+08:00")) })).toEqual({ ok: false, errors: { _form: "committees.errors.notMember" } });
    expect(await fileCount()).toBe(before);
    // Nothing to attach is still refused for the initial filing.
    expect(await submitFiling(h.db, member(), N1, "cmt_t_ov1", { kind: "initial", attachments: [] }, at("2026-03-05T10:00:00+08:00"), { attach: async () => [] })).toEqual({ ok: false, errors: { attachments: "committees.errors.attachmentsRequired" } });
    expect(await h.db.select().from(committeeFilings).where(eq(committeeFilings.committeeId, "cmt_t_ov1"))).toEqual([]);
  });

  it("submitted with its files in one transaction: pending in the list and on the filing page", async () => {
    const when = at("2026-03-05T10:00:00+08:00");
    const docs = [
      { kind: "election_report", name: "选举情况报告.pdf" },
      { kind: "rules_of_procedure", name: "议事规则.pdf" },
      { kind: "management_covenant", name: "管理规约.pdf" },
    ];
    const r = await submitFiling(h.db, member(), N1, "cmt_t_ov1", { kind: "initial", attachments: [] }, when, { id: "cmf_t_ov1", attach: attach(N1, member().id, docs, when) });
    expect(r).toEqual({ ok: true, filingId: "cmf_t_ov1" });
    filingId = "cmf_t_ov1";
    const stored = await h.db.select({ id: files.id, compoundId: files.compoundId, name: files.displayName }).from(files).where(and(eq(files.ownerKind, "committee_filing"), eq(files.ownerId, filingId)));
    expect(stored.map((f) => [f.compoundId, f.name]).sort()).toEqual(docs.map((d) => [N1, d.name]).sort());
    const [f] = await h.db.select().from(committeeFilings).where(eq(committeeFilings.id, filingId));
    expect(f.attachments.map((a) => a.kind)).toEqual(docs.map((d) => d.kind));
    expect(new Set(f.attachments.map((a) => a.fileId))).toEqual(new Set(stored.map((s) => s.id)));

    expect(await rowOf(N1, when)).toMatchObject({ status: "active", filing: "pending", pendingFilings: 1 });
    const page = (await filingsPage(h.db, N1, when))!;
    expect(page.initial).toMatchObject({ state: "pending", overdue: false, acceptedAt: null, latestId: filingId });
    expect(page.initial.deadline.lastDay).toBe("2026-03-12");
    expect(page.pendingInitial).toBe(true);
    expect(page.pendingCount).toBe(1);
    expect(page.filings[0].attachments.map((a) => a.name)).toEqual(docs.map((d) => d.name));
    expect(page.filings[0].submittedByName).toBe((await h.db.select({ name: users.name }).from(users).where(eq(users.id, member().id)))[0].name);
  });

  it("returned with reasons: the list says returned, then overdue once the 30 days are over", async () => {
    expect(await decideFiling(h.db, street, N1, filingId, { accept: false, reasons: "管理规约缺少签字页。" }, at("2026-03-06T10:00:00+08:00"))).toEqual({ ok: true });
    expect(await rowOf(N1, at("2026-03-06T11:00:00+08:00"))).toMatchObject({ status: "active", filing: "returned", pendingFilings: 0 });
    const page = (await filingsPage(h.db, N1, at("2026-03-06T11:00:00+08:00")))!;
    expect(page.initial.state).toBe("returned");
    expect(page.filings[0]).toMatchObject({ status: "returned", reasons: "管理规约缺少签字页。", decidedByName: "黄伟" });
    expect(await rowOf(N1, at("2026-03-13T09:00:00+08:00"))).toMatchObject({ status: "filing_overdue", filing: "overdue" });
  });

  it("submitted again late and accepted: the list shows it filed and the committee in good order", async () => {
    const when = at("2026-03-13T10:00:00+08:00");
    const docs = [
      { kind: "election_report", name: "选举情况报告.pdf" },
      { kind: "rules_of_procedure", name: "议事规则.pdf" },
      { kind: "management_covenant", name: "管理规约（含签字页）.pdf" },
    ];
    const again = await submitFiling(h.db, member(), N1, "cmt_t_ov1", { kind: "initial", attachments: [] }, when, { attach: attach(N1, member().id, docs, when) });
    expect(again.ok).toBe(true);
    // Pending but late: still overdue, one to review.
    expect(await rowOf(N1, when)).toMatchObject({ status: "filing_overdue", filing: "overdue", pendingFilings: 1 });
    await expectSameAsOverview(when);

    const acceptAt = at("2026-03-16T10:00:00+08:00");
    expect(await decideFiling(h.db, street, N1, again.ok ? again.filingId : "", { accept: true }, acceptAt)).toEqual({ ok: true });
    expect(await rowOf(N1, acceptAt)).toMatchObject({ status: "active", filing: "accepted", pendingFilings: 0 });
    await expectSameAsOverview(acceptAt);
    const page = (await filingsPage(h.db, N1, acceptAt))!;
    expect(page.initial).toMatchObject({ state: "accepted", overdue: true, acceptedAt: acceptAt });
    expect(page.filings.map((f) => f.status)).toEqual(["accepted", "returned"]);
  });

  it("a change filing counts in the pending column and gets its own 30 days", async () => {
    const when = at("2026-03-18T10:00:00+08:00");
    const r = await submitFiling(h.db, member(), N1, "cmt_t_ov1", { kind: "change", summary: "委员辞职，候补委员递补。", eventAt: at("2026-03-17T00:00:00+08:00"), attachments: [] }, when, { attach: async () => [] });
    expect(r.ok).toBe(true);
    expect(await rowOf(N1, when)).toMatchObject({ status: "active", filing: "accepted", pendingFilings: 1 });
    const page = (await filingsPage(h.db, N1, when))!;
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ state: "pending", overdue: false });
    expect(page.changes[0].deadline.lastDay).toBe("2026-04-16");
    expect(page.pendingChange).toBe(true);
    expect(page.filings[0]).toMatchObject({ kind: "change", attachments: [] });
  });

  it("a compound without a committee has no filing page", async () => {
    const none = (await all(E2E_NOW)).find((r) => r.status === "none");
    expect(none).toBeDefined();
    expect(await filingsPage(h.db, none!.id, E2E_NOW)).toBeNull();
  });
});
