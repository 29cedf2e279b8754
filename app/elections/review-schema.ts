/**
 * Zod schemas for the candidate page's forms, the reviewers' queue, the street office's overview and the
 * street's vetting settings: shared by the forms (client) and the actions and loaders (server). Messages are
 * i18n keys.
 */
import { z } from "zod";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { REVIEWER_KINDS } from "./rules";

const id = z.string().trim().min(1, "errors.invalid").max(64, "errors.invalid");
const reason = z.string({ error: "elections.errors.reasonRequired" }).trim().min(1, "elections.errors.reasonRequired").max(2000, "errors.tooLong");

export const DecideSchema = z.object({
  intent: z.literal("decide"),
  partyOrgId: id,
  decision: z.enum(["approve", "reject"], { error: "elections.candidate.errors.decisionRequired" }),
  reason,
});

export const AnswerAppealSchema = z.object({
  intent: z.literal("answer"),
  partyOrgId: id,
  outcome: z.enum(["upheld", "overturned"], { error: "elections.candidate.errors.outcomeRequired" }),
  reason,
});

export const AppealSchema = z.object({
  intent: z.literal("appeal"),
  statement: z.string({ error: "elections.errors.statementRequired" }).trim().min(1, "elections.errors.statementRequired").max(4000, "errors.tooLong"),
});

export const CandidateActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("endorse") }),
  DecideSchema,
  AnswerAppealSchema,
  AppealSchema,
]);
export type CandidateAction = z.output<typeof CandidateActionSchema>;

// ————————————————————————————————————————————————————————— reviewers' queue

export const QUEUE_TASKS = ["decide", "answer"] as const;
export const QUEUE_SORT_KEYS = ["since", "compound"] as const;
export const QueueListSchema = listParamsSchema(QUEUE_SORT_KEYS, "since", "asc", {
  org: optionalText(64),
  task: z.enum(QUEUE_TASKS).optional().catch(undefined),
  overdue: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type QueueListParams = z.output<typeof QueueListSchema>;

// ————————————————————————————————————————————————————————— street office's overview

/** The stages of electionStage, in the order an election moves through them. */
export const OVERVIEW_STAGES = ["no_group", "group_formed", "nominating", "vetting", "candidates_published"] as const;
export type OverviewStage = (typeof OVERVIEW_STAGES)[number];
export const OVERVIEW_SORT_KEYS = ["name", "stage"] as const;
export const OverviewListSchema = listParamsSchema(OVERVIEW_SORT_KEYS, "name", "asc", {
  stage: z.enum(OVERVIEW_STAGES).optional().catch(undefined),
  q: optionalText(100),
});
export type OverviewListParams = z.output<typeof OverviewListSchema>;

// ————————————————————————————————————————————————————————— street's vetting settings

export const StreetReviewersSchema = z.object({
  requiredReviewers: z.array(z.enum(REVIEWER_KINDS, { error: "elections.errors.reviewersRequired" })).min(1, "elections.errors.reviewersRequired"),
});
