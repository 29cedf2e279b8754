import { z } from "zod";
import { Phone } from "~/auth/schema";
import { normalisePhone } from "~/auth/rules";
import { listParamsSchema, optionalText } from "~/ui/list-params";
import { creditCodeProblem, normaliseCreditCode, type CreditCodeProblem } from "./rules";

/** Shared by the company forms (client) and their actions (server); messages are i18n keys. */

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  LENGTH: "governance.errors.creditCodeLength",
  CHARACTER: "governance.errors.creditCodeCharacter",
  DIVISION: "governance.errors.creditCodeDivision",
  CHECK_CHARACTER: "governance.errors.creditCodeCheck",
};

/** A unified social credit code, normalised (trimmed, upper case, spaces and dashes removed) and checked. */
export const CreditCode = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(40, "governance.errors.creditCodeLength")
  .transform((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) {
      ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[problem] });
      return z.NEVER;
    }
    return normaliseCreditCode(v);
  });

const optionalLongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** A checkbox: "on" from a plain form, true/false or the value from react-hook-form. */
const Checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const companyFields = {
  name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong"),
  creditCode: CreditCode,
  contactName: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(60, "errors.tooLong"),
  address: optionalLongText(200),
  qualificationNotes: optionalLongText(2000),
  hasPartyOrg: Checkbox,
  partyOrgId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => (v ? v : null)),
};

/**
 * A company's service phone: a mobile number, a landline with its area code (0791-8612 3456, 079186123456) or a
 * 400 / 95 hotline. Stored without spaces; a landline keeps one dash after the area code.
 */
export const ServicePhone = z
  .string()
  .trim()
  .min(1, "errors.required")
  .transform((v, ctx) => {
    const mobile = normalisePhone(v);
    if (mobile) return mobile;
    const compact = v.replace(/[\s()（）]/g, "");
    const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(compact);
    if (landline) return `${landline[1]}-${landline[2]}`;
    if (/^(400-?\d{3}-?\d{4}|95\d{3,6})$/.test(compact)) return compact;
    ctx.addIssue({ code: "custom", message: "governance.companies.errors.servicePhoneInvalid" });
    return z.NEVER;
  });

const partyOrgNeedsFlag = (v: { hasPartyOrg: boolean; partyOrgId: string | null }) => v.hasPartyOrg || v.partyOrgId === null;
const PARTY_REFINE = { path: ["partyOrgId"], message: "governance.companies.errors.partyOrgWithoutFlag" };

/** Registering a company: every field, the contact phone required. */
export const CompanySchema = z.object({ ...companyFields, contactPhone: ServicePhone }).refine(partyOrgNeedsFlag, PARTY_REFINE);
export type CompanyInput = z.output<typeof CompanySchema>;

/** Editing a company: the (masked) contact phone is kept when the field is left empty. */
export const CompanyUpdateSchema = z
  .object({
    ...companyFields,
    contactPhone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(ServicePhone.optional()),
  })
  .refine(partyOrgNeedsFlag, PARTY_REFINE);
export type CompanyUpdateInput = z.output<typeof CompanyUpdateSchema>;

/** Adding a staff account: the person's mobile and name (the name is used only for a new account). */
export const StaffSchema = z.object({
  phone: Phone,
  name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(60, "errors.tooLong"),
});
export type StaffInput = z.output<typeof StaffSchema>;

export const StaffEndSchema = z.object({ grantId: z.string().trim().min(1).max(64) });

export const COMPANY_SORT_KEYS = ["name", "createdAt"] as const;
export const CompanyListSchema = listParamsSchema(COMPANY_SORT_KEYS, "name", "asc", {
  /** Part of the name or of the credit code. */
  q: optionalText(60),
  party: z.enum(["yes", "no"]).optional().catch(undefined),
});
export type CompanyListParams = z.output<typeof CompanyListSchema>;
