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

const optionalText = z.string().trim().max(20).optional().transform((v) => (v ? v : undefined));
const wholeNumber = (v: string | undefined) => (v !== undefined && /^\d{1,4}$/.test(v) ? Number(v) : null);

/**
 * The motion form: a question (MotionSchema's fields) or an election (kind "election"; category fixed to 3;
 * seats, the fewest elected for the committee to be formed, the most alternates (default: seats) and the
 * candidates' names, one per line). Shared by the form and the action.
 */
export const MotionFormSchema = z
  .object({
    kind: z.enum(["question", "election"]).catch("question"),
    title: z.string().trim().min(1, "errors.required").max(120, "errors.tooLong"),
    text: z.string().trim().min(1, "errors.required").max(20_000, "errors.tooLong"),
    category: optionalText,
    seats: optionalText,
    minSeats: optionalText,
    alternates: optionalText,
    candidates: z.string().max(6000, "errors.tooLong").optional(),
  })
  .transform((v, ctx) => {
    const issue = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    };
    if (v.kind === "question") {
      const category = wholeNumber(v.category);
      if (category === null || category < 1 || category > 9) return issue("category", "errors.required");
      return { kind: "question" as const, title: v.title, text: v.text, category };
    }
    const seats = wholeNumber(v.seats);
    if (seats === null || seats < 1 || seats > 100) return issue("seats", "decisions.election.errors.seats");
    const minSeats = wholeNumber(v.minSeats);
    if (minSeats === null || minSeats < 1 || minSeats > seats) return issue("minSeats", "decisions.election.errors.minSeats");
    const alternates = v.alternates === undefined ? seats : wholeNumber(v.alternates);
    if (alternates === null || alternates > seats) return issue("alternates", "decisions.election.errors.alternates");
    const names = (v.candidates ?? "").split(/\r?\n/).map((n) => n.trim()).filter((n) => n !== "");
    if (names.length === 0) return issue("candidates", "decisions.election.errors.noCandidates");
    if (names.length > 100) return issue("candidates", "decisions.election.errors.tooManyCandidates");
    if (names.some((n) => n.length > 60)) return issue("candidates", "decisions.election.errors.badName");
    if (new Set(names).size !== names.length) return issue("candidates", "decisions.election.errors.duplicateName");
    return { kind: "election" as const, title: v.title, text: v.text, seats, minSeats, alternates, candidates: names.map((name) => ({ name })) };
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

/** A ballot's answer to one motion: yes / no / abstain for a question, a list of candidate keys for an election. */
export type Choice = string | string[];

/** An election's answer as one form value: "abstain" (the empty list) or candidate keys joined by commas. */
export function electionFieldValue(list: readonly string[]): string {
  return list.length === 0 ? "abstain" : list.join(",");
}

/**
 * The ballot form's fields (online or paper): `c_<motion>` yes / no / abstain for a question, `e_<motion>` for an
 * election ("abstain", or candidate keys joined by commas; see `electionFieldValue`); empty = not taking part; at
 * least one motion answered. Whether the keys are known and how many may be chosen is the motion's
 * (`ballotProblem`, with the verifier's `choiceCode`). Null after adding the issue to the form.
 */
function choicesOf(v: Record<string, unknown>, ctx: z.RefinementCtx): Record<string, Choice> | null {
  const choices: Record<string, Choice> = {};
  // Election tokens per motion: from `e_<motion>` ("abstain" or keys joined by commas) or one box per
  // candidate, `e_<motion>.<candidate>` (a multipart form keeps one value per name), in the form's order.
  const tokens = new Map<string, string[]>();
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== "string" || val === "") continue;
    if (k.startsWith("e_")) {
      const dot = k.indexOf(".");
      const motion = dot < 0 ? k.slice(2) : k.slice(2, dot);
      const more = dot < 0 ? val.split(",").map((c) => c.trim()) : [k.slice(dot + 1)];
      tokens.set(motion, [...(tokens.get(motion) ?? []), ...more]);
      continue;
    }
    if (!k.startsWith("c_")) continue;
    if (!(QUESTION_CHOICES as readonly string[]).includes(val)) {
      ctx.addIssue({ code: "custom", path: [k], message: "decisions.errors.badChoice" });
      return null;
    }
    choices[k.slice(2)] = val;
  }
  for (const [motion, list] of tokens) {
    const abstain = list.includes("abstain");
    if (list.some((c) => c === "") || (abstain && list.length > 1)) {
      ctx.addIssue({ code: "custom", path: [`e_${motion}`], message: "decisions.election.errors.abstainWithNames" });
      return null;
    }
    choices[motion] = abstain ? [] : list;
  }
  if (Object.keys(choices).length === 0) {
    ctx.addIssue({ code: "custom", path: ["_form"], message: "decisions.errors.emptyBallot" });
    return null;
  }
  return choices;
}

/**
 * Several checkboxes of one election (`e_<motion>` repeated) as the one value the schemas take: the form's
 * text fields with each repeated `e_` name joined by commas (an "abstain" box alone stays "abstain").
 */
export function ballotFormValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    if (k.startsWith("e_")) {
      const all = form.getAll(k).filter((x): x is string => typeof x === "string" && x !== "");
      out[k] = all.join(",");
    } else out[k] = v;
  }
  return out;
}

export type ChoiceMotion = { key: string; kind: "question" | "election"; seats: number | null; candidates: readonly string[] };

/**
 * The first problem of a ballot's choices against the agenda, as an i18n key and the form field it belongs to,
 * or null. The verifier's `choiceCode` decides; nothing here differs between online and paper ballots.
 */
export function ballotProblem(motions: readonly ChoiceMotion[], choices: Record<string, Choice>, check: (m: ChoiceMotion, v: Choice) => string | null): { field: string; error: string } | null {
  const byKey = new Map(motions.map((m) => [m.key, m]));
  for (const [k, v] of Object.entries(choices)) {
    const m = byKey.get(k);
    if (!m) return { field: "_form", error: "decisions.errors.unknownMotion" };
    const code = check(m, v);
    if (!code) continue;
    if (m.kind === "question") return { field: "_form", error: "decisions.errors.badChoice" };
    if (!Array.isArray(v)) return { field: `e_${k}`, error: "decisions.errors.badChoice" };
    const error = { unknown: "decisions.election.errors.unknownCandidate", repeated: "decisions.election.errors.repeated", tooMany: "decisions.election.errors.tooMany" }[code] ?? "decisions.errors.badChoice";
    return { field: `e_${k}`, error };
  }
  if (Object.keys(choices).length === 0) return { field: "_form", error: "decisions.errors.emptyBallot" };
  return null;
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
