/**
 * Fees (rules.md §4; 物业服务收费管理办法, 物业管理条例, 民法典 Arts. 937–950): pure, no I/O, no clock. Money is
 * integer fen, area integer 0.01 m² ("centi"), days Shanghai calendar days "YYYY-MM-DD" (app/platform/days.ts),
 * months "YYYY-MM"; a string compare orders all three. No floats anywhere: products that may pass 2^53 are
 * computed in BigInt and refused when the result would not be a safe integer.
 */
import { yuanToFen, type AmountProblem } from "~/governance/management-rules";
import { addDays, daysBetween, shanghaiDay, type Day } from "~/platform/days";

// ————————————————————————————————————————————————————————— months and billing periods

/** A calendar month, "YYYY-MM". */
export type Month = string;

/** A billing period: whole months, both included (rules.md §4 "Periods are whole months"). */
export type BillingPeriod = { from: Month; to: Month };

export type PeriodKind = "month" | "quarter" | "year";
export const PERIOD_KINDS = ["month", "quarter", "year"] as const satisfies readonly PeriodKind[];
const PERIOD_MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 (2025-01 → 2025 × 12); throws on text that is not a month. */
function monthIndex(month: Month): number {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthAt(index: number): Month {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Whether text is a month "YYYY-MM" (rules.md §4: periods are whole months). */
export function isMonth(text: string): boolean {
  return MONTH_RE.test(text);
}

/** The month `n` months after (before, if negative) `month`: 2025-11 + 3 → 2026-02 (whole-month periods, rules.md §4). */
export function shiftMonth(month: Month, n: number): Month {
  if (!Number.isInteger(n)) throw new RangeError("months must be a whole number");
  return monthAt(monthIndex(month) + n);
}

/** The month a day falls in (a transfer on 2025-02-15 falls in 2025-02; rules.md §4). */
export function monthOf(day: Day): Month {
  return addDays(day, 0).slice(0, 7); // addDays(·, 0) refuses a day that does not exist
}

/** The first day of a month: the day whose owner pays the month and whose schedule rates it (rules.md §4). */
export function monthStart(month: Month): Day {
  monthIndex(month);
  return `${month}-01`;
}

/** The last day of a month (2024-02 → 2024-02-29): a bill's default due date (rules.md §4). */
export function monthEnd(month: Month): Day {
  return addDays(monthStart(shiftMonth(month, 1)), -1);
}

/** The months of a period, in order, both ends included; a period ending before it starts is refused. */
export function monthsOf(period: BillingPeriod): Month[] {
  const a = monthIndex(period.from);
  const b = monthIndex(period.to);
  if (b < a) throw new RangeError(`period ends before it starts: ${period.from}…${period.to}`);
  const out: Month[] = [];
  for (let i = a; i <= b; i++) out.push(monthAt(i));
  return out;
}

export type PeriodStartProblem = "NOT_A_MONTH" | "NOT_QUARTER_START" | "NOT_YEAR_START";

/**
 * Why a billing period of `kind` cannot start in `start`, or null. Periods are whole months (rules.md §4); a
 * quarter is a calendar quarter (starts in January, April, July or October), a year a calendar year (January).
 */
export function periodStartProblem(kind: PeriodKind, start: Month): PeriodStartProblem | null {
  if (!isMonth(start)) return "NOT_A_MONTH";
  const m = monthIndex(start) % 12;
  if (kind === "quarter" && m % 3 !== 0) return "NOT_QUARTER_START";
  if (kind === "year" && m !== 0) return "NOT_YEAR_START";
  return null;
}

/** The billing period of `kind` starting in `start` (2025-04 quarter → 2025-04…2025-06); refuses a start periodStartProblem refuses. */
export function billingPeriod(kind: PeriodKind, start: Month): BillingPeriod {
  const problem = periodStartProblem(kind, start);
  if (problem) throw new RangeError(`${problem}: ${kind} from ${start}`);
  return { from: start, to: shiftMonth(start, PERIOD_MONTHS[kind] - 1) };
}

// ————————————————————————————————————————————————————————— one bill's amount, rounded once

/**
 * What a fee item is charged on (rules.md §4): "area" — fen per m² per month × the unit's area in 0.01 m²
 * (usually 建筑面积 on the title, local); "space" — fen per parking space per month × spaces; "unit" — fen per
 * unit (household) per month × units.
 */
export type FeeBasis = "area" | "space" | "unit";
export const FEE_BASES = ["area", "space", "unit"] as const satisfies readonly FeeBasis[];

function checkFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of fen ≥ 0`);
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("amount exceeds the largest exact number");
  return Number(v);
}

/**
 * The amount of one area-based bill (rules.md §4): compute the bill's total in integers and round once, half up,
 * to the fen — `(Σ over the bill's months of rate_fen(month) × area_centi + 50) div 100`. 1.50 元/m²·month on
 * 85.23 m²: one month 12,785 fen; a quarter 38,354 fen, not 3 × 12,785. BigInt inside (rate × area may pass 2^53);
 * a result beyond Number.MAX_SAFE_INTEGER is refused.
 */
export function billFen(months: readonly { rateFen: number }[], quantityCenti: number): number {
  return billAmountFen("area", months, quantityCenti);
}

/**
 * The amount of one bill of any basis (rules.md §4): on "area" the quantity is 0.01 m² and the total is rounded
 * once as in billFen; on "space" and "unit" the quantity is a count and the amount Σ rate_fen × count is exact.
 * A bill covers at least one month; rates and quantity are whole numbers ≥ 0.
 */
export function billAmountFen(basis: FeeBasis, months: readonly { rateFen: number }[], quantity: number): number {
  if (months.length === 0) throw new RangeError("a bill covers at least one month");
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError("quantity must be a whole number ≥ 0");
  let sum = 0n;
  for (const m of months) {
    checkFen(m.rateFen, "a rate");
    sum += BigInt(m.rateFen);
  }
  const product = sum * BigInt(quantity);
  return safeNumber(basis === "area" ? (product + 50n) / 100n : product);
}

// ————————————————————————————————————————————————————————— fee schedules

/**
 * A fee item's rate in force from `from` (included) until `to` (excluded; null = open) — the same half-open
 * convention as ownerships. `dueDayOfMonth`: the day of the period's first month bills fall due, when the
 * schedule (the service contract) says so; absent, the month's last day (rules.md §4).
 */
export type RateSchedule = { from: Day; to: Day | null; rateFen: number; dueDayOfMonth?: number | null };

const inForceOn = (s: { from: Day; to: Day | null }, day: Day) => s.from <= day && (s.to === null || day < s.to);

export type ScheduleProblem<T> =
  | { reason: "ENDS_BEFORE_START"; schedule: T }
  | { reason: "RATE_INVALID"; schedule: T }
  | { reason: "DUE_DAY_INVALID"; schedule: T }
  | { reason: "OVERLAP"; schedules: [T, T] };

/**
 * Why a fee item's schedules cannot be used, or null: each must end after it starts, carry a whole rate in fen
 * ≥ 0 and a due day 1–31 if any; and no two may be in force on the same day — otherwise "the schedule in force
 * on the month's first day" (rules.md §4) would not be one. A schedule ending the day the next starts is fine.
 */
export function scheduleOverlapProblem<T extends RateSchedule>(schedules: readonly T[]): ScheduleProblem<T> | null {
  for (const s of schedules) {
    addDays(s.from, 0);
    if (s.to !== null && addDays(s.to, 0) <= s.from) return { reason: "ENDS_BEFORE_START", schedule: s };
    if (!Number.isSafeInteger(s.rateFen) || s.rateFen < 0) return { reason: "RATE_INVALID", schedule: s };
    const d = s.dueDayOfMonth;
    if (d != null && (!Number.isInteger(d) || d < 1 || d > 31)) return { reason: "DUE_DAY_INVALID", schedule: s };
  }
  const sorted = [...schedules].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.to === null || sorted[i].from < prev.to) return { reason: "OVERLAP", schedules: [prev, sorted[i]] };
  }
  return null;
}

/**
 * The schedule in force on the first day of `month` (rules.md §4: `rate_fen(month)` is the schedule in force on
 * that month's first day), or null. A schedule starting on the 15th first applies the next month. Overlapping
 * schedules are a data error (see scheduleOverlapProblem) and throw.
 */
export function scheduleInForce<T extends RateSchedule>(schedules: readonly T[], month: Month): T | null {
  const first = monthStart(month);
  const found = schedules.filter((s) => inForceOn(s, first));
  if (found.length > 1) throw new RangeError(`overlapping schedules on ${first}`);
  return found[0] ?? null;
}

/** The rate in fen of the schedule in force on the first day of `month` (rules.md §4), or null if none. */
export function rateInForce(schedules: readonly RateSchedule[], month: Month): number | null {
  return scheduleInForce(schedules, month)?.rateFen ?? null;
}

/** Each month with the rate in force on its first day (rules.md §4), or the first month that has none. */
export function ratesForMonths(
  schedules: readonly RateSchedule[],
  months: readonly Month[],
): { ok: true; value: { month: Month; rateFen: number }[] } | { ok: false; reason: "NO_SCHEDULE"; month: Month } {
  const value: { month: Month; rateFen: number }[] = [];
  for (const month of months) {
    const rateFen = rateInForce(schedules, month);
    if (rateFen === null) return { ok: false, reason: "NO_SCHEDULE", month };
    value.push({ month, rateFen });
  }
  return { ok: true, value };
}

// ————————————————————————————————————————————————————————— who pays which month

/** Who owns (and so pays for) a unit from `from` (included) to `to` (excluded; null = still), as ownership rows. */
export type Ownership = { payerId: string; from: Day; to: Day | null };

/** The months of one bill: one payer's months of one period. */
export type PayerMonths = { payerId: string; months: Month[] };

/**
 * Split a period's months between payers (rules.md §4): the owner on the first day of a month pays that month,
 * and a transfer inside a period splits it into one bill per payer — one bill = one unit × one fee item × one
 * period × one payer, so a payer's months stay in one bill even in the rare sale and buy-back within a period.
 * Bills are in the order of each payer's first month. A month with no owner is billed to the developer: unsold
 * or undelivered units are paid by the developer in full (物业管理条例 Art. 41). On a transfer the seller settles
 * what is due (收费办法 Art. 15); bills already issued stay with whoever was billed (rules.md §4).
 * Co-owners are one payer: rows of different payers in force on the same day throw.
 */
export function splitByPayer(months: readonly Month[], ownerships: readonly Ownership[], developerId: string): PayerMonths[] {
  for (const o of ownerships) {
    if (o.to !== null && addDays(o.to, 0) <= addDays(o.from, 0)) throw new RangeError(`ownership ends before it starts: ${o.from}…${o.to}`);
  }
  const byPayer = new Map<string, Month[]>();
  for (const month of months) {
    const first = monthStart(month);
    const payers = new Set(ownerships.filter((o) => inForceOn(o, first)).map((o) => o.payerId));
    if (payers.size > 1) throw new RangeError(`more than one payer on ${first}: ${[...payers].join(", ")}`);
    const payer = payers.size === 1 ? [...payers][0] : developerId;
    const list = byPayer.get(payer);
    if (list) list.push(month);
    else byPayer.set(payer, [month]);
  }
  return [...byPayer].map(([payerId, ms]) => ({ payerId, months: ms }));
}

// ————————————————————————————————————————————————————————— due dates and arrears

/**
 * The day a bill falls due (rules.md §4): the last day of the first month of its period, unless the schedule
 * gives a day of the month (clamped to the month's length: 31 in February is the 28th or 29th). Due dates are
 * contractual and are not moved by the holiday calendar.
 */
export function dueDay(period: { from: Month }, dueDayOfMonth: number | null = null): Day {
  const last = monthEnd(period.from);
  if (dueDayOfMonth === null) return last;
  if (!Number.isInteger(dueDayOfMonth) || dueDayOfMonth < 1 || dueDayOfMonth > 31) throw new RangeError("a due day is 1–31");
  const lastDate = Number(last.slice(8));
  return `${period.from}-${String(Math.min(dueDayOfMonth, lastDate)).padStart(2, "0")}`;
}

/** Calendar days from `a` to `b` — "days overdue" counts these (rules.md §4); the platform's day arithmetic. */
export { daysBetween };

/**
 * Days overdue (rules.md §4): the as-of date − the due date in calendar days (Asia/Shanghai), 0 when not past
 * due. A bill is in arrears from day 1, the day after its due date.
 */
export function daysOverdue(due: Day, asOf: Day): number {
  return Math.max(0, daysBetween(due, asOf));
}

export type AgingBucket = "1-30" | "31-90" | "91-180" | "181+";
export const AGING_BUCKETS = ["1-30", "31-90", "91-180", "181+"] as const satisfies readonly AgingBucket[];

/** The arrears bucket of a bill `days` days overdue (rules.md §4: 1–30, 31–90, 91–180, 181+); null when not overdue. */
export function agingBucket(days: number): AgingBucket | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days overdue must be a whole number ≥ 0");
  if (days === 0) return null;
  if (days <= 30) return "1-30";
  if (days <= 90) return "31-90";
  if (days <= 180) return "91-180";
  return "181+";
}

