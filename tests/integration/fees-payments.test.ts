import crypto from "node:crypto";
import { describe, expect, it, beforeAll } from "vitest";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  auditLog, billMonths, bills, buildings, creditNotes, files, ownerships, owners, paymentAllocations, paymentIntents, payments, receiptCounters, residents, roleGrants, units, users,
} from "~db/schema";
import { loadActiveGrants } from "~/auth/guard.server";
import { newId } from "~/ids";
import { collectorOf } from "~/fees/collector.server";
import { ledgerTotals, unitCreditFen } from "~/fees/ledger.server";
import { applyCredit, collectorSide, formatReceiptNo, listPayments, paymentFormData, recordPayment, reversePayment, type RecordPaymentInput } from "~/fees/payments.server";
import { PaymentsListSchema, PayOnlineSchema, RecordPaymentSchema } from "~/fees/payments-schema";
import { acceptCallback, sandboxPay, sandboxProvider, signSandboxCallback, verifySandboxCallback, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "~/fees/provider.server";
import { receiptAccess, receiptData, receiptPdf } from "~/fees/receipt.server";
import { cancelIntent, createIntent, intentIdFor, isPayerOf, myBills } from "~/fees/my-bills.server";
import { creditNoteProblem, monthsOf, reconcile } from "~/fees/rules";
import { shanghaiDay } from "~/platform/days";
import { useTestDb } from "../support/test-db";
import { usingPostgres } from "../support/db";
import { pdfText } from "../support/pdf-text";

const h = useTestDb();
const TEST_KEY = Buffer.alloc(32, 9);

/**
 * 和平里一区 (cp_hepingli1) is served by 江安物业 (co_jiangan), staff 刘强 (usr_demo07); 和平里二区 (cp_hepingli2) is
 * quasi-property, collected by the community (com_hepingli). Bills are inserted by the fixture below on units made
 * for this file (own buildings), so the demo seed's own fee data, if any, does not interfere; receipt numbers are
 * compared with the counter as found. Instants in +08:00; the demo clock of the template is 2026-01-05T02:00Z.
 */
const at = (s: string) => new Date(s);
const NOW = at("2026-01-05T10:00:00+08:00");
const CP = "cp_hepingli1";
const CP2 = "cp_hepingli2";
const staff = { id: "usr_demo07", name: "刘强" };
let JA = "";
let COMMUNITY = "";

type Fx = { unitId: string; buildingId: string; ownerId: string; ownerName: string; areaCenti: number };
let seq = 0;

/** A unit of its own building with one owner (optionally linked to a user account). */
async function makeUnit(cp = CP, opts: { userId?: string; ownerName?: string } = {}): Promise<Fx> {
  const n = ++seq;
  const buildingId = `bld_fx_${cp}_${n}`;
  await h.db.insert(buildings).values({ id: buildingId, compoundId: cp, name: `测试楼${n}`, createdAt: NOW });
  const unitId = `unt_fx_${cp}_${n}`;
  const areaCenti = 8523;
  await h.db.insert(units).values({ id: unitId, compoundId: cp, buildingId, number: `${n}01`, kind: "dwelling", areaCenti, areaSource: "register", createdAt: NOW });
  const ownerId = `own_fx_${cp}_${n}`;
  const ownerName = opts.ownerName ?? `业主${n}号`;
  await h.db.insert(owners).values({ id: ownerId, compoundId: cp, kind: "person", name: ownerName, userId: opts.userId ?? null, createdAt: NOW });
  await h.db.insert(ownerships).values({ id: `osp_fx_${n}`, compoundId: cp, unitId, ownerId, validFrom: "2020-01-01", createdAt: NOW });
  return { unitId, buildingId, ownerId, ownerName, areaCenti };
}

/** A bill of the fixture unit (and its months), as the billing engine would write it. */
async function bill(u: Fx, input: { item?: string; from: string; to?: string; fen: number; due: string; collector?: string; cp?: string }): Promise<string> {
  const id = newId("bil");
  const to = input.to ?? input.from;
  const months = monthsOf({ from: input.from, to });
  const item = input.item ?? "property";
  await h.db.insert(bills).values({
    id, compoundId: input.cp ?? CP, buildingId: u.buildingId, unitId: u.unitId, collectorKey: input.collector ?? JA, itemCode: item, itemName: item === "property" ? "物业费" : "停车费",
    periodFrom: input.from, periodTo: to, months: months.length, payerKind: "owner", payerOwnerId: u.ownerId, payerKey: u.ownerId, payerName: u.ownerName,
    quantity: u.areaCenti, rates: months.map(() => 150), amountFen: input.fen, dueDay: input.due, source: "import", createdAt: NOW,
  });
  await h.db.insert(billMonths).values(months.map((month) => ({ unitId: u.unitId, itemCode: item, month, billId: id })));
  return id;
}

let keyNo = 0;
const pay = (u: Fx, fen: number, extra: Partial<RecordPaymentInput> = {}, cp = CP, now = NOW) =>
  recordPayment(h.db, staff, cp, { unitId: u.unitId, amountFen: fen, method: "cash", paidAt: now, payerName: u.ownerName, idempotencyKey: `test:${++keyNo}`, ...extra }, now);

async function counter(collectorKey: string, year: number): Promise<number> {
  const [c] = await h.db.select().from(receiptCounters).where(and(eq(receiptCounters.collectorKey, collectorKey), eq(receiptCounters.year, year)));
  return c?.lastNo ?? 0;
}

async function allocationsOf(paymentId: string) {
  return h.db.select({ billId: paymentAllocations.billId, fen: paymentAllocations.amountFen }).from(paymentAllocations).where(eq(paymentAllocations.paymentId, paymentId)).orderBy(asc(paymentAllocations.id));
}

async function outstanding(billId: string): Promise<number> {
  const t = await ledgerTotals(h.db, eq(bills.id, billId));
  return t.outstandingFen;
}

beforeAll(async () => {
  JA = (await collectorOf(h.db, CP, shanghaiDay(NOW)))!.key;
  COMMUNITY = (await collectorOf(h.db, CP2, shanghaiDay(NOW)))!.key;
});

describe("recording payments @fees", () => {
  it("the demo collectors: 江安物业 for 和平里一区, the community for 和平里二区; receipt numbers read W-JIANGAN-2026-000123", () => {
    expect(JA).toBe("company:co_jiangan");
    expect(COMMUNITY).toBe("community:com_hepingli");
    expect(formatReceiptNo(JA, 2026, 123)).toBe("W-JIANGAN-2026-000123");
    expect(formatReceiptNo("owners:cp_fangzhi", 2026, 1)).toBe("Y-FANGZHI-2026-000001");
    expect(formatReceiptNo(COMMUNITY, 2025, 1_234_567)).toBe("S-HEPINGLI-2025-1234567");
  });

  it("applies a payment to the oldest bill first: due date, period start, item code, bill id", async () => {
    const u = await makeUnit();
    const nov = await bill(u, { from: "2025-11", fen: 12785, due: "2025-11-30" });
    const octProperty = await bill(u, { from: "2025-10", fen: 12785, due: "2025-10-31" });
    const octParking = await bill(u, { item: "parking", from: "2025-10", fen: 15000, due: "2025-10-31" });
    const r = await pay(u, 30000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.created).toBe(true);
    // parking < property on the same due day and period; then the November bill gets the rest.
    expect(r.allocations).toEqual([
      { paymentId: r.payment.id, billId: octParking, fen: 15000 },
      { paymentId: r.payment.id, billId: octProperty, fen: 12785 },
      { paymentId: r.payment.id, billId: nov, fen: 2215 },
    ]);
    expect(r.creditFen).toBe(0);
    expect(await outstanding(nov)).toBe(12785 - 2215);
    expect(await outstanding(octParking)).toBe(0);
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.payment.record"), eq(auditLog.targetId, r.payment.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.id, result: "ok" });
    expect(audit[0].after).toMatchObject({ receiptNo: r.receiptNo, amountFen: 30000, allocatedFen: 30000, creditFen: 0 });
  });

  it("keeps what is more than due as prepayment credit, applies it to later bills, and applies older credit before new money", async () => {
    const u = await makeUnit();
    const dec = await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const first = await pay(u, 20000);
    expect(first.ok && first.creditFen).toBe(20000 - 12785);
    expect(await unitCreditFen(h.db, u.unitId, JA)).toBe(7215);
    expect(await outstanding(dec)).toBe(0);
    // A new bill: the credit pays it when the billing run calls applyCredit.
    const jan = await bill(u, { from: "2026-01", fen: 12785, due: "2026-01-31" });
    const applied = await applyCredit(h.db, u.unitId, JA, { now: NOW });
    expect(applied.allocatedFen).toBe(7215);
    expect(applied.allocations).toEqual([{ paymentId: first.ok ? first.payment.id : "", billId: jan, fen: 7215 }]);
    expect(await unitCreditFen(h.db, u.unitId, JA)).toBe(0);
    expect(await outstanding(jan)).toBe(12785 - 7215);
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.credit.apply"), eq(auditLog.targetId, u.unitId)))).toHaveLength(1);
    // Nothing left: applying again writes nothing.
    expect((await applyCredit(h.db, u.unitId, JA, { now: NOW })).allocatedFen).toBe(0);

    // Older credit first: prepay, then a bill arrives without applyCredit, then a new payment.
    const v = await makeUnit();
    const pre = await pay(v, 5000);
    expect(pre.ok && pre.creditFen).toBe(5000);
    const feb = await bill(v, { from: "2026-02", fen: 12785, due: "2026-02-28" });
    const next = await pay(v, 10000);
    expect(next.ok).toBe(true);
    if (!next.ok || !pre.ok) return;
    expect(next.allocations).toEqual([
      { paymentId: pre.payment.id, billId: feb, fen: 5000 },
      { paymentId: next.payment.id, billId: feb, fen: 7785 },
    ]);
    expect(next.creditFen).toBe(10000 - 7785);
    // The receipt shows what was kept as credit.
    const rc = (await receiptData(h.db, CP, next.payment.id))!;
    expect(rc.items).toEqual([{ billId: feb, itemName: "物业费", periodFrom: "2026-02", periodTo: "2026-02", fen: 7785 }]);
    expect(rc.prepaidFen).toBe(2215);
  });

  it("refuses bad input with nothing written: zero, negative, fractional fen, future, no payer, another compound's unit, no collector", async () => {
    const u = await makeUnit();
    const other = await makeUnit(CP2);
    const before = (await h.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0].n;
    expect(await pay(u, 0)).toEqual({ ok: false, reason: "AMOUNT_INVALID" });
    expect(await pay(u, -500)).toEqual({ ok: false, reason: "AMOUNT_INVALID" });
    expect(await pay(u, 12.5)).toEqual({ ok: false, reason: "AMOUNT_INVALID" });
    expect(await pay(u, 100, { paidAt: at("2026-01-06T10:00:00+08:00") })).toEqual({ ok: false, reason: "PAID_IN_FUTURE" });
    expect(await pay(u, 100, { payerName: "  " })).toEqual({ ok: false, reason: "PAYER_REQUIRED" });
    expect(await pay(other, 100)).toEqual({ ok: false, reason: "UNIT_NOT_FOUND" });
    // Before the company's contract nobody collected 和平里一区 … or the staff's body is not the payment day's.
    expect(await pay(u, 100, { paidAt: at("1999-01-01T10:00:00+08:00") })).toEqual({ ok: false, reason: "NO_COLLECTOR" });
    expect(await recordPayment(h.db, staff, CP, { unitId: u.unitId, amountFen: 100, method: "cash", paidAt: NOW, payerName: "甲", idempotencyKey: "x-mismatch" }, NOW, { collectorKey: COMMUNITY })).toEqual({
      ok: false,
      reason: "COLLECTOR_MISMATCH",
    });
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0].n).toBe(before);
    // Typed amounts: parseAmountFen's refusals become field errors.
    const form = (amount: string) => RecordPaymentSchema.safeParse({ unitId: u.unitId, amount, method: "cash", paidAt: "2026-01-05T09:00", payerName: "甲", token: "tok_abcdefghijklmnop" });
    expect(form("127.85").data?.amount).toBe(12785);
    expect(form("-5").error?.issues[0].message).toBe("fees.payments.errors.amountNegative");
    expect(form("1.005").error?.issues[0].message).toBe("fees.payments.errors.amountTooPrecise");
    expect(form("0").error?.issues[0].message).toBe("fees.payments.errors.amountZero");
    expect(form("abc").error?.issues[0].message).toBe("fees.payments.errors.amountNotNumber");
    expect(PayOnlineSchema.safeParse({ unitId: "u", choice: "amount", amount: "0.001", token: "tok_abcdefghijklmnop" }).error?.issues[0]).toMatchObject({ path: ["amount"], message: "fees.payments.errors.amountTooPrecise" });
  });

  it("the same submission twice is one payment; a different payment under the same key is refused", async () => {
    const u = await makeUnit();
    await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const input = { idempotencyKey: "form:same-twice" };
    const a = await pay(u, 12785, input);
    const b = await pay(u, 12785, input);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.created).toBe(false);
    expect(b.payment.id).toBe(a.payment.id);
    expect(b.receiptNo).toBe(a.receiptNo);
    expect(b.allocations).toEqual([]);
    expect(await h.db.select().from(payments).where(eq(payments.idempotencyKey, "form:same-twice"))).toHaveLength(1);
    expect(await allocationsOf(a.payment.id)).toHaveLength(1);
    expect(await pay(u, 100, input)).toEqual({ ok: false, reason: "KEY_REUSED" });
  });
});

