/**
 * zod schemas and constants of the filing (备案) page and of the street office's committee-status list, shared
 * by the forms (client) and the actions and loaders (server). Messages are i18n keys; days are Asia/Shanghai.
 */
import { z } from "zod";
import { DateText } from "~/auth/schema";
import { startOfDay } from "~/platform/days";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import type { CommitteeStatus } from "./rules";

// ————————————————————————————————————————————————————————— the filing's attachments

/**
 * What an initial filing carries (指导规则 Art. 33): the report on the assembly's founding and the committee's
 * election, the assembly's rules of procedure, the management covenant, and its other major decisions. A change
 * filing (Art. 34) may carry the documents of the change (minutes, a resignation, the assembly's decision). Each
 * kind is one file input of the form, named after the kind.
 */
export const INITIAL_KINDS = ["election_report", "rules_of_procedure", "management_covenant", "other_decisions"] as const;
export const CHANGE_KINDS = ["change_documents"] as const;
export const ATTACHMENT_KINDS = [...INITIAL_KINDS, ...CHANGE_KINDS] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The file inputs of a filing of this kind. */
export const kindsFor = (kind: "initial" | "change"): readonly AttachmentKind[] => (kind === "initial" ? INITIAL_KINDS : CHANGE_KINDS);

/** Art. 33 (1)–(3) are required for the initial filing; other decisions only where there are any. A change filing needs none. */
export const REQUIRED_KINDS: readonly AttachmentKind[] = ["election_report", "rules_of_procedure", "management_covenant"];

/** At most this many files per kind in one filing (more is refused, not cut). */
export const MAX_FILES_PER_KIND = 10;

/** Field errors for the uploaded files of a filing of this kind: a required kind missing, or too many files of one kind. */
export function attachmentErrors(kind: "initial" | "change", counts: Partial<Record<AttachmentKind, number>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const k of kindsFor(kind)) {
    const n = counts[k] ?? 0;
    if (n > MAX_FILES_PER_KIND) errors[k] = "committees.filings.errors.tooManyFiles";
    else if (n === 0 && REQUIRED_KINDS.includes(k)) errors[k] = "committees.filings.errors.attachmentRequired";
  }
  return errors;
}

// ————————————————————————————————————————————————————————— the forms

const Id = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.invalid");

const Text = (required: string) => z.string({ error: required }).trim().min(1, required).max(2000, "errors.tooLong");

/** The initial filing: its files only; the 30 days count from the election. */
export const InitialFilingSchema = z.object({ intent: z.literal("submit"), kind: z.literal("initial") });

/** A change filing: what changed and the day it did (the 30 days count from that day). */
export const ChangeFilingSchema = z.object({
  intent: z.literal("submit"),
  kind: z.literal("change"),
  summary: Text("committees.errors.summaryRequired"),
  eventAt: z.string({ error: "errors.required" }).trim().min(1, "errors.required").pipe(DateText).transform(startOfDay),
});

export const SubmitFilingSchema = z.discriminatedUnion("kind", [InitialFilingSchema, ChangeFilingSchema]);
export type SubmitFilingInput = z.output<typeof SubmitFilingSchema>;

/** The street office accepts a pending filing, or returns it with reasons. */
export const AcceptFilingSchema = z.object({ intent: z.literal("accept"), filingId: Id });
export const ReturnFilingSchema = z.object({ intent: z.literal("return"), filingId: Id, reasons: Text("committees.errors.reasonsRequired") });
export const DecideFilingSchema = z.discriminatedUnion("intent", [AcceptFilingSchema, ReturnFilingSchema]);

export const FILING_DONE = ["submitted", "accepted", "returned"] as const;
export type FilingDone = (typeof FILING_DONE)[number];

// ————————————————————————————————————————————————————————— the street office's list

/** Every committee status (app/committees/rules.ts), the most urgent first: the list sorts by this order. */
export const COMMITTEE_STATUSES = ["expired", "below_minimum", "filing_overdue", "term_ending", "preparing", "none", "active"] as const satisfies readonly CommitteeStatus[];
// A status added to the rules without a place here fails to compile.
const everyStatus: Record<Exclude<CommitteeStatus, (typeof COMMITTEE_STATUSES)[number]>, never> = {};
void everyStatus;

/**
 * Where the initial filing stands, the most urgent first: overdue (not accepted and its 30 days over, even while
 * one is pending), returned (the latest was sent back), pending (awaiting the street office), not yet submitted
 * (still within the 30 days), accepted.
 */
export const FILING_STATES = ["overdue", "returned", "pending", "not_submitted", "accepted"] as const;
export type FilingListState = (typeof FILING_STATES)[number];

/** The state of one filing duty (the initial filing, or one change) from its latest filing and its 30 days. */
export function filingListState(f: { accepted: boolean; latest: "submitted" | "accepted" | "returned" | null; pastDeadline: boolean }): FilingListState {
  if (f.accepted) return "accepted";
  if (f.pastDeadline) return "overdue";
  if (f.latest === "submitted") return "pending";
  if (f.latest === "returned") return "returned";
  return "not_submitted";
}

export const AREA_SORT_KEYS = ["name", "status", "termLastDay", "reElectionFrom", "members", "filing", "pendingFilings"] as const;
export const AreaCommitteeListSchema = listParamsSchema(AREA_SORT_KEYS, "status", "asc", {
  status: z.enum(COMMITTEE_STATUSES).optional().catch(undefined),
  q: optionalText(100),
});
export type AreaCommitteeListParams = z.output<typeof AreaCommitteeListSchema>;