// ————————————————————————————————————————————————————————— composing a period's bills

export type DraftBill = {
  payerId: string;
  /** The payer's months of the period; `from`/`to` are the first and last of them. */
  months: Month[];
  from: Month;
  to: Month;
  amountFen: number;
  dueDay: Day;
};

/**
 * One unit's bills for one fee item and one period (rules.md §4): the months split between payers, each bill
 * priced from the rate in force on each month's first day and rounded once, due at the end of its first month
 * (or on the schedule's due day, from the schedule in force that month). A month without a schedule refuses the
 * whole period, so a unit is never half-billed.
 */
export function billsForPeriod(input: {
  period: BillingPeriod;
  basis: FeeBasis;
  /** Area in 0.01 m² for "area", a count for "space" and "unit". */
  quantity: number;
  schedules: readonly RateSchedule[];
  ownerships: readonly Ownership[];
  developerId: string;
}): { ok: true; value: DraftBill[] } | { ok: false; reason: "NO_SCHEDULE"; month: Month } {
  const months = monthsOf(input.period);
  const rates = ratesForMonths(input.schedules, months);
  if (!rates.ok) return rates;
  const rateOf = new Map(rates.value.map((r) => [r.month, r.rateFen]));
  const value = splitByPayer(months, input.ownerships, input.developerId).map(({ payerId, months: ms }): DraftBill => {
    const from = ms[0];
    const schedule = scheduleInForce(input.schedules, from);
    return {
      payerId,
      months: ms,
      from,
      to: ms[ms.length - 1],
      amountFen: billAmountFen(input.basis, ms.map((m) => ({ rateFen: rateOf.get(m)! })), input.quantity),
      dueDay: dueDay({ from }, schedule?.dueDayOfMonth ?? null),
    };
  });
  return { ok: true, value };
}

