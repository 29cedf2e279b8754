import { z } from "zod";

/** datetime-local text ("2026-03-02T09:00") read as Asia/Shanghai. */
const LocalDateTime = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "errors.dateInvalid", abort: true })
      // A real local time: 2025-02-30T09:00 or T24:00 do not survive the round trip.
      .refine((v) => {
        const d = new Date(`${v}:00+08:00`);
        return !Number.isNaN(d.getTime()) && new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16) === v;
      }, "errors.dateInvalid")
      .transform((v) => new Date(`${v}:00+08:00`))
      .optional(),
  );

export const NoticeSchema = z
  .object({
    title: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
    body: z.string().trim().min(1, "errors.required").max(20_000, "errors.tooLong"),
    publishAt: LocalDateTime,
    takeDownAt: LocalDateTime,
  })
  .refine((v) => !v.publishAt || !v.takeDownAt || v.takeDownAt > v.publishAt, { path: ["takeDownAt"], message: "errors.takeDownBeforePublish" });
