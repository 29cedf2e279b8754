/**
 * Reminders of arrears (rules.md §4; 物业管理条例 Art. 64: the collector urges payment with a deadline, then
 * may sue): a fee_reminders row, an in-app message to the owner's account when linked, and a printable letter.
 * The wording is courteous, names no late fee (no contract in Gongzhi carries one, so never) and never threatens
 * to cut water, power or gas (民法典 Art. 944). One reminder per payer of a unit per day. Only the collecting
 * body sends them (the route checks fees:collect and actorCollects), and each speaks only for its own bills.
 */
import fs from "node:fs";
import { and, eq, inArray, sql } from "drizzle-orm";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { Db } from "~db/client.server";
import { areaNodes, buildings, feeReminders, notifications, owners, propertyCompanies, units, users } from "~db/schema";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { can, type ActiveGrant } from "~/auth/permissions";
import { FONT_FILE, woffToSfnt } from "~/decisions/pdf-font.server";
import { fail, type Fail } from "~/elections/common.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18n.server";
import { newId } from "~/ids";
import { addDays, endOfDay, shanghaiDay, startOfDay, type Day } from "~/platform/days";
import { bucketMinDays, overdueBillsOf, payersInArrears, type OpenBillAsOf } from "./arrears.server";
import { actorCollects, collectorOf, type Collector } from "./collector.server";
import type { ReminderAction } from "./arrears-schema";
import { amountInWords, yuanText } from "./words";

/** Default pay-by: 15 days after the reminder (a reasonable deadline, 条例 Art. 64). */
export const PAY_BY_DAYS = 15;
/** The latest pay-by a sender may set. */
export const PAY_BY_MAX_DAYS = 90;

type Compound = { id: string; path: string };

function payByProblem(today: Day, payBy: Day): string | null {
  if (payBy <= today || payBy > addDays(today, PAY_BY_MAX_DAYS)) return "fees.arrears.errors.payByRange";
  return null;
}

/** The payer key of a reminder's addressee: the owner's id, or "developer" (db/schema/fees.ts bills.payer_key). */
const payerKeyOf = (ownerId: string | null) => ownerId ?? "developer";