// ————————————————————————————————————————————————————————— payments

export type OpenBill = { id: string; dueDay: Day; periodStart: Month; itemCode: string; outstandingFen: number };
export type Allocation = { billId: string; fen: number };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order payments apply in (rules.md §4): earliest due date, then earliest period start, then fee-item code, then bill id. */
export function compareOldestFirst(a: OpenBill, b: OpenBill): number {
  return cmp(a.dueDay, b.dueDay) || cmp(a.periodStart, b.periodStart) || cmp(a.itemCode, b.itemCode) || cmp(a.id, b.id);
}

/**
 * Apply a payment to a payer's open bills, oldest first (rules.md §4: earliest due date, then earliest period
 * start, then fee-item code, then bill id). Each bill gets at most its outstanding amount, so none goes below
 * zero; what is left after every bill is paid is kept as prepayment credit. The payer's existing credit is
 * applied to new bills by calling this again with it. The amount must be a whole number of fen > 0.
 */
export function allocate(payFen: number, bills: readonly OpenBill[]): { allocations: Allocation[]; creditFen: number } {
  if (!Number.isSafeInteger(payFen) || payFen <= 0) throw new RangeError("a payment is a whole number of fen > 0");
  const ids = new Set<string>();
  for (const b of bills) {
    checkFen(b.outstandingFen, "an outstanding amount");
    if (ids.has(b.id)) throw new RangeError(`bill ${b.id} listed twice`);
    ids.add(b.id);
  }
  let left = payFen;
  const allocations: Allocation[] = [];
  for (const b of [...bills].sort(compareOldestFirst)) {
    if (left === 0) break;
    const fen = Math.min(left, b.outstandingFen);
    if (fen === 0) continue;
    allocations.push({ billId: b.id, fen });
    left -= fen;
  }
  return { allocations, creditFen: left };
}

