import { z } from "zod";
import { DateText, Phone } from "~/auth/schema";
import { DECISION_FORMS, DECISION_STATUSES } from "~db/schema/decisions";
import { listParamsSchema } from "~/ui/list-params";

/** Shared by the form (client) and the action (server); messages are i18n keys. */
export const DecisionSchema = z.object({
  title: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
  form: z.enum(DECISION_FORMS, { error: "errors.required" }),
  /** "compound" or a building id. */
  scope: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64),
  opensOn: DateText,
  closesOn: DateText,
});
export type DecisionInput = z.output<typeof DecisionSchema>;

export const MotionSchema = z.object({
  title: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
  category: z.coerce.number({ error: "errors.required" }).int().min(1, "errors.required").max(9, "errors.required"),
  text: z.string().trim().min(1, "errors.required").max(20_000, "errors.tooLong"),
});

export const ObjectionSchema = z.object({
  unitId: z.string().trim().min(1, "errors.required").max(64),
  kind: z.enum(["area", "owner", "other"], { error: "errors.required" }),
  text: z.string().trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const AnswerSchema = z.object({
  objectionId: z.string().trim().min(1).max(64),
  outcome: z.enum(["corrected", "rejected"], { error: "errors.required" }),
  answer: z.string().trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const ProxySchema = z.object({
  ownerId: z.string().trim().min(1, "errors.required").max(64),
  phone: Phone,
  kind: z.enum(["proxy", "guardian"], { error: "errors.required" }),
});

export const QUESTION_CHOICES = ["yes", "no", "abstain"] as const;

export const DECISION_SORT_KEYS = ["opensAt", "title", "status"] as const;
export const DecisionListSchema = listParamsSchema(DECISION_SORT_KEYS, "opensAt", "desc", {
  status: z.enum(DECISION_STATUSES).optional().catch(undefined),
});
export type DecisionListParams = z.output<typeof DecisionListSchema>;

export const ROLL_SORT_KEYS = ["unit", "area"] as const;
export const RollListSchema = listParamsSchema(ROLL_SORT_KEYS, "unit", "asc", {});
export type RollListParams = z.output<typeof RollListSchema>;

/**
 * The `c_<motion>` fields of a ballot form (online or paper): yes / no / abstain, empty = not taking part; at
 * least one motion answered. Null after adding the issue to the form.
 */
function choicesOf(v: Record<string, unknown>, ctx: z.RefinementCtx): Record<string, string> | null {
  const choices: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!k.startsWith("c_") || typeof val !== "string" || val === "") continue;
    if (!(QUESTION_CHOICES as readonly string[]).includes(val)) {
      ctx.addIssue({ code: "custom", path: [k], message: "decisions.errors.badChoice" });
      return null;
    }
    choices[k.slice(2)] = val;
  }
  if (Object.keys(choices).length === 0) {
    ctx.addIssue({ code: "custom", path: ["_form"], message: "decisions.errors.emptyBallot" });
    return null;
  }
  return choices;
}

/** A ballot form: the voter and one `c_<motion>` field per motion (yes / no / abstain, or empty = not taking part). */
export const BallotFormSchema = z
  .object({
    intent: z.enum(["review", "confirm"]).catch("review"),
    voter: z.string().trim().min(1, "errors.required").max(200),
  })
  .catchall(z.string())
  .transform((v, ctx) => {
    const choices = choicesOf(v, ctx);
    return choices ? { intent: v.intent, voter: v.voter, choices } : z.NEVER;
  });

export const NonVoterFilterSchema = z.object({
  building: z.string().trim().max(64).optional().catch(undefined).transform((v) => (v ? v : undefined)),
  status: z.enum(["not_visited", "visited", "will_vote", "refused"]).optional().catch(undefined),
  format: z.enum(["csv", "xlsx"]).optional().catch(undefined),
});

export const CanvassSchema = z.object({
  voterKey: z.string().trim().min(1).max(400),
  status: z.enum(["not_visited", "visited", "will_vote", "refused"], { error: "errors.required" }),
  note: z.string().trim().max(200, "errors.tooLong").optional().transform((v) => (v ? v : undefined)),
});

export const PaperBallotSchema = z
  .object({
    code: z.string().trim().max(20).optional().transform((v) => (v ? v : undefined)),
    voter: z.string().trim().max(400).optional().transform((v) => (v ? v : undefined)),
  })
  .catchall(z.string())
  .transform((v, ctx) => {
    if (!v.code && !v.voter) {
      ctx.addIssue({ code: "custom", path: ["code"], message: "turnout.errors.voterRequired" });
      return z.NEVER;
    }
    const choices = choicesOf(v, ctx);
    return choices ? { code: v.code, voter: v.voter, choices } : z.NEVER;
  });

export const PetitionSchema = z.object({
  title: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
  agenda: z.string().trim().min(1, "errors.required").max(5000, "errors.tooLong"),
});