async function alreadyRemindedToday(db: Db, unitId: string, ownerId: string | null, today: Day): Promise<boolean> {
  const [r] = await db
    .select({ id: feeReminders.id })
    .from(feeReminders)
    .where(
      and(
        eq(feeReminders.unitId, unitId),
        sql`${feeReminders.ownerId} is not distinct from ${ownerId}`,
        sql`${feeReminders.createdAt} >= ${startOfDay(today).toISOString()}::timestamptz`,
        sql`${feeReminders.createdAt} < ${endOfDay(today).toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  return !!r;
}

type Draft = { unitId: string; ownerId: string | null; outstandingFen: number; oldestDueDay: Day };

/** Insert reminders and their in-app messages (to the owner's linked account), in the caller's transaction. */
async function insertReminders(tx: Db, actor: AuditActor, compoundId: string, drafts: readonly Draft[], payBy: Day, now: Date): Promise<string[]> {
  if (drafts.length === 0) return [];
  const t = await i18nServer.getFixedT(DEFAULT_LOCALE);
  const [compound] = await tx.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, compoundId));
  const unitIds = [...new Set(drafts.map((d) => d.unitId))];
  const ownerIds = [...new Set(drafts.map((d) => d.ownerId).filter((o): o is string => !!o))];
  const unitRows = await tx
    .select({ id: units.id, number: units.number, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(inArray(units.id, unitIds));
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const ownerRows = ownerIds.length
    ? await tx.select({ id: owners.id, userId: owners.userId }).from(owners).where(inArray(owners.id, ownerIds))
    : [];
  const userOf = new Map(ownerRows.filter((o) => o.userId).map((o) => [o.id, o.userId!]));
  const rows = drafts.map((d) => ({ id: newId("frm"), compoundId, unitId: d.unitId, ownerId: d.ownerId, outstandingFen: d.outstandingFen, oldestDueDay: d.oldestDueDay, payBy, sentBy: actor?.id ?? null, createdAt: now }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(feeReminders).values(rows.slice(i, i + 500));
  const messages = rows.flatMap((r) => {
    const userId = r.ownerId ? userOf.get(r.ownerId) : undefined;
    if (!userId) return [];
    const u = unitOf.get(r.unitId);
    return [
      {
        id: newId("ntf"),
        userId,
        compoundId,
        kind: "fee_reminder",
        sourceKind: "fee_reminder",
        sourceId: r.id,
        title: t("fees.arrears.notice.title", { compound: compound?.name ?? "" }),
        body: t("fees.arrears.notice.body", {
          unit: u ? `${u.building} ${u.number}` : "",
          amount: yuanText(r.outstandingFen, { thousands: true }),
          due: r.oldestDueDay,
          payBy,
        }),
        // To the owner's own bills, where they can see what is due and pay (the letter stays printable for them too).
        link: `/c/${compoundId}/bills`,
        createdAt: now,
      },
    ];
  });
  for (let i = 0; i < messages.length; i += 500) await tx.insert(notifications).values(messages.slice(i, i + 500));
  return rows.map((r) => r.id);
}

/**
 * Remind one payer of one unit of what they owe the collecting body today (bills overdue today, as the books
 * stand now). Refused when nothing is overdue to this collector, when the payer was already reminded today
 * (say so; once a day is enough), or when the pay-by day is not within 1–90 days.
 */
export async function sendReminder(
  db: Db,
  actor: AuditActor,
  compound: Compound,
  collector: Collector,
  input: Extract<ReminderAction, { intent: "remind" }>,
  now: Date,
): Promise<Fail | { ok: true; id: string }> {
  const today = shanghaiDay(now);
  const payBy = input.payBy ?? addDays(today, PAY_BY_DAYS);
  const bad = payByProblem(today, payBy);
  if (bad) return fail("payBy", bad);
  return db.transaction(async (tx) => {
    // One reminder run at a time per compound: two clicks at once cannot both pass the once-a-day check.
    await tx.execute(sql`select id from compounds where id = ${compound.id} for update`);
    const [unit] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), eq(units.compoundId, compound.id)));
    if (!unit) return fail("_form", "errors.invalid");
    const bills = await overdueBillsOf(tx, { compoundId: compound.id, unitId: unit.id, payerKey: input.payerKey, collectorKey: collector.key }, { day: today, until: now });
    if (bills.length === 0) return fail("_form", "fees.arrears.errors.nothingOwed");
    const ownerId = bills[0].payerOwnerId;
    if (await alreadyRemindedToday(tx, unit.id, ownerId, today)) return fail("_form", "fees.arrears.errors.alreadyToday");
    const draft: Draft = { unitId: unit.id, ownerId, outstandingFen: bills.reduce((s, b) => s + b.outstandingFen, 0), oldestDueDay: bills[0].dueDay };
    const [id] = await insertReminders(tx, actor, compound.id, [draft], payBy, now);
    await writeAudit(tx, now, {
      actor,
      action: "fees.remind",
      target: { kind: "fee_reminder", id },
      scopePath: compound.path,
      after: { unit: unit.id, owner: ownerId, outstandingFen: draft.outstandingFen, oldestDueDay: draft.oldestDueDay, payBy, collector: collector.key },
    });
    return { ok: true as const, id };
  });
}

/**
 * Remind every payer whose oldest bill overdue to the collecting body is in `bucket` or an older one; those
 * already reminded today are skipped and counted. One transaction, one audit row listing the reminders.
 */
export async function sendBucketReminders(
  db: Db,
  actor: AuditActor,
  compound: Compound,
  collector: Collector,
  input: Extract<ReminderAction, { intent: "remindBucket" }>,
  now: Date,
): Promise<Fail | { ok: true; sent: number; skipped: number }> {
  const today = shanghaiDay(now);
  const payBy = input.payBy ?? addDays(today, PAY_BY_DAYS);
  const bad = payByProblem(today, payBy);
  if (bad) return fail("payBy", bad);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from compounds where id = ${compound.id} for update`);
    const payers = await payersInArrears(tx, compound.id, collector.key, { day: today, until: now }, bucketMinDays(input.bucket));
    if (payers.length === 0) return fail("bucket", "fees.arrears.errors.nobodyInBucket");
    const done = new Set(
      (
        await tx
          .select({ unitId: feeReminders.unitId, ownerId: feeReminders.ownerId })
          .from(feeReminders)
          .where(
            and(
              eq(feeReminders.compoundId, compound.id),
              sql`${feeReminders.createdAt} >= ${startOfDay(today).toISOString()}::timestamptz`,
              sql`${feeReminders.createdAt} < ${endOfDay(today).toISOString()}::timestamptz`,
            ),
          )
      ).map((r) => `${r.unitId}|${payerKeyOf(r.ownerId)}`),
    );
    const drafts = payers.filter((p) => !done.has(`${p.unitId}|${p.payerKey}`)).map((p) => ({ unitId: p.unitId, ownerId: p.ownerId, outstandingFen: p.outstandingFen, oldestDueDay: p.oldestDueDay }));
    const ids = await insertReminders(tx, actor, compound.id, drafts, payBy, now);
    const skipped = payers.length - drafts.length;
    await writeAudit(tx, now, {
      actor,
      action: "fees.remind_bucket",
      target: { kind: "compound", id: compound.id },
      scopePath: compound.path,
      after: { bucket: input.bucket, payBy, sent: ids.length, skipped, collector: collector.key, reminders: ids.slice(0, 1000) },
    });
    return { ok: true as const, sent: ids.length, skipped };
  });
}