export type CreditNoteProblem = "NOT_POSITIVE" | "EXCEEDS_OUTSTANDING";

/**
 * Why a credit note (冲销) of `creditFen` cannot be issued against a bill with `outstandingFen` open, or null. It
 * reduces what is owed and never below zero: to correct a paid bill, reverse the payment first (its money becomes
 * credit), so billed − paid − credited stays ≥ 0 on every bill (see reconcile).
 */
export function creditNoteProblem(outstandingFen: number, creditFen: number): CreditNoteProblem | null {
  checkFen(outstandingFen, "an outstanding amount");
  if (!Number.isSafeInteger(creditFen) || creditFen <= 0) return "NOT_POSITIVE";
  if (creditFen > outstandingFen) return "EXCEEDS_OUTSTANDING";
  return null;
}

/**
 * The counter a receipt number is drawn from (rules.md §4): one per collecting body and calendar year in
 * Asia/Shanghai (2025-12-31 16:30 UTC is 2026-01-01 00:30 there, so 2026), incremented inside the payment's
 * transaction so numbers have no gaps. A reversal draws its own number; the reversed payment keeps its one.
 */
export function receiptCounterKey(collectingBodyId: string, paidAt: Date): { collectingBodyId: string; year: number } {
  return { collectingBodyId, year: Number(shanghaiDay(paidAt).slice(0, 4)) };
}

