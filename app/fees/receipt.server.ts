/**
 * Receipts (rules.md §4): the printable receipt of a payment — collecting body, payer, unit, the bills it paid
 * with their periods and amounts, what was kept as prepayment credit, the total in figures and as 人民币 + 大写
 * (amountInWords), method, paid at and the receipt number; a reversal prints 冲销 with the absolute amount and the
 * number of the receipt it reverses. As an HTML page (print) and an A5 PDF with the vendored Chinese font
 * embedded (the decisions' pdfmake setup, docs/decisions/006-pdf.md: only the glyphs used are embedded).
 *
 * Who sees a receipt: fees:view holders on the compound (payer masked unless they collect), the collecting
 * body's staff, and the payer (an owner or resident of the unit, or who paid it online); anyone else gets 404.
 */
import fs from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { Db } from "~db/client.server";
import { areaNodes, bills, buildings, paymentAllocations, payments, propertyCompanies, units, users } from "~db/schema";
import type { ActiveGrant } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { FONT_FILE, woffToSfnt } from "~/decisions/pdf-font.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18n.server";
import { shanghaiDay } from "~/platform/days";
import { maskName } from "~/registry/claims.server";
import { isPayerOf } from "./my-bills.server";
import { collectorSide, formatReceiptNo, type PaymentMethod, type PaymentRow } from "./payments.server";
import { amountInWords, yuanText } from "./words";

/** The collecting body's name from its key (the company's registered name; the compound's or community's node). */
export async function collectorName(db: Db, collectorKey: string): Promise<string> {
  const at = collectorKey.indexOf(":");
  const kind = collectorKey.slice(0, at);
  const id = collectorKey.slice(at + 1);
  if (kind === "company") {
    const [c] = await db.select({ name: propertyCompanies.name }).from(propertyCompanies).where(eq(propertyCompanies.id, id));
    return c?.name ?? id;
  }
  const [n] = await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, id));
  return n?.name ?? id;
}

export type ReceiptItem = { billId: string; itemName: string; periodFrom: string; periodTo: string; fen: number };

export type ReceiptData = {
  paymentId: string;
  compoundId: string;
  compound: string;
  collectorKey: string;
  collectorKind: string;
  collector: string;
  receiptNo: string;
  payerName: string;
  unit: string;
  method: PaymentMethod;
  paidAt: Date;
  recordedAt: Date;
  recordedBy: string | null;
  reference: string | null;
  note: string | null;
  /** True for a reversal (冲销): amounts below are absolute. */
  reversal: boolean;
  /** The receipt this one reverses, or the one that reversed this. */
  reversesNo: string | null;
  reversedBy: { receiptNo: string; at: Date; reason: string | null } | null;
  /** |amount| in fen, and in words (大写, without 人民币). */
  totalFen: number;
  totalWords: string;
  /** The bills paid (or, on a reversal, un-paid) when the payment was recorded. */
  items: ReceiptItem[];
  /** What was kept as prepayment credit (on a reversal: the credit reversed). */
  prepaidFen: number;
  /** Credit of this payment applied to bills billed later. */
  laterApplied: (ReceiptItem & { at: Date })[];
  hasVoucher: boolean;
};