// ————————————————————————————————————————————————————————— the letter

export type ReminderLetter = {
  id: string;
  compound: string;
  building: string;
  unit: string;
  payerName: string;
  developer: boolean;
  collector: { name: string; kind: Collector["kind"] } | null;
  contact: { name: string; phone: string | null } | null;
  sentDay: Day;
  /** The day of the figures: the reminder's own (what was overdue when it was sent). */
  outstandingFen: number;
  oldestDueDay: Day;
  payBy: Day;
  bills: OpenBillAsOf[];
};

/** A reminder of this compound, or null (another compound's is "not found"). */
export async function findReminder(db: Db, compoundId: string, reminderId: string) {
  const [r] = await db.select().from(feeReminders).where(and(eq(feeReminders.id, reminderId), eq(feeReminders.compoundId, compoundId))).limit(1);
  return r ?? null;
}

/** The owner's account a reminder was addressed to (for the owner's own copy of the letter). */
export async function reminderUserId(db: Db, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null;
  const [o] = await db.select({ userId: owners.userId }).from(owners).where(eq(owners.id, ownerId));
  return o?.userId ?? null;
}

/**
 * What the letter prints: the bills as they stood when the reminder was sent (the same cut-off as its total),
 * the collecting body of that day and whom to contact — the company's published contact, otherwise the sender.
 */
export async function reminderLetterData(db: Db, reminder: typeof feeReminders.$inferSelect): Promise<ReminderLetter> {
  const sentDay = shanghaiDay(reminder.createdAt);
  const collector = await collectorOf(db, reminder.compoundId, sentDay);
  const [[u], [node]] = await Promise.all([
    db.select({ number: units.number, building: buildings.name }).from(units).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(eq(units.id, reminder.unitId)),
    db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, reminder.compoundId)),
  ]);
  const payerKey = payerKeyOf(reminder.ownerId);
  const bills = await overdueBillsOf(db, { compoundId: reminder.compoundId, unitId: reminder.unitId, payerKey, collectorKey: collector?.key }, { day: sentDay, until: reminder.createdAt });
  let payerName = bills[0]?.payerName ?? "";
  if (reminder.ownerId) {
    const [o] = await db.select({ name: owners.name }).from(owners).where(eq(owners.id, reminder.ownerId));
    payerName = o?.name ?? payerName;
  }
  let contact: ReminderLetter["contact"] = null;
  if (collector?.kind === "company") {
    const [c] = await db.select({ name: propertyCompanies.contactName, phone: propertyCompanies.contactPhone }).from(propertyCompanies).where(eq(propertyCompanies.id, collector.id));
    if (c) contact = { name: c.name, phone: c.phone };
  }
  if (!contact && reminder.sentBy) {
    const [s] = await db.select({ name: users.name }).from(users).where(eq(users.id, reminder.sentBy));
    if (s) contact = { name: s.name, phone: null };
  }
  return {
    id: reminder.id,
    compound: node?.name ?? "",
    building: u?.building ?? "",
    unit: u?.number ?? "",
    payerName,
    developer: !reminder.ownerId,
    collector: collector ? { name: collector.name, kind: collector.kind } : null,
    contact,
    sentDay,
    outstandingFen: reminder.outstandingFen,
    oldestDueDay: reminder.oldestDueDay,
    payBy: reminder.payBy,
    bills,
  };
}

type T = (key: string, options?: Record<string, unknown>) => string;

const periodText = (t: T, b: { periodFrom: string; periodTo: string }) => (b.periodFrom === b.periodTo ? b.periodFrom : t("fees.arrears.letter.periodRange", { from: b.periodFrom, to: b.periodTo }));

/**
 * The letter's words, paragraph by paragraph (the PDF lays them out; tests read them): a courteous request with
 * the amounts, the pay-by day, how to pay and whom to ask. Nothing about late fees or utilities.
 */
