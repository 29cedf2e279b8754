import { z } from "zod";
import { DateText } from "~/auth/schema";
import { CALENDAR_KINDS, checkCalendarEntry } from "./days";

/** zod schemas of the holiday calendar page. Messages are i18n keys (app/i18n/locales). */
const RequiredDate = z.string().trim().min(1, { message: "errors.required", abort: true }).pipe(DateText);

export const CalendarDaySchema = z
  .object({
    day: RequiredDate,
    kind: z.enum(CALENDAR_KINDS, { error: "calendar.errors.kindInvalid" }),
    name: z.string().trim().min(1, "errors.required").max(40, "errors.tooLong"),
  })
  // A 调休 working day is a Saturday or Sunday; on a weekday it would say nothing.
  .refine((v) => checkCalendarEntry(v.day, v.kind).ok, { path: ["kind"], message: "calendar.errors.workdayNotWeekend" });

export const RemoveCalendarDaySchema = z.object({ day: DateText });

/** ?year= of the page; anything else falls back to the current year. */
export const CalendarYearSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