// ————————————————————————————————————————————————————————— the ledger's identity

export type LedgerTotals = { billedFen: number; paidFen: number; creditedFen: number; outstandingFen: number };

const zeroTotals = (): LedgerTotals => ({ billedFen: 0, paidFen: 0, creditedFen: 0, outstandingFen: 0 });

function addTo(t: LedgerTotals, billed: number, paid: number, credited: number): void {
  t.billedFen += billed;
  t.paidFen += paid;
  t.creditedFen += credited;
  t.outstandingFen = t.billedFen - t.paidFen - t.creditedFen;
}

/**
 * The ledger's identity (rules.md §4): for every bill, unit and in aggregate, outstanding = billed − paid −
 * credited, where paid is what payments allocated to the bill and credited its credit notes. `overApplied` lists
 * bills whose outstanding went below zero — allocate and creditNoteProblem must keep it empty. Allocations or
 * credit notes naming an unknown bill throw.
 */
export function reconcile(
  bills: readonly { id: string; unitId: string; amountFen: number }[],
  allocations: readonly Allocation[],
  credits: readonly { billId: string; fen: number }[],
): { bills: Map<string, LedgerTotals>; units: Map<string, LedgerTotals>; total: LedgerTotals; overApplied: string[] } {
  const perBill = new Map<string, LedgerTotals>();
  const unitOf = new Map<string, string>();
  for (const b of bills) {
    checkFen(b.amountFen, "a bill amount");
    if (perBill.has(b.id)) throw new RangeError(`bill ${b.id} listed twice`);
    const t = zeroTotals();
    addTo(t, b.amountFen, 0, 0);
    perBill.set(b.id, t);
    unitOf.set(b.id, b.unitId);
  }
  const billOf = (id: string) => {
    const t = perBill.get(id);
    if (!t) throw new RangeError(`unknown bill ${id}`);
    return t;
  };
  for (const a of allocations) {
    checkFen(a.fen, "an allocation");
    addTo(billOf(a.billId), 0, a.fen, 0);
  }
  for (const c of credits) {
    checkFen(c.fen, "a credit note");
    addTo(billOf(c.billId), 0, 0, c.fen);
  }
  const units = new Map<string, LedgerTotals>();
  const total = zeroTotals();
  const overApplied: string[] = [];
  for (const [id, t] of perBill) {
    const unitId = unitOf.get(id)!;
    let u = units.get(unitId);
    if (!u) units.set(unitId, (u = zeroTotals()));
    addTo(u, t.billedFen, t.paidFen, t.creditedFen);
    addTo(total, t.billedFen, t.paidFen, t.creditedFen);
    if (t.outstandingFen < 0) overApplied.push(id);
  }
  return { bills: perBill, units, total, overApplied };
}

// ————————————————————————————————————————————————————————— collection rate

/** An exact non-negative fraction; `den` > 0. */
export type Fraction = { num: number; den: number };

/**
 * The collection rate of a period (rules.md §4): amount paid on the period's bills ÷ amount billed for it net of
 * credit notes, as of a date (the caller sums as of that date). Exact; null when nothing is billed net.
 */
export function collectionRate(t: { billedFen: number; creditedFen: number; paidFen: number }): Fraction | null {
  checkFen(t.billedFen, "billed");
  checkFen(t.creditedFen, "credited");
  checkFen(t.paidFen, "paid");
  if (t.creditedFen > t.billedFen) throw new RangeError("credited more than billed");
  const den = t.billedFen - t.creditedFen;
  return den === 0 ? null : { num: t.paidFen, den };
}

/**
 * The collection rate by households (rules.md §4): households (units) whose bills of the period are all paid ÷
 * households billed for it. A household whose bills were all credited to nothing is not counted; null with none.
 */
