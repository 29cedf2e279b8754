/**
 * Counting days for every legal period (rules.md "Counting days"): pure, no I/O, no clock, no host TZ.
 *
 * 民法典 Art. 201: a period counted in days starts on the day after the event; the day of the event is not
 * counted. Art. 203: if the last day of the period is a statutory rest day, the day after the rest ends is
 * the last day; the last day ends at 24:00. Art. 200: periods run by the Gregorian calendar.
 * We use the same function for waiting periods (notice, publication) "for simplicity" (rules.md).
 *
 * Days are Shanghai calendar days written "YYYY-MM-DD". Asia/Shanghai is UTC+8 all year (no DST since 1991),
 * so the conversion is plain arithmetic and never depends on the server's TZ.
 */

/** A Shanghai calendar day, "YYYY-MM-DD". */
export type Day = string;

/** "holiday": a rest day the State Council declares (the festival and the days around it);
 *  "workday": a Saturday or Sunday declared a working day (调休上班). */
export type CalendarKind = "holiday" | "workday";
export const CALENDAR_KINDS = ["holiday", "workday"] as const satisfies readonly CalendarKind[];

/** The holiday calendar the city administrator keeps as the State Council announces each year. */
export type HolidayCalendar = { holidays: ReadonlySet<Day>; workdays: ReadonlySet<Day> };

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Build a calendar from rows of the calendar table (or the seed). */
export function holidayCalendar(entries: Iterable<{ day: Day; kind: CalendarKind }>): HolidayCalendar {
  const holidays = new Set<Day>();
  const workdays = new Set<Day>();
  for (const e of entries) (e.kind === "holiday" ? holidays : workdays).add(e.day);
  return { holidays, workdays };
}

/** Days since 1970-01-01 of a day; throws on text that is not a real date. */
function dayNumber(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a day: ${day}`);
  return ms / DAY_MS;
}

/** Calendar days from `a` to `b` (negative if `b` is earlier); throws on text that is not a real day. */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

function dayOf(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function checkInstant(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("invalid instant");
  return t;
}

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(instant: Date): Day {
  return new Date(checkInstant(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Asia/Shanghai of a day, as an instant (also 24:00 of the day before). */
export function startOfDay(day: Day): Date {
  return new Date(dayNumber(day) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 24:00 Asia/Shanghai of a day: the instant it ends, i.e. 00:00 of the next day. */
export function endOfDay(day: Day): Date {
  return new Date((dayNumber(day) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

export function addDays(day: Day, n: number): Day {
  return dayOf(dayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: Day): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  const w = dayOfWeek(day);
  return w === 0 || w === 6;
}

/** A rest day: declared a holiday, or a Saturday/Sunday the calendar does not declare a working day (调休). */
export function isRestDay(day: Day, cal: HolidayCalendar): boolean {
  dayNumber(day); // refuse malformed days rather than treating them as working days
  if (cal.holidays.has(day)) return true;
  return isWeekend(day) && !cal.workdays.has(day);
}

/** The day itself if it is not a rest day, else the first following day that is not (Art. 203). */
export function firstWorkingDayFrom(day: Day, cal: HolidayCalendar): Day {
  let d = day;
  // A real calendar has at most a few rest days in a row; the bound only guards against a corrupt one.
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (!isRestDay(d, cal)) return d;
  throw new RangeError(`no working day within a year after ${day}: the calendar marks every day as rest`);
}

export type Period = {
  /** The day of the event (Shanghai); not counted (Art. 201). */
  eventDay: Day;
  /** The last day of the period, after moving off rest days (Art. 203). */
  lastDay: Day;
  /** 24:00 Asia/Shanghai of the last day: the instant the period ends (= 00:00 of the day after). */
  endsAt: Date;
  /** True when the last counted day was a rest day and the period was extended. */
  extended: boolean;
};

/**
 * The period of `days` days after an event (e.g. "within 30 days of the election", "15 days' notice"):
 * the event's day is not counted, the period runs from the next day and ends at 24:00 of its last day, and
 * a last day that is a rest day moves to the next day that is not (民法典 Arts. 201–203).
 */
export function periodEnd(eventInstant: Date, days: number, cal: HolidayCalendar): Period {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period is a whole number of days ≥ 1, not ${days}`);
  const eventDay = shanghaiDay(eventInstant);
  const counted = addDays(eventDay, days);
  const lastDay = firstWorkingDayFrom(counted, cal);
  return { eventDay, lastDay, endsAt: endOfDay(lastDay), extended: lastDay !== counted };
}

/**
 * The first moment after a waiting period: e.g. voting may open from here after a notice published with
 * `days` days' notice. It is the same instant as the period's end (24:00 of the last day = 00:00 of the next).
 */
export function firstMomentAfter(eventInstant: Date, days: number, cal: HolidayCalendar): Date {
  return periodEnd(eventInstant, days, cal).endsAt;
}

/** Is `at` still inside the period of `days` days after the event (e.g. "filed within 30 days")? */
export function isWithinPeriod(eventInstant: Date, days: number, cal: HolidayCalendar, at: Date): boolean {
  return checkInstant(at) < periodEnd(eventInstant, days, cal).endsAt.getTime();
}

/** A calendar entry that makes sense: a 调休 working day is always a Saturday or Sunday (a weekday already is one). */
export function checkCalendarEntry(day: Day, kind: CalendarKind): { ok: true } | { ok: false; reason: "WORKDAY_NOT_WEEKEND" } {
  if (kind === "workday" && !isWeekend(day)) return { ok: false, reason: "WORKDAY_NOT_WEEKEND" };
  return { ok: true };
}
