/**
 * zod schemas of the election pages (hub, group, setup, nominate, roll), shared by the forms (react-hook-form)
 * and the actions. Messages are i18n keys. Dates are read as Asia/Shanghai.
 */
import { z } from "zod";
import { localDateTimeText } from "~/ui/datetime-schema";
import { DateText } from "~/auth/schema";
import { normalisePhone } from "~/auth/rules";
import { endOfDay, startOfDay } from "~/platform/days";
import { NOMINATION_KINDS, OCCUPATIONS, PREP_ROLES, PROPERTY_COMPANY_RELATIONS } from "~db/schema/elections";

const Id = z.string().trim().min(1, "errors.invalid").max(64, "errors.invalid");

/** datetime-local text ("2026-04-20T09:00"), required, read as Asia/Shanghai. */
export const LocalDateTimeText = localDateTimeText();

/** A small whole number typed in a form ("5"). */
const Count = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{1,3}$/, "elections.errors.notWholeNumber")
  .transform(Number);

/** Setting up the election. The nomination window is given in days: it opens at 00:00 of the first day and
 *  closes at 24:00 of the last day (the last day is included), Asia/Shanghai. */
export const SetupSchema = z.object({
  seats: Count,
  minSeats: Count,
  alternates: Count,
  nominationOpensAt: DateText.transform((d) => startOfDay(d)),
  nominationClosesAt: DateText.transform((d) => endOfDay(d)),
  votingOpensAt: LocalDateTimeText,
  method: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(5000, "errors.tooLong"),
});
export type SetupInput = z.output<typeof SetupSchema>;

// ————————————————————————————————————————————————————————— forming the group

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const GroupMemberSchema = z
  .object({
    name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(60, "errors.tooLong"),
    role: z.enum(PREP_ROLES, { error: "errors.required" }),
    ownerId: optionalText(64),
    phone: optionalText(32),
  })
  .transform((m, ctx) => {
    if (m.role === "owner" && !m.ownerId) {
      ctx.addIssue({ code: "custom", path: ["ownerId"], message: "elections.group.errors.ownerRequired" });
      return z.NEVER;
    }
    let phone: string | undefined;
    if (m.phone) {
      const p = normalisePhone(m.phone);
      if (!p) {
        ctx.addIssue({ code: "custom", path: ["phone"], message: "errors.phoneInvalid" });
        return z.NEVER;
      }
      phone = p;
    }
    // The owner chosen only counts for an owners' rep.
    return { name: m.name, role: m.role, ownerId: m.role === "owner" ? m.ownerId : undefined, phone };
  });

/** The group form: rows `members.<i>.<field>` and one `leader` radio whose value is the leader's row number. */
export const GroupSchema = z.object({
  members: z.array(GroupMemberSchema).max(51, "errors.tooLong").optional().transform((v) => v ?? []),
  leader: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "errors.invalid")
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : Number(v))),
});
export type GroupInput = z.output<typeof GroupSchema>;

/**
 * A posted form's flat fields ("members.2.name") as the nested object react-hook-form submits and GroupSchema
 * takes. Rows keep their numbers, so the server's errors (e.g. `members.2.phone`) land next to the same row.
 */
export function nestMembers(values: Record<string, string>): { members: Record<string, string>[]; leader?: string } {
  const rows: Record<string, string>[] = [];
  for (const [k, v] of Object.entries(values)) {
    const m = /^members\.(\d{1,2})\.(name|role|ownerId|phone)$/.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    if (i > 50) continue;
    rows[i] ??= {};
    rows[i][m[2]] = v;
  }
  return { members: Array.from({ length: rows.length }, (_, i) => rows[i] ?? {}), leader: values.leader };
}

// ————————————————————————————————————————————————————————— nominating

export const NominateSchema = z.object({
  nominatedBy: z.enum(NOMINATION_KINDS, { error: "errors.required" }),
  ownerId: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.invalid"),
  occupation: z.enum(OCCUPATIONS, { error: "errors.required" }),
  partyMember: z.enum(["yes", "no"], { error: "errors.required" }).transform((v) => v === "yes"),
  propertyCompanyRelation: z.enum(PROPERTY_COMPANY_RELATIONS, { error: "errors.required" }),
  fullCapacityDeclared: z.union([z.literal("on"), z.literal(true), z.literal(false), z.literal("")]).optional().transform((v) => v === "on" || v === true),
  consent: z
    .union([z.literal("on"), z.literal(true), z.literal(false), z.literal("")], { error: "elections.errors.consentRequired" })
    .optional()
    .refine((v) => v === "on" || v === true, "elections.errors.consentRequired")
    .transform(() => true),
});
export type NominateFormInput = z.output<typeof NominateSchema>;

// ————————————————————————————————————————————————————————— the hub's actions (one schema per intent)

export const ObjectGroupSchema = z.object({
  intent: z.literal("objectGroup"),
  text: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const SettleSchema = z.object({
  intent: z.literal("settle"),
  objectionId: Id,
  outcome: z.enum(["upheld", "dismissed"], { error: "errors.required" }),
  settlement: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const DissolveSchema = z.object({
  intent: z.literal("dissolve"),
  confirm: z.literal("yes", { error: "elections.hub.errors.confirmRequired" }),
});

export const VotingDateSchema = z.object({ intent: z.literal("votingDate"), votingOpensAt: LocalDateTimeText });

export const PublishSchema = z.object({ intent: z.literal("publish") });

export const EndorseSchema = z.object({ intent: z.literal("endorse"), candidateId: Id });

export const ObjectListSchema = z.object({
  intent: z.literal("objectList"),
  candidateId: z
    .string()
    .trim()
    .max(64, "errors.invalid")
    .optional()
    .transform((v) => (v ? v : null)),
  text: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const AnswerListSchema = z.object({
  intent: z.literal("answer"),
  objectionId: Id,
  answer: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(2000, "errors.tooLong"),
});

export const HUB_INTENTS = ["objectGroup", "settle", "dissolve", "votingDate", "publish", "endorse", "objectList", "answer"] as const;
export type HubIntent = (typeof HUB_INTENTS)[number];

/** Warning codes the group form passes to the hub (`?warn=NO_DEVELOPER,NO_RESIDENTS_COMMITTEE`). */
export const PREP_WARNINGS = ["NO_DEVELOPER", "NO_RESIDENTS_COMMITTEE"] as const;
export function warningsFrom(param: string | null): (typeof PREP_WARNINGS)[number][] {
  const asked = (param ?? "").split(",");
  return PREP_WARNINGS.filter((w) => asked.includes(w));
}