/** A receipt's data, or null when the payment is not the compound's. `maskPayer` for viewers who do not collect. */
export async function receiptData(db: Db, compoundId: string, paymentId: string, opts: { maskPayer?: boolean } = {}): Promise<ReceiptData | null> {
  const [r] = await db
    .select({ p: payments, compound: areaNodes.name, building: buildings.name, number: units.number, recordedBy: users.name })
    .from(payments)
    .innerJoin(areaNodes, eq(areaNodes.id, payments.compoundId))
    .innerJoin(units, eq(units.id, payments.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(users, eq(users.id, payments.recordedBy))
    .where(and(eq(payments.id, paymentId), eq(payments.compoundId, compoundId)));
  if (!r) return null;
  const p = r.p;
  const allocs = await db
    .select({ billId: paymentAllocations.billId, fen: paymentAllocations.amountFen, at: paymentAllocations.createdAt, itemName: bills.itemName, periodFrom: bills.periodFrom, periodTo: bills.periodTo, dueDay: bills.dueDay })
    .from(paymentAllocations)
    .innerJoin(bills, eq(bills.id, paymentAllocations.billId))
    .where(eq(paymentAllocations.paymentId, p.id))
    .orderBy(asc(paymentAllocations.createdAt), asc(bills.dueDay), asc(bills.periodFrom), asc(bills.itemCode), asc(bills.id));
  const sum = (list: ReceiptItem[]) => list.reduce((s, i) => s + i.fen, 0);
  const atRecording = allocs.filter((a) => a.at.getTime() <= p.createdAt.getTime());
  const items: ReceiptItem[] = mergeByBill(atRecording.map((a) => ({ billId: a.billId, itemName: a.itemName, periodFrom: a.periodFrom, periodTo: a.periodTo, fen: Math.abs(a.fen) })));
  const laterApplied = allocs
    .filter((a) => a.at.getTime() > p.createdAt.getTime())
    .map((a) => ({ billId: a.billId, itemName: a.itemName, periodFrom: a.periodFrom, periodTo: a.periodTo, fen: a.fen, at: a.at }));
  const totalFen = Math.abs(p.amountFen);
  const [other] = p.reversesId
    ? await db.select().from(payments).where(eq(payments.id, p.reversesId))
    : await db.select().from(payments).where(eq(payments.reversesId, p.id));
  const receiptOf = (x: PaymentRow) => formatReceiptNo(x.collectorKey, x.receiptYear, x.receiptNo);
  return {
    paymentId: p.id,
    compoundId: p.compoundId,
    compound: r.compound,
    collectorKey: p.collectorKey,
    collectorKind: p.collectorKey.slice(0, p.collectorKey.indexOf(":")),
    collector: await collectorName(db, p.collectorKey),
    receiptNo: receiptOf(p),
    payerName: opts.maskPayer ? maskName(p.payerName) : p.payerName,
    unit: `${r.building} ${r.number}`,
    method: p.method,
    paidAt: p.paidAt,
    recordedAt: p.createdAt,
    recordedBy: r.recordedBy,
    reference: p.reference,
    note: p.note,
    reversal: p.amountFen < 0,
    reversesNo: p.reversesId && other ? receiptOf(other) : null,
    reversedBy: !p.reversesId && other ? { receiptNo: receiptOf(other), at: other.paidAt, reason: other.note } : null,
    totalFen,
    totalWords: amountInWords(totalFen),
    items,
    prepaidFen: totalFen - sum(items),
    laterApplied,
    hasVoucher: p.voucherFileId !== null,
  };
}

function mergeByBill(list: ReceiptItem[]): ReceiptItem[] {
  const out = new Map<string, ReceiptItem>();
  for (const i of list) {
    const o = out.get(i.billId);
    if (o) o.fen += i.fen;
    else out.set(i.billId, { ...i });
  }
  return [...out.values()];
}

/**
 * Whether the actor may see the payment's receipt, and with the payer masked: fees:view holders (masked unless
 * they collect), the collecting body's staff, the payer. Null → 404.
 */
export async function receiptAccess(
  db: Db,
  actor: { userId: string; grants: readonly ActiveGrant[] },
  compound: { id: string; path: string },
  payment: { id: string; unitId: string; collectorKey: string },
  now: Date,
): Promise<{ maskPayer: boolean; staff: boolean } | null> {
  const { collector, collects } = await collectorSide(db, actor, compound, now);
  if (collects && collector?.key === payment.collectorKey) return { maskPayer: false, staff: true };
  if (can(actor.grants, "fees:view", compound.path)) return { maskPayer: true, staff: true };
  if (can(actor.grants, "fees:pay", compound.path) && (await isPayerOf(db, actor.userId, compound.id, payment, shanghaiDay(now)))) return { maskPayer: false, staff: false };
  return null;
}

// ————————————————————————————————————————————————————————— PDF

const FAMILY = "NotoSansSC";
const FONT_VFS_NAME = `${FAMILY}.ttf`;
let fontsReady = false;

type VirtualFs = { existsSync(name: string): boolean; writeFileSync(name: string, data: Buffer): void };

/** The decisions' font, registered once per process (shared with app/decisions/pdf.server.ts's registration). */
function ensureFonts() {
  if (fontsReady) return;
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  if (!vfs.existsSync(FONT_VFS_NAME)) vfs.writeFileSync(FONT_VFS_NAME, woffToSfnt(fs.readFileSync(FONT_FILE)));
  pdfmake.addFonts({ [FAMILY]: { normal: FONT_VFS_NAME, bold: FONT_VFS_NAME, italics: FONT_VFS_NAME, bolditalics: FONT_VFS_NAME } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** 2026-01 → 2026-01; a range → 2026-01 至 2026-03. */
export function periodText(from: string, to: string, t: T): string {
  return from === to ? from : t("fees.payments.receipt.periodRange", { from, to });
}

/** The receipt as an A5 (landscape) PDF with the Chinese font embedded. */
export async function receiptPdf(d: ReceiptData, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  ensureFonts();
  const t: T = await i18nServer.getFixedT(locale);
  const yuan = (fen: number) => `¥${yuanText(fen, { thousands: true })}`;
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  const itemRows = d.items.map((i) => [cell(i.itemName), cell(periodText(i.periodFrom, i.periodTo, t)), cell(yuan(i.fen), { alignment: "right" })]);
  if (d.prepaidFen > 0) itemRows.push([cell(t(d.reversal ? "fees.payments.receipt.prepaidReversed" : "fees.payments.receipt.prepaid")), cell(""), cell(yuan(d.prepaidFen), { alignment: "right" })]);
  const title = t(d.reversal ? "fees.payments.receipt.reversalTitle" : "fees.payments.receipt.title");
  const content: Content[] = [
    { text: d.collector, style: "org" },
    { text: title, style: "h1" },
    d.reversal ? { text: t("fees.payments.receipt.reversalLabel", { no: d.reversesNo ?? "" }), style: "warn" } : "",
    {
      columns: [
        { text: t("fees.payments.receipt.number", { no: d.receiptNo }) },
        { text: t("fees.payments.receipt.paidAtValue", { at: formatDateTime(d.paidAt, locale) }), alignment: "right" },
      ],
      margin: [0, 0, 0, 6],
    },
    {
      table: {
        widths: ["auto", "*", "auto", "*"],
        body: [
          [t("fees.payments.receipt.payer"), d.payerName, t("fees.payments.receipt.unit"), `${d.compound} ${d.unit}`],
          [t("fees.payments.receipt.method"), t(`fees.payments.methods.${d.method}`), t("fees.payments.receipt.reference"), d.reference ?? "—"],
        ],
      },
      layout: "lightHorizontalLines",
      margin: [0, 0, 0, 8],
    },
    {
      table: {
        headerRows: 1,
        widths: ["*", "auto", "auto"],
        body: [
          [{ text: t("fees.payments.receipt.item"), style: "th" }, { text: t("fees.payments.receipt.period"), style: "th" }, { text: t("fees.payments.receipt.amount"), style: "th", alignment: "right" }],
          ...(itemRows.length ? itemRows : [[cell("—"), cell(""), cell("")]]),
          [
            { text: d.reversal ? t("fees.payments.receipt.totalReversal") : t("fees.payments.receipt.total"), style: "th" },
            { text: t("fees.payments.receipt.inWords", { words: d.totalWords }) },
            { text: yuan(d.totalFen), alignment: "right" },
          ],
        ],
      },
      margin: [0, 0, 0, 8],
    },
    d.note ? { text: t(d.reversal ? "fees.payments.receipt.reason" : "fees.payments.receipt.note", { text: d.note }), margin: [0, 0, 0, 4] } : "",
    d.reversedBy ? { text: t("fees.payments.receipt.reversedBy", { no: d.reversedBy.receiptNo, at: formatDateTime(d.reversedBy.at, locale) }), style: "warn" } : "",
    {
      columns: [
        { text: t("fees.payments.receipt.collectorSeal", { name: d.collector }) },
        { text: t("fees.payments.receipt.handledBy", { name: d.recordedBy ?? t("fees.payments.receipt.online") }), alignment: "right" },
      ],
      margin: [0, 16, 0, 0],
    },
    { text: t("fees.payments.receipt.footer"), style: "muted", margin: [0, 10, 0, 0] },
  ];
  const doc: TDocumentDefinitions = {
    pageSize: "A5",
    pageOrientation: "landscape",
    pageMargins: [36, 32, 36, 32],
    info: { title: `${title} ${d.receiptNo}`, creator: "Gongzhi" },
    defaultStyle: { font: FAMILY, fontSize: 10, lineHeight: 1.3 },
    styles: {
      org: { fontSize: 11, alignment: "center" },
      h1: { fontSize: 16, alignment: "center", margin: [0, 2, 0, 8] },
      th: { fontSize: 10 },
      muted: { fontSize: 8.5, color: "#444444" },
      warn: { fontSize: 11, color: "#b00020", alignment: "center", margin: [0, 0, 0, 6] },
    },
    content,
  };
  return pdfmake.createPdf(doc).getBuffer();
}

/** The PDF answer: shown in the browser (a phone opens it directly), never cached (it carries a name). */
export function receiptPdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(pdf as Buffer<ArrayBuffer>, {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}
