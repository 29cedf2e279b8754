import { z } from "zod";

/** The residents' quarterly rating form (client and action); messages are i18n keys. */
export const RATING_MAX_COMMENT = 500;

export const RatingSchema = z.object({
  intent: z.literal("rate").catch("rate"),
  stars: z.coerce
    .number({ error: "governance.service.errors.starsRequired" })
    .int("governance.service.errors.starsRequired")
    .min(1, "governance.service.errors.starsRequired")
    .max(5, "governance.service.errors.starsRequired"),
  comment: z
    .string()
    .trim()
    .max(RATING_MAX_COMMENT, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null)),
});
export type RatingInput = z.output<typeof RatingSchema>;