export function householdCollectionRate(bills: readonly { unitId: string; billedFen: number; creditedFen: number; paidFen: number }[]): Fraction | null {
  const units = new Map<string, { net: number; open: boolean }>();
  for (const b of bills) {
    const rate = collectionRate(b); // validates
    const net = rate?.den ?? 0;
    const u = units.get(b.unitId) ?? { net: 0, open: false };
    u.net += net;
    u.open ||= b.paidFen < net;
    units.set(b.unitId, u);
  }
  let num = 0;
  let den = 0;
  for (const u of units.values()) {
    if (u.net === 0) continue;
    den++;
    if (!u.open) num++;
  }
  return den === 0 ? null : { num, den };
}

function checkFraction(f: Fraction): void {
  if (!Number.isSafeInteger(f.num) || f.num < 0 || !Number.isSafeInteger(f.den) || f.den <= 0) throw new RangeError("a rate is num ≥ 0 over den > 0, whole numbers");
}

/** −1, 0 or 1 as collection rate `a` (rules.md §4) is below, equal to or above `b`, by integer cross-multiplication (exact, BigInt). */
export function compareRates(a: Fraction, b: Fraction): -1 | 0 | 1 {
  checkFraction(a);
  checkFraction(b);
  const l = BigInt(a.num) * BigInt(b.den);
  const r = BigInt(b.num) * BigInt(a.den);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Whether a collection rate (rules.md §4) reaches a target (e.g. {num: 95, den: 100}), exactly: 94.99…% does not reach 95%. */
export function rateAtLeast(rate: Fraction, target: Fraction): boolean {
  return compareRates(rate, target) >= 0;
}

/** A collection rate (rules.md §4) as a percentage for display, rounded once half up with integers: {num: 2, den: 3} → "66.7%"; decimals 0–6. */
export function percentText(f: Fraction, decimals = 1): string {
  checkFraction(f);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError("decimals must be 0–6");
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(f.num) * 100n * scale;
  const den = BigInt(f.den);
  const scaled = (2n * num + den) / (2n * den);
  const whole = (scaled / scale).toString();
  return decimals === 0 ? `${whole}%` : `${whole}.${(scaled % scale).toString().padStart(decimals, "0")}%`;
}

// ————————————————————————————————————————————————————————— amounts typed by people

export type MoneyTextProblem = "REQUIRED" | "NOT_NUMBER" | "NEGATIVE" | "TOO_PRECISE" | "TOO_LARGE" | "ZERO";

const FROM_AMOUNT_PROBLEM: Record<AmountProblem, MoneyTextProblem> = {
  EMPTY: "REQUIRED",
  FORMAT: "NOT_NUMBER",
  DECIMALS: "TOO_PRECISE",
  TOO_LARGE: "TOO_LARGE",
};

/** A leading minus (ASCII, U+2212 or full width after NFKC), before or after a ¥ sign. */
const NEGATIVE_RE = /^(?:[-−]\s*¥?|¥\s*[-−])/;

function moneyText(input: string): { ok: true; value: number } | { ok: false; reason: MoneyTextProblem } {
  const s = input.normalize("NFKC").trim();
  if (NEGATIVE_RE.test(s)) {
    const rest = yuanToFen(s.replace(NEGATIVE_RE, ""));
    if (rest.ok) return { ok: false, reason: rest.value === 0 ? "ZERO" : "NEGATIVE" };
    return { ok: false, reason: rest.reason === "EMPTY" || rest.reason === "FORMAT" ? "NOT_NUMBER" : "NEGATIVE" };
  }
  const r = yuanToFen(s);
  if (!r.ok) return { ok: false, reason: FROM_AMOUNT_PROBLEM[r.reason] };
  if (r.value === 0) return { ok: false, reason: "ZERO" };
  return r;
}

/**
 * A payment amount typed in yuan ("127.85", "12", "0.5", "1,200.00", "¥3.20") → integer fen, or why not. More than
 * two decimals is refused, never rounded; zero and negative amounts are refused (a reversal is its own row); the
 * ceiling is governance's MAX_FEN (¥1,000,000.00 per entry). Parsing is yuanToFen's, the one money parser.
 */
export function parseAmountFen(input: string): { ok: true; value: number } | { ok: false; reason: MoneyTextProblem } {
  return moneyText(input);
}

/**
 * A fee rate typed in 元 per m² (or per space, per unit) per month, at most two decimals — fen precision, as the
 * formula of rules.md §4 takes rate_fen — → integer fen, or why not. A zero rate is refused: end the schedule
 * instead of billing nothing.
 */
export function parseRateFen(input: string): { ok: true; value: number } | { ok: false; reason: MoneyTextProblem } {
  return moneyText(input);
}