describe("receipt numbers @fees", () => {
  it("run without gaps per collecting body and Shanghai year; a rolled-back payment leaves no gap", async () => {
    const u = await makeUnit();
    const w = await makeUnit(CP2);
    const start = await counter(JA, 2026);
    const startCommunity = await counter(COMMUNITY, 2026);
    const a = await pay(u, 100);
    const b = await pay(w, 100, {}, CP2);
    const c = await pay(u, 100);
    expect(a.ok && a.payment.receiptNo).toBe(start + 1);
    expect(c.ok && c.payment.receiptNo).toBe(start + 2);
    expect(b.ok && b.payment).toMatchObject({ collectorKey: COMMUNITY, receiptYear: 2026, receiptNo: startCommunity + 1 });
    expect(c.ok && c.receiptNo).toBe(formatReceiptNo(JA, 2026, start + 2));

    // A payment whose transaction rolls back after drawing its number: the next payment takes that number.
    await expect(
      h.db.transaction(async (tx) => {
        const r = await recordPayment(tx, staff, CP, { unitId: u.unitId, amountFen: 100, method: "cash", paidAt: NOW, payerName: "甲", idempotencyKey: "rolled-back" }, NOW);
        expect(r.ok && r.payment.receiptNo).toBe(start + 3);
        throw new Error("the rest of the transaction failed");
      }),
    ).rejects.toThrow("the rest of the transaction failed");
    expect(await h.db.select().from(payments).where(eq(payments.idempotencyKey, "rolled-back"))).toHaveLength(0);
    const d = await pay(u, 100);
    expect(d.ok && d.payment.receiptNo).toBe(start + 3);

    // The Shanghai year: 2025-12-31 16:30 UTC is 2026-01-01 00:30 in Shanghai; 15:30 UTC is still 2025.
    const y2025 = await counter(JA, 2025);
    const e = await pay(u, 100, { paidAt: at("2025-12-31T15:30:00Z") });
    const f = await pay(u, 100, { paidAt: at("2025-12-31T16:30:00Z") });
    expect(e.ok && e.payment).toMatchObject({ receiptYear: 2025, receiptNo: y2025 + 1 });
    expect(f.ok && f.payment).toMatchObject({ receiptYear: 2026, receiptNo: start + 4 });
    const all = await h.db.select({ no: payments.receiptNo }).from(payments).where(and(eq(payments.collectorKey, JA), eq(payments.receiptYear, 2026))).orderBy(asc(payments.receiptNo));
    expect(all.map((r) => r.no)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });
});

describe("reversal (冲销) @fees", () => {
  it("a negative payment with its own number mirrors the allocations; the original keeps its number; bills reopen; audited", async () => {
    const u = await makeUnit();
    const b1 = await bill(u, { from: "2025-11", fen: 12785, due: "2025-11-30" });
    const b2 = await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const orig = await pay(u, 30000);
    if (!orig.ok) throw new Error("not recorded");
    expect(await unitCreditFen(h.db, u.unitId, JA)).toBe(30000 - 2 * 12785);
    // The credit is applied later to a new bill: the reversal takes it back too.
    const b3 = await bill(u, { from: "2026-01", fen: 12785, due: "2026-01-31" });
    await applyCredit(h.db, u.unitId, JA, { now: at("2026-01-05T11:00:00+08:00") });
    const before = await counter(JA, 2026);
    const later = at("2026-01-05T12:00:00+08:00");
    expect(await reversePayment(h.db, staff, CP, orig.payment.id, " ", later)).toEqual({ ok: false, reason: "REASON_REQUIRED" });
    const r = await reversePayment(h.db, staff, CP, orig.payment.id, "收款记错了户", later);
    expect(r && r.ok).toBe(true);
    if (!r || !r.ok) return;
    expect(r.reversal).toMatchObject({ amountFen: -30000, reversesId: orig.payment.id, receiptNo: before + 1, receiptYear: 2026, collectorKey: JA, unitId: u.unitId, note: "收款记错了户" });
    expect(r.receiptNo).toBe(formatReceiptNo(JA, 2026, before + 1));
    const [kept] = await h.db.select().from(payments).where(eq(payments.id, orig.payment.id));
    expect(kept.receiptNo).toBe(orig.payment.receiptNo);
    const mirror = await allocationsOf(r.reversal.id);
    expect(mirror.map((m) => [m.billId, m.fen]).sort()).toEqual([[b1, -12785], [b2, -12785], [b3, -(30000 - 2 * 12785)]].sort());
    expect(await outstanding(b1)).toBe(12785);
    expect(await outstanding(b3)).toBe(12785);
    expect(await unitCreditFen(h.db, u.unitId, JA)).toBe(0);
    // Once only; a reversal is not reversed; another compound's payment is not found.
    expect(await reversePayment(h.db, staff, CP, orig.payment.id, "again", later)).toEqual({ ok: false, reason: "ALREADY_REVERSED" });
    expect(await reversePayment(h.db, staff, CP, r.reversal.id, "again", later)).toEqual({ ok: false, reason: "NOT_REVERSIBLE" });
    expect(await reversePayment(h.db, staff, CP2, orig.payment.id, "x", later)).toBe(null);
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.payment.reverse"), eq(auditLog.targetId, orig.payment.id)));
    expect(audit).toHaveLength(1);
    // The receipt of the reversal prints 冲销 and the absolute amount; the original says it was reversed.
    const rc = (await receiptData(h.db, CP, r.reversal.id))!;
    expect(rc).toMatchObject({ reversal: true, totalFen: 30000, totalWords: "叁佰元整", reversesNo: orig.receiptNo });
    expect(rc.items.reduce((s, i) => s + i.fen, 0) + rc.prepaidFen).toBe(30000);
    const text = (await pdfText(await receiptPdf(rc))).pages.join("\n").replace(/\s+/g, "");
    expect(text).toContain("冲销");
    expect(text).toContain("人民币（大写）叁佰元整");
    expect(text).toContain("¥300.00");
    expect(text).toContain(r.receiptNo);
    expect(text).not.toContain("-300");
    const oc = (await receiptData(h.db, CP, orig.payment.id))!;
    expect(oc.reversedBy?.receiptNo).toBe(r.receiptNo);
    // The reopened bills take other credit of the unit.
    const v = await makeUnit();
    const vb = await bill(v, { from: "2025-12", fen: 10000, due: "2025-12-31" });
    const p1 = await pay(v, 10000);
    const p2 = await pay(v, 4000); // credit 4,000
    if (!p1.ok || !p2.ok) throw new Error("not recorded");
    const rv = await reversePayment(h.db, staff, CP, p1.payment.id, "退款", later);
    expect(rv && rv.ok).toBe(true);
    expect(await outstanding(vb)).toBe(6000);
    expect(await unitCreditFen(h.db, v.unitId, JA)).toBe(0);
  });
});

describe("receipts @fees", () => {
  it("items with periods and amounts, total in figures and 大写, method, paid at, number; HTML data and PDF agree", async () => {
    const u = await makeUnit(CP, { ownerName: "李桂芳" });
    await bill(u, { from: "2025-10", to: "2025-12", fen: 38354, due: "2025-10-31" });
    const r = await pay(u, 168032, { method: "transfer", reference: "银行流水 8899", paidAt: at("2026-01-05T09:30:00+08:00") });
    if (!r.ok) throw new Error("not recorded");
    const d = (await receiptData(h.db, CP, r.payment.id))!;
    expect(d).toMatchObject({
      receiptNo: r.receiptNo, collector: "江安物业服务有限公司", payerName: "李桂芳", method: "transfer", totalFen: 168032, totalWords: "壹仟陆佰捌拾元零叁角贰分",
      items: [{ itemName: "物业费", periodFrom: "2025-10", periodTo: "2025-12", fen: 38354 }], prepaidFen: 168032 - 38354, reversal: false,
    });
    expect(await receiptData(h.db, CP2, r.payment.id)).toBe(null);
    expect((await receiptData(h.db, CP, r.payment.id, { maskPayer: true }))!.payerName).toBe("李*芳");
    const text = (await pdfText(await receiptPdf(d))).pages.join("\n").replace(/\s+/g, "");
    for (const s of [r.receiptNo, "江安物业服务有限公司", "李桂芳", "2025-10至2025-12", "¥383.54", "¥1,680.32", "人民币（大写）壹仟陆佰捌拾元零叁角贰分", "银行转账", "2026/01/0509:30", "预存"]) expect(text).toContain(s);
    const en = (await pdfText(await receiptPdf(d, "en"))).pages.join(" ");
    expect(en).toContain("Receipt");
  });

  it("who sees a receipt: the collecting body's staff, fees:view holders (payer masked), the payer; others not", async () => {
    const userId = "usr_fx_payer";
    await h.db.insert(users).values({ id: userId, phone: "19900000001", name: "付款人", createdAt: NOW });
    await h.db.insert(roleGrants).values({ id: "grt_fx_payer", userId, role: "owner", scopeKind: "node", nodeId: CP, validFrom: at("2020-01-01T00:00:00Z"), createdAt: NOW });
    const u = await makeUnit(CP, { userId, ownerName: "付款人" });
    const other = await makeUnit();
    const r = await pay(u, 1000);
    const o = await pay(other, 1000);
    if (!r.ok || !o.ok) throw new Error("not recorded");
    const compound = { id: CP, path: (await h.db.query.areaNodes.findFirst({ where: (n, { eq: e }) => e(n.id, CP) }))!.path };
    const actor = async (id: string) => ({ userId: id, grants: await loadActiveGrants(h.db, id, NOW) });
    const target = (p: typeof r.payment) => ({ id: p.id, unitId: p.unitId, collectorKey: p.collectorKey });
    expect(await receiptAccess(h.db, await actor("usr_demo07"), compound, target(r.payment), NOW)).toEqual({ maskPayer: false, staff: true });
    expect(await receiptAccess(h.db, await actor("usr_demo02"), compound, target(r.payment), NOW)).toEqual({ maskPayer: true, staff: true });
    expect(await receiptAccess(h.db, await actor(userId), compound, target(r.payment), NOW)).toEqual({ maskPayer: false, staff: false });
    expect(await receiptAccess(h.db, await actor(userId), compound, target(o.payment), NOW)).toBe(null);
    expect(await receiptAccess(h.db, await actor("usr_demo08"), compound, target(r.payment), NOW)).toBe(null);
    // The community worker of 和平里 is not 江安物业's staff: fees:view, masked; the company's staff collects.
    expect((await collectorSide(h.db, await actor("usr_demo07"), compound, NOW)).collects).toBe(true);
    expect((await collectorSide(h.db, await actor("usr_demo03"), compound, NOW)).collects).toBe(false);
    // A resident of the unit sees it too.
    const resident = "usr_fx_resident";
    await h.db.insert(users).values({ id: resident, phone: "19900000002", name: "租户", createdAt: NOW });
    await h.db.insert(roleGrants).values({ id: "grt_fx_resident", userId: resident, role: "resident", scopeKind: "node", nodeId: CP, validFrom: at("2020-01-01T00:00:00Z"), createdAt: NOW });
    await h.db.insert(residents).values({ id: "res_fx_1", compoundId: CP, unitId: u.unitId, name: "租户", relation: "tenant", userId: resident, validFrom: "2025-01-01", createdAt: NOW });
    expect(await isPayerOf(h.db, resident, CP, r.payment, "2026-01-05")).toBe(true);
    expect(await receiptAccess(h.db, await actor(resident), compound, target(r.payment), NOW)).toEqual({ maskPayer: false, staff: false });
  });
});

describe("online payment with the sandbox provider @fees", () => {
  const payerId = "usr_fx_online";
  let u: Fx;
  beforeAll(async () => {
    await h.db.insert(users).values({ id: payerId, phone: "19900000003", name: "王在线", createdAt: NOW });
    await h.db.insert(roleGrants).values({ id: "grt_fx_online", userId: payerId, role: "owner", scopeKind: "node", nodeId: CP, validFrom: at("2020-01-01T00:00:00Z"), createdAt: NOW });
    u = await makeUnit(CP, { userId: payerId, ownerName: "王在线" });
    await bill(u, { from: "2025-11", fen: 12785, due: "2025-11-30" });
    await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
  });
  const user = { id: payerId, name: "王在线" };
  const form = (token: string, extra: Record<string, string> = {}) => PayOnlineSchema.parse({ unitId: u.unitId, choice: "all", token, ...extra });

  it("the payer's page: bills due and overdue with days, totals; an intent once per form token; not for others' units", async () => {
    const page = await myBills(h.db, payerId, CP, NOW);
    const mine = page.units.find((x) => x.unitId === u.unitId)!;
    expect(mine.open.map((b) => [b.periodFrom, b.status, b.daysOverdue])).toEqual([
      ["2025-11", "overdue", 36],
      ["2025-12", "overdue", 5],
    ]);
    expect(mine.dueNowFen).toBe(25570);
    expect(page.totalDueFen).toBe(25570);

    const a = await createIntent(h.db, user, CP, form("tok_double_submit_0001"), sandboxProvider, NOW);
    const b = await createIntent(h.db, user, CP, form("tok_double_submit_0001"), sandboxProvider, NOW);
    expect(a && a.ok && a.created).toBe(true);
    expect(b && b.ok && !b.created).toBe(true);
    if (!a || !a.ok || !b || !b.ok) return;
    expect(b.intent.id).toBe(a.intent.id);
    expect(a.intent).toMatchObject({ amountFen: 25570, status: "pending", provider: "sandbox", userId: payerId });
    expect(await h.db.select().from(paymentIntents).where(eq(paymentIntents.unitId, u.unitId))).toHaveLength(1);
    expect((await sandboxProvider.createCheckout({ id: a.intent.id, compoundId: CP, unitId: u.unitId, amountFen: 25570, description: "" })).redirectUrl).toBe(`/pay/sandbox/${a.intent.id}`);
    // Another owner's unit, or another compound: not found.
    const stranger = await makeUnit();
    expect(await createIntent(h.db, user, CP, PayOnlineSchema.parse({ unitId: stranger.unitId, choice: "all", token: "tok_stranger_000001" }), sandboxProvider, NOW)).toBe(null);
    expect(await createIntent(h.db, user, CP2, form("tok_other_compound_01"), sandboxProvider, NOW)).toBe(null);
    // Cancelled on the sandbox page: nothing paid.
    const c = await createIntent(h.db, user, CP, form("tok_cancel_000000001", { choice: "amount", amount: "10" }), sandboxProvider, NOW);
    expect(c && c.ok && c.intent.amountFen).toBe(1000);
    expect(await cancelIntent(h.db, intentIdFor(payerId, "tok_cancel_000000001"), user, NOW)).toBe(true);
    expect(await cancelIntent(h.db, intentIdFor(payerId, "tok_cancel_000000001"), user, NOW)).toBe(false);
  });

  it("a signed callback records the payment once; a replay records nothing; forged, stale, malformed and wrong amounts are refused and audited", async () => {
    const intentId = intentIdFor(payerId, "tok_double_submit_0001");
    const count = async () => (await h.db.select().from(payments).where(eq(payments.unitId, u.unitId))).length;
    const deniedBefore = (await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.payment.callback"), eq(auditLog.result, "denied")))).length;

    // Forged: signed with another key.
    const forged = signSandboxCallback({ intentId, amountFen: 25570, providerRef: "sbx_forged" }, NOW, Buffer.alloc(32, 7));
    expect(await acceptCallback(h.db, sandboxProvider, forged.rawBody, new Headers(forged.headers), NOW)).toMatchObject({ status: 401, body: "invalid signature" });
    // Tampered body under a valid signature.
    const good = signSandboxCallback({ intentId, amountFen: 25570, providerRef: "sbx_1" }, NOW);
    const tampered = good.rawBody.replace("25570", "1");
    expect(await acceptCallback(h.db, sandboxProvider, tampered, new Headers(good.headers), NOW)).toMatchObject({ status: 401 });
    // No signature at all.
    expect(await acceptCallback(h.db, sandboxProvider, good.rawBody, new Headers({ [TIMESTAMP_HEADER]: good.headers[TIMESTAMP_HEADER] }), NOW)).toMatchObject({ status: 401 });
    // Stale: signed ten minutes ago.
    const stale = signSandboxCallback({ intentId, amountFen: 25570, providerRef: "sbx_old" }, new Date(NOW.getTime() - 10 * 60_000));
    expect(await acceptCallback(h.db, sandboxProvider, stale.rawBody, new Headers(stale.headers), NOW)).toMatchObject({ status: 401, body: "stale callback" });
    // Wrong amount, unknown intent, malformed JSON (all validly signed).
    const wrong = signSandboxCallback({ intentId, amountFen: 100, providerRef: "sbx_2" }, NOW);
    expect(await acceptCallback(h.db, sandboxProvider, wrong.rawBody, new Headers(wrong.headers), NOW)).toMatchObject({ status: 400, body: "amount mismatch" });
    const unknown = signSandboxCallback({ intentId: "pin_nope", amountFen: 100, providerRef: "sbx_3" }, NOW);
    expect(await acceptCallback(h.db, sandboxProvider, unknown.rawBody, new Headers(unknown.headers), NOW)).toMatchObject({ status: 400, body: "unknown intent" });
    expect(verifySandboxCallback("{not json", new Headers(signRaw("{not json")), NOW, TEST_KEY)).toEqual({ ok: false, reason: "MALFORMED" });
    expect(verifySandboxCallback('{"intentId":"x","amountFen":1.5,"providerRef":"y"}', new Headers(signRaw('{"intentId":"x","amountFen":1.5,"providerRef":"y"}')), NOW, TEST_KEY)).toEqual({ ok: false, reason: "MALFORMED" });
    const malformed = signRaw("[]");
    expect(await acceptCallback(h.db, { ...sandboxProvider, verifyCallback: (b, hd, n) => verifySandboxCallback(b, hd, n, TEST_KEY) }, "[]", new Headers(malformed), NOW)).toMatchObject({ status: 400, body: "malformed callback" });
    expect(await count()).toBe(0);
    const denied = await h.db.select().from(auditLog).where(and(eq(auditLog.action, "fees.payment.callback"), eq(auditLog.result, "denied")));
    expect(denied.length - deniedBefore).toBe(7);

    // Valid: recorded, the intent paid, the bills settled.
    const ok = await acceptCallback(h.db, sandboxProvider, good.rawBody, new Headers(good.headers), NOW);
    expect(ok).toMatchObject({ status: 200, body: "recorded" });
    const [p] = await h.db.select().from(payments).where(eq(payments.idempotencyKey, `intent:${intentId}`));
    expect(p).toMatchObject({ method: "online", amountFen: 25570, unitId: u.unitId, payerName: "王在线", reference: "sandbox:sbx_1", recordedBy: null });
    const [intent] = await h.db.select().from(paymentIntents).where(eq(paymentIntents.id, intentId));
    expect(intent).toMatchObject({ status: "paid", paymentId: p.id });
    // Replayed: 200 "already recorded", nothing new.
    const replay = await acceptCallback(h.db, sandboxProvider, good.rawBody, new Headers(good.headers), NOW);
    expect(replay).toMatchObject({ status: 200, body: "already recorded", paymentId: p.id });
    expect(await count()).toBe(1);
    const page = await myBills(h.db, payerId, CP, NOW);
    const mine = page.units.find((x) => x.unitId === u.unitId)!;
    expect(mine.dueNowFen).toBe(0);
    expect(mine.payments.map((x) => x.receiptNo)).toEqual([formatReceiptNo(JA, p.receiptYear, p.receiptNo)]);
    expect(await isPayerOf(h.db, payerId, CP, p, "2026-01-05")).toBe(true);
  });

  it("the sandbox's pay button posts the signed callback as a separate request to the app's own endpoint", async () => {
    const i = await createIntent(h.db, user, CP, form("tok_sandbox_pay_00001", { choice: "amount", amount: "50" }), sandboxProvider, NOW);
    if (!i || !i.ok) throw new Error("no intent");
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const r = await sandboxPay(i.intent, NOW, async (url, init) => {
      seen.push({ url, headers: init.headers });
      const answer = await acceptCallback(h.db, sandboxProvider, init.body, new Headers(init.headers), NOW);
      return { status: answer.status, text: async () => answer.body };
    });
    expect(r).toMatchObject({ ok: true, status: 200, body: "recorded" });
    expect(seen[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/pay\/sandbox\/callback$/);
    expect(seen[0].headers[SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
    const [intent] = await h.db.select().from(paymentIntents).where(eq(paymentIntents.id, i.intent.id));
    expect(intent.status).toBe("paid");
    // Paying more than is due: kept as credit and shown.
    const page = await myBills(h.db, payerId, CP, NOW);
    expect(page.units.find((x) => x.unitId === u.unitId)!.creditFen).toBe(5000);
    // Nothing due any more: "everything due" is refused.
    expect(await createIntent(h.db, user, CP, form("tok_nothing_due_0001"), sandboxProvider, NOW)).toEqual({ ok: false, reason: "NOTHING_DUE" });
  });
});

/** A valid signature over arbitrary bytes with a test key (for the malformed-body case). */
function signRaw(rawBody: string): Record<string, string> {
  const ts = String(Math.floor(NOW.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `v1=${crypto.createHmac("sha256", TEST_KEY).update(`${ts}.${rawBody}`).digest("hex")}` };
}

describe("the collector's list and form @fees", () => {
  it("lists payments paged, filtered and sorted; masks payers for viewers who do not collect; finds a unit with its payer and open bills", async () => {
    const u = await makeUnit(CP, { ownerName: "赵列表" });
    await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const a = await pay(u, 5000, { method: "transfer", paidAt: at("2026-01-03T09:00:00+08:00") });
    const b = await pay(u, 7785, { paidAt: at("2026-01-04T09:00:00+08:00") });
    if (!a.ok || !b.ok) throw new Error("not recorded");
    await reversePayment(h.db, staff, CP, a.payment.id, "错误", NOW);
    const params = (o: Record<string, string>) => PaymentsListSchema.parse(o);
    const building = `测试楼${u.buildingId.split("_").pop()}`;
    const list = await listPayments(h.db, CP, params({ q: building, sort: "paidAt", dir: "asc" }), { collects: true });
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => r.amountFen)).toEqual([5000, 7785, -5000]);
    expect(list.rows[0]).toMatchObject({ reversedByNo: list.rows[2].receiptNo, payerName: "赵列表" });
    expect(list.rows[2].reversesNo).toBe(a.receiptNo);
    expect((await listPayments(h.db, CP, params({ q: building, method: "transfer" }), { collects: true })).total).toBe(2);
    expect((await listPayments(h.db, CP, params({ q: building, reversal: "normal" }), { collects: true })).rows.map((r) => r.id)).toEqual([b.payment.id]);
    expect((await listPayments(h.db, CP, params({ q: building, reversal: "reversed" }), { collects: true })).rows.map((r) => r.id)).toEqual([a.payment.id]);
    expect((await listPayments(h.db, CP, params({ q: building, from: "2026-01-04", to: "2026-01-04" }), { collects: true })).rows.map((r) => r.id)).toEqual([b.payment.id]);
    expect((await listPayments(h.db, CP, params({ q: building }), { collects: false })).rows[0].payerName).toBe("赵*表");
    expect((await listPayments(h.db, CP, params({ q: "赵列表" }), { collects: false })).total).toBe(0);
    expect((await listPayments(h.db, CP2, params({ q: building }), { collects: true })).total).toBe(0);
    const paged = await listPayments(h.db, CP, params({ size: "10", page: "1" }), { collects: true });
    expect(paged.rows.length).toBeLessThanOrEqual(10);

    const found = await paymentFormData(h.db, CP, { building: u.buildingId, number: `${u.unitId.split("_").pop()}01` }, JA, "2026-01-05");
    expect(found.unit).toMatchObject({ id: u.unitId, payerName: "赵列表", outstandingFen: 5000, creditFen: 0 });
    expect(found.unit!.openBills[0]).toMatchObject({ periodFrom: "2025-12", daysOverdue: 5, outstandingFen: 5000 });
    expect((await paymentFormData(h.db, CP, { building: u.buildingId, number: "9999" }, JA, "2026-01-05")).notFound).toBe(true);
  });

  it("a scanned voucher is stored with the payment as a payment_voucher file", async () => {
    const u = await makeUnit();
    const pdf = Buffer.from("%PDF-1.4\n%test voucher\n");
    const r = await pay(u, 100, { method: "voucher", voucher: { displayName: "凭证.pdf", mime: "application/pdf", data: pdf } });
    if (!r.ok) throw new Error("not recorded");
    const [f] = await h.db.select().from(files).where(and(eq(files.ownerKind, "payment_voucher"), eq(files.ownerId, r.payment.id)));
    expect(f).toMatchObject({ compoundId: CP, id: r.payment.voucherFileId });
    expect(await pay(u, 100, { voucherFileId: "fil_missing" })).toEqual({ ok: false, reason: "VOUCHER_NOT_FOUND" });
  });
});

describe("the ledger's identity after a random sequence @fees", () => {
  it("billed − paid − credited = outstanding for every bill and unit; no bill over-applied; credit only where nothing is open", async () => {
    let s = 20260105;
    const rnd = (n: number) => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s % n;
    };
    const us = [await makeUnit(), await makeUnit(), await makeUnit()];
    const billIds: string[] = [];
    const paid: string[] = [];
    let month = 0;
    for (let step = 0; step < 60; step++) {
      const u = us[rnd(us.length)];
      const op = rnd(10);
      if (op < 3) {
        const m = `2024-${String((month++ % 12) + 1).padStart(2, "0")}`;
        const from = month > 12 ? m.replace("2024", "2025") : m;
        billIds.push(await bill(u, { item: `item${month}`, from, fen: 1000 + rnd(20000), due: `${from}-28` }));
        await applyCredit(h.db, u.unitId, JA, { now: NOW });
      } else if (op < 7) {
        const r = await pay(u, 1 + rnd(30000));
        if (r.ok) paid.push(r.payment.id);
      } else if (op < 8 && paid.length) {
        await reversePayment(h.db, staff, CP, paid[rnd(paid.length)], "随机冲销", NOW);
      } else if (billIds.length) {
        const id = billIds[rnd(billIds.length)];
        const open = await outstanding(id);
        const fen = 1 + rnd(5000);
        if (creditNoteProblem(open, fen) === null) await h.db.insert(creditNotes).values({ id: newId("crn"), compoundId: CP, billId: id, amountFen: fen, reason: "减免", createdAt: NOW });
      }
    }
    const unitIds = us.map((u) => u.unitId);
    const bs = await h.db.select({ id: bills.id, unitId: bills.unitId, amountFen: bills.amountFen }).from(bills).where(inArray(bills.unitId, unitIds));
    const net = await h.db
      .select({ billId: paymentAllocations.billId, fen: sql<string>`sum(${paymentAllocations.amountFen})` })
      .from(paymentAllocations)
      .innerJoin(bills, eq(bills.id, paymentAllocations.billId))
      .where(inArray(bills.unitId, unitIds))
      .groupBy(paymentAllocations.billId);
    const cns = await h.db.select({ billId: creditNotes.billId, fen: creditNotes.amountFen }).from(creditNotes).innerJoin(bills, eq(bills.id, creditNotes.billId)).where(inArray(bills.unitId, unitIds));
    const rec = reconcile(bs, net.map((n) => ({ billId: n.billId, fen: Number(n.fen) })), cns);
    expect(rec.overApplied).toEqual([]);
    const sqlTotals = await ledgerTotals(h.db, inArray(bills.unitId, unitIds));
    expect(rec.total).toEqual(sqlTotals);
    expect(rec.total.outstandingFen).toBe(rec.total.billedFen - rec.total.paidFen - rec.total.creditedFen);
    for (const u of us) {
      const credit = await unitCreditFen(h.db, u.unitId, JA);
      expect(credit).toBeGreaterThanOrEqual(0);
      const [{ p }] = await h.db.select({ p: sql<string>`coalesce(sum(${payments.amountFen}), 0)` }).from(payments).where(eq(payments.unitId, u.unitId));
      // Money in = paid on bills + credit kept.
      expect(Number(p)).toBe((rec.units.get(u.unitId)?.paidFen ?? 0) + credit);
      if (credit > 0) expect(rec.units.get(u.unitId)?.outstandingFen ?? 0).toBe(0);
    }
  });
});

describe("concurrency on PostgreSQL @fees", () => {
  it.runIf(usingPostgres())("50 parallel submissions of the same payment: one payment, one receipt number", async () => {
    const u = await makeUnit();
    await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const before = await counter(JA, 2026);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => recordPayment(h.db, staff, CP, { unitId: u.unitId, amountFen: 12785, method: "cash", paidAt: NOW, payerName: u.ownerName, idempotencyKey: "parallel:same" }, NOW)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.ok && r.payment.id)).size).toBe(1);
    expect(await h.db.select().from(payments).where(eq(payments.idempotencyKey, "parallel:same"))).toHaveLength(1);
    expect(await counter(JA, 2026)).toBe(before + 1);
    const [p] = await h.db.select().from(payments).where(eq(payments.idempotencyKey, "parallel:same"));
    expect(await allocationsOf(p.id)).toHaveLength(1);
  });

  it.runIf(usingPostgres())("parallel different payments take consecutive receipt numbers without gaps", async () => {
    const us = await Promise.all(Array.from({ length: 5 }, () => makeUnit()));
    for (const u of us) await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const before = await counter(JA, 2026);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => recordPayment(h.db, staff, CP, { unitId: us[i % 5].unitId, amountFen: 1000 + i, method: "cash", paidAt: NOW, payerName: "甲", idempotencyKey: `parallel:${i}` }, NOW)),
    );
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.payment.receiptNo : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => before + 1 + i));
    expect(await counter(JA, 2026)).toBe(before + 40);
    // Each unit's bill took exactly what its eight payments brought, once each (serialised on the unit).
    for (const [k, u] of us.entries()) {
      const sum = Array.from({ length: 8 }, (_, j) => 1000 + k + 5 * j).reduce((a, b) => a + b, 0);
      expect(await ledgerTotals(h.db, eq(bills.unitId, u.unitId))).toMatchObject({ paidFen: sum, outstandingFen: 12785 - sum });
    }
  });

  it.runIf(usingPostgres())("a replayed callback sent 20 times at once records one payment", async () => {
    const userId = "usr_fx_parallel_cb";
    await h.db.insert(users).values({ id: userId, phone: "19900000009", name: "并发", createdAt: NOW });
    const u = await makeUnit(CP, { userId });
    await bill(u, { from: "2025-12", fen: 12785, due: "2025-12-31" });
    const i = await createIntent(h.db, { id: userId, name: "并发" }, CP, PayOnlineSchema.parse({ unitId: u.unitId, choice: "all", token: "tok_parallel_cb_0001" }), sandboxProvider, NOW);
    if (!i || !i.ok) throw new Error("no intent");
    const cb = signSandboxCallback({ intentId: i.intent.id, amountFen: i.intent.amountFen, providerRef: "sbx_p" }, NOW);
    const answers = await Promise.all(Array.from({ length: 20 }, () => acceptCallback(h.db, sandboxProvider, cb.rawBody, new Headers(cb.headers), NOW)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body === "recorded")).toHaveLength(1);
    expect(await h.db.select().from(payments).where(eq(payments.unitId, u.unitId))).toHaveLength(1);
  });
});
