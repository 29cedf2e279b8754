import { z } from "zod";

/**
 * datetime-local text ("2026-04-20T09:00"), required, read as Asia/Shanghai; a time that does not exist
 * (2026-02-30T09:00, T24:00) does not survive the round trip and is refused. `requiredKey` is the i18n key shown
 * when it is empty.
 */
export function localDateTimeText(requiredKey = "errors.required") {
  return z
    .string({ error: requiredKey })
    .trim()
    .min(1, requiredKey)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "errors.dateInvalid", abort: true })
    .refine((v) => {
      const d = new Date(`${v}:00+08:00`);
      return !Number.isNaN(d.getTime()) && new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16) === v;
    }, "errors.dateInvalid")
    .transform((v) => new Date(`${v}:00+08:00`));
}
