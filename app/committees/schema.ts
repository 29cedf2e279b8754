/**
 * zod schemas of the committee's pages (home and first meeting), shared by the forms (react-hook-form) and the
 * actions. Messages are i18n keys. Days and times are read as Asia/Shanghai.
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { LocalDateTimeText } from "~/elections/hub-schema";
import { MEMBER_END_REASONS } from "~db/schema/committees";

const Id = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.invalid");

/** A small whole number typed in a form ("5"). */
const Count = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{1,3}$/, "errors.wholeNumber")
  .transform(Number);

// ————————————————————————————————————————————————————————— the committee home's actions (one per intent)

export const PublishListSchema = z.object({ intent: z.literal("publishList") });

/** The reasons a membership ends before the term does ("term_ended" is the context's own). */
export const END_REASONS = ["resigned", "removed", "no_longer_owner"] as const satisfies readonly (typeof MEMBER_END_REASONS)[number][];

const endFields = {
  reason: z.enum(END_REASONS, { error: "errors.required" }),
  /** The last day in office. */
  on: z.string({ error: "errors.required" }).trim().min(1, "errors.required").pipe(DateText),
  /** The closed decision a removal rests on (ignored for the other reasons). */
  decisionId: z
    .string()
    .trim()
    .max(64, "errors.invalid")
    .optional()
    .transform((v) => (v ? v : null)),
};

function removalNeedsDecision(v: { reason: string; decisionId: string | null }, ctx: z.RefinementCtx) {
  if (v.reason === "removed" && !v.decisionId) ctx.addIssue({ code: "custom", path: ["decisionId"], message: "committees.errors.removalNeedsDecision" });
}

/** The fields the end-of-membership form types (the hidden intent and member come from the page). */
export const EndMembershipFields = z.object(endFields).superRefine(removalNeedsDecision);

export const EndMembershipSchema = z.object({ intent: z.literal("endMembership"), memberId: Id, ...endFields }).superRefine(removalNeedsDecision);

export const FillVacancySchema = z.object({ intent: z.literal("fillVacancy") });

export const HomeActionSchema = z.discriminatedUnion("intent", [PublishListSchema, EndMembershipSchema, FillVacancySchema]);
export type HomeAction = z.output<typeof HomeActionSchema>;
export const HOME_INTENTS = ["publishList", "endMembership", "fillVacancy"] as const;
export type HomeIntent = (typeof HOME_INTENTS)[number];

// ————————————————————————————————————————————————————————— the first meeting

export const FirstMeetingSchema = z
  .object({
    heldAt: LocalDateTimeText,
    present: Count,
    chairMemberId: Id,
    chairVotes: Count,
    viceChairMemberId: Id,
    viceChairVotes: Count,
    minutes: z
      .string()
      .trim()
      .max(5000, "errors.tooLong")
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.chairMemberId === v.viceChairMemberId) ctx.addIssue({ code: "custom", path: ["viceChairMemberId"], message: "committees.errors.chairIsViceChair" });
  });
export type FirstMeetingForm = z.output<typeof FirstMeetingSchema>;