export function letterText(t: T, l: ReminderLetter): { title: string; salutation: string; paragraphs: string[]; table: { head: string[]; rows: string[][]; total: string }; closing: string; signature: string[] } {
  const collector = l.collector?.name ?? l.compound;
  const yuan = (fen: number) => yuanText(fen, { thousands: true });
  return {
    title: t("fees.arrears.letter.title"),
    salutation: t(l.developer ? "fees.arrears.letter.salutationOrg" : "fees.arrears.letter.salutation", { name: l.payerName }),
    paragraphs: [
      t("fees.arrears.letter.thanks", { compound: l.compound, collector }),
      t("fees.arrears.letter.owing", { day: l.sentDay, building: l.building, unit: l.unit, amount: yuan(l.outstandingFen), words: amountInWords(l.outstandingFen) }),
      t("fees.arrears.letter.payBy", { payBy: l.payBy }),
      t("fees.arrears.letter.howToPay", { collector }),
      t("fees.arrears.letter.questions"),
      l.contact
        ? l.contact.phone
          ? t("fees.arrears.letter.contactPhone", { collector, name: l.contact.name, phone: l.contact.phone })
          : t("fees.arrears.letter.contact", { collector, name: l.contact.name })
        : t("fees.arrears.letter.contactOffice", { collector }),
      t("fees.arrears.letter.ignoreIfPaid"),
    ],
    table: {
      head: [t("fees.arrears.letter.item"), t("fees.arrears.letter.period"), t("fees.arrears.letter.due"), t("fees.arrears.letter.amount")],
      rows: l.bills.map((b) => [b.itemName, periodText(t, b), b.dueDay, yuan(b.outstandingFen)]),
      total: t("fees.arrears.letter.total", { amount: yuan(l.outstandingFen) }),
    },
    closing: t("fees.arrears.letter.closing"),
    signature: [collector, l.sentDay],
  };
}

const FAMILY = "NotoSansSC";

/** The vendored font, registered with pdfmake once per process — shared with app/decisions/pdf.server.ts if it already did. */
function ensureFonts() {
  const file = `${FAMILY}.ttf`;
  const vfs = (pdfmake as unknown as { virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, data: Buffer): void } }).virtualfs;
  if (!vfs.existsSync(file)) vfs.writeFileSync(file, woffToSfnt(fs.readFileSync(FONT_FILE)));
  pdfmake.addFonts({ [FAMILY]: { normal: file, bold: file, italics: file, bolditalics: file } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}

/** The reminder letter as an A4 PDF (Chinese font embedded), for printing and delivering by hand. */
export async function reminderLetterPdf(l: ReminderLetter, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: T = await i18nServer.getFixedT(locale);
  const x = letterText(t, l);
  const content: Content[] = [
    { text: x.title, style: "h1" },
    { text: x.salutation, margin: [0, 0, 0, 8] },
    ...x.paragraphs.slice(0, 2).map((p): Content => ({ text: p, margin: [0, 0, 0, 6], leadingIndent: 22 })),
    {
      table: {
        headerRows: 1,
        widths: ["*", "auto", "auto", "auto"],
        body: [
          x.table.head.map((h) => ({ text: h, style: "th", fillColor: "#eeeeee" })),
          ...x.table.rows.map((r) => [r[0], r[1], r[2], { text: r[3], alignment: "right" as const }]),
          [{ text: x.table.total, colSpan: 4, alignment: "right" as const }, "", "", ""],
        ],
      },
      fontSize: 10,
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => "#999999", vLineColor: () => "#999999" },
      margin: [0, 4, 0, 10],
    },
    ...x.paragraphs.slice(2).map((p): Content => ({ text: p, margin: [0, 0, 0, 6], leadingIndent: 22 })),
    { text: x.closing, margin: [0, 6, 0, 0], leadingIndent: 22 },
    { stack: x.signature, alignment: "right", margin: [0, 24, 0, 0] },
  ];
  const doc: TDocumentDefinitions = {
    pageSize: "A4",
    pageMargins: [56, 56, 56, 56],
    info: { title: x.title, creator: "Gongzhi" },
    defaultStyle: { font: FAMILY, fontSize: 11, lineHeight: 1.4 },
    styles: { h1: { fontSize: 18, alignment: "center", margin: [0, 4, 0, 16] }, th: { fontSize: 10 } },
    content,
  };
  ensureFonts();
  return pdfmake.createPdf(doc).getBuffer();
}

/**
 * The letter of a reminder for whoever may print it, or null (→ 404): the collecting body's staff (fees:collect
 * and actorCollects at the compound today) or the owner it is addressed to, through their own account. Another
 * compound's reminder is not found.
 */
export async function letterFor(
  db: Db,
  actor: { userId: string; grants: readonly ActiveGrant[] },
  compoundId: string,
  reminderId: string,
  now: Date,
): Promise<ReminderLetter | null> {
  const [node] = await db.select({ id: areaNodes.id, path: areaNodes.path }).from(areaNodes).where(and(eq(areaNodes.id, compoundId), eq(areaNodes.kind, "compound")));
  if (!node) return null;
  const r = await findReminder(db, node.id, reminderId);
  if (!r) return null;
  const collects = can(actor.grants, "fees:collect", node.path) && (await actorCollects(db, actor, node, await collectorOf(db, node.id, shanghaiDay(now)), now));
  if (!collects && (await reminderUserId(db, r.ownerId)) !== actor.userId) return null;
  return reminderLetterData(db, r);
}
